import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { listUsers } from '$lib/server/users/repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	return { q, users: await listUsers(getDb(), { q, institutionIds: 'all' }) };
};
