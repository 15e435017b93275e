import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url, setHeaders }) => {
		// Pages stored for offline reading belong to the person leaving (docs/offline.md).
		setHeaders({ 'Clear-Site-Data': '"cache"' });
		if (locals.sessionId) await invalidateSession(getDb(), locals.sessionId);
		deleteSessionCookie(cookies, url);
		redirect(303, '/');
	}
};
