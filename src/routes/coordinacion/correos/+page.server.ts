import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireInstitutionAccess, requireRole } from '$lib/server/auth/guard';
import { hasRole, institutionScope } from '$lib/server/auth/roles';
import { listInstitutionOutbox } from '$lib/server/cohorts/repository';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';
import { parseId } from '$lib/server/input/ids';

/** The mails a coordinator's own actions sent to people of their institution (admins: everyone's). */
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'coordinator', 'admin');
	const scope = institutionScope(user);
	const asked = event.url.searchParams.get('institucion');
	const institutionId = asked ? parseId(asked) : scope === 'all' ? null : (scope[0] ?? null);
	if (institutionId === null) error(404, m.error_not_found());
	requireInstitutionAccess(user, institutionId);
	const mails = await listInstitutionOutbox(
		getDb(),
		institutionId,
		hasRole(user, 'admin') ? null : user.id
	);
	return { institutionId, mails };
};
