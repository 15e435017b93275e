import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { registeredPerInstitution } from '$lib/server/institutions/stats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'council', 'admin');
	const rows = await registeredPerInstitution(getDb());
	return { rows: rows.map((r) => ({ ...r, people: Number(r.people) })) };
};
