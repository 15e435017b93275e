import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { activateAccount } from '$lib/server/auth/accounts';
import { setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { createSession } from '$lib/server/auth/session';
import { peekToken } from '$lib/server/auth/tokens';
import { getDb } from '$lib/server/db';
import { getUser } from '$lib/server/users/repository';
import type { Actions, PageServerLoad } from './$types';

// The link opens a page with a button: mail scanners that fetch links must not activate accounts.
export const load: PageServerLoad = async ({ params }) => ({
	valid: (await peekToken(getDb(), params.token, 'verify')) !== null
});

export const actions: Actions = {
	default: async (event) => {
		const db = getDb();
		const userId = await activateAccount(db, event.params.token);
		if (userId === null) return fail(400, { message: m.activate_invalid() });
		const user = await getUser(db, userId);
		const { token, session } = await createSession(db, userId, {
			userAgent: event.request.headers.get('user-agent'),
			ip: event.getClientAddress()
		});
		setSessionCookie(event.cookies, event.url, token, session.expires_at);
		if (user) setLocaleCookie(event.cookies, user.locale);
		redirect(303, '/');
	}
};
