import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { fields, parseForm } from '$lib/server/forms';
import { transferPerson } from '$lib/server/institutions/merge';
import { getInstitution, getUnit, listInstitutions } from '$lib/server/institutions/repository';
import {
	assignRole,
	GRANTABLE_ROLES,
	removeRole,
	type RoleChangeError
} from '$lib/server/users/role-admin';
import { getUser, rolesOf } from '$lib/server/users/repository';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/server/input/ids';

const Grant = z.object({
	role: z.enum(GRANTABLE_ROLES, { error: 'user_role_invalid' }),
	institutionId: fields.optionalId
});
const Transfer = z.object({ institutionId: fields.id });
const Revoke = z.object({ role: z.enum(GRANTABLE_ROLES, { error: 'user_role_invalid' }) });

function userId(param: string): number {
	const id = parseId(param);
	if (id === null) error(404, m.user_not_found());
	return id;
}

const roleErrorMessage: Record<RoleChangeError, () => string> = {
	'user-not-found': m.user_not_found,
	'scope-required': m.user_role_scope_required,
	'last-admin': m.user_role_last_admin
};

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const db = getDb();
	const person = await getUser(db, userId(event.params.id));
	if (!person) error(404, m.user_not_found());
	const [roles, institutions, institution, unit] = await Promise.all([
		rolesOf(db, person.id),
		listInstitutions(db),
		person.institution_id ? getInstitution(db, person.institution_id) : undefined,
		person.unit_id ? getUnit(db, person.unit_id) : undefined
	]);
	return {
		person: {
			id: person.id,
			fullName: person.full_name,
			email: person.email,
			institution: institution?.name ?? null,
			unit: unit?.name ?? null
		},
		roles: roles.map((r) => ({
			role: r.role,
			institution: r.institutionId
				? (institutions.find((i) => i.id === r.institutionId)?.name ?? null)
				: null
		})),
		institutions: institutions.map((i) => ({ id: i.id, name: i.name, country: i.country })),
		defaultInstitutionId: person.institution_id
	};
};

export const actions: Actions = {
	grant: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(Grant, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const problem = await assignRole(
			getDb(),
			admin.id,
			userId(event.params.id),
			parsed.data.role,
			parsed.data.institutionId
		);
		if (problem)
			return fail(problem === 'user-not-found' ? 404 : 400, {
				message: roleErrorMessage[problem]()
			});
		return { ok: m.user_role_granted() };
	},
	revoke: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(Revoke, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const problem = await removeRole(getDb(), admin.id, userId(event.params.id), parsed.data.role);
		if (problem) return fail(400, { message: roleErrorMessage[problem]() });
		return { ok: m.user_role_revoked() };
	},
	transfer: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(Transfer, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: m.error_institution_invalid() });
		const result = await transferPerson(
			getDb(),
			admin.id,
			userId(event.params.id),
			parsed.data.institutionId
		);
		if (result === 'user-not-found') error(404, m.user_not_found());
		if (result === 'institution-not-found')
			return fail(400, { message: m.error_institution_invalid() });
		if (result === 'same') return fail(400, { message: m.user_transfer_same() });
		return { ok: m.user_transfer_ok() };
	}
};
