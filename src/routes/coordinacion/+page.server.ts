import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireInstitutionAccess, requireRole } from '$lib/server/auth/guard';
import { institutionScope } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db';
import { getInstitution } from '$lib/server/institutions/repository';
import { listUsers } from '$lib/server/users/repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'coordinator', 'admin');
	const scope = institutionScope(user);
	// Coordinators see their own institution; admins may pick one with ?institucion=ID.
	const asked = event.url.searchParams.get('institucion');
	const institutionId = asked ? Number(asked) : scope === 'all' ? null : (scope[0] ?? null);
	if (institutionId === null) return { institution: null, people: [], q: '' };
	if (!Number.isInteger(institutionId) || institutionId <= 0) error(404, m.error_not_found());
	requireInstitutionAccess(user, institutionId);
	const db = getDb();
	const institution = await getInstitution(db, institutionId);
	if (!institution) error(404, m.error_not_found());
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	return {
		institution: { id: institution.id, name: institution.name },
		people: await listUsers(db, { q, institutionIds: [institution.id] }),
		q
	};
};
