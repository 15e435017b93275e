import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { listOutbox } from '$lib/server/mail';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return { mails: await listOutbox(getDb(), 100) };
};
