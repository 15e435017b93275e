import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireInstitutionAccess, requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { getInstitution, getUnit } from '$lib/server/institutions/repository';
import { getUser } from '$lib/server/users/repository';
import type { PageServerLoad } from './$types';
import { parseId } from '$lib/server/input/ids';

export const load: PageServerLoad = async (event) => {
	const viewer = requireRole(event, 'coordinator', 'admin');
	const id = parseId(event.params.id);
	const db = getDb();
	const person = id === null ? undefined : await getUser(db, id);
	if (!person) error(404, m.user_not_found());
	// People without an institution belong to no coordinator; only admins see them.
	if (person.institution_id === null) requireRole(event, 'admin');
	else requireInstitutionAccess(viewer, person.institution_id);
	const [institution, unit] = await Promise.all([
		person.institution_id ? getInstitution(db, person.institution_id) : undefined,
		person.unit_id ? getUnit(db, person.unit_id) : undefined
	]);
	return {
		person: {
			fullName: person.full_name,
			email: person.email,
			institution: institution?.name ?? null,
			unit: unit?.name ?? null,
			jobTitle: person.job_title
		}
	};
};
