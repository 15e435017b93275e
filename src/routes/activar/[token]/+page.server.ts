import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { activateAccount } from '$lib/server/auth/accounts';
import { signIn } from '$lib/server/auth/sign-in';
import { peekToken } from '$lib/server/auth/tokens';
import { getDb } from '$lib/server/db';
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
		await signIn(event, db, userId);
		redirect(303, '/');
	}
};
