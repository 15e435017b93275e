import { requireRole } from '$lib/server/auth/guard';
import { listAudit } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return { entries: await listAudit(getDb(), 200) };
};
