import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { formObject, parseForm } from '$lib/server/forms';
import { addInstitution, InstitutionForm } from '$lib/server/institutions/admin';
import { listInstitutions, listUnits } from '$lib/server/institutions/repository';
import { SECTORS } from '$lib/server/institutions/seed-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const db = getDb();
	const [institutions, units] = await Promise.all([listInstitutions(db), listUnits(db)]);
	return {
		sectors: [...SECTORS],
		institutions: institutions.map((i) => ({
			...i,
			units: units.filter((u) => u.institution_id === i.id).length
		}))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await event.request.formData();
		const parsed = parseForm(InstitutionForm, form);
		if (!parsed.ok) return fail(400, { values: formObject(form), errors: parsed.errors, message: m.form_errors_title() });
		const result = await addInstitution(getDb(), admin.id, parsed.data);
		if (result === 'duplicate') {
			return fail(400, { values: formObject(form), errors: { name: m.institution_duplicate() }, message: m.institution_duplicate() });
		}
		return { ok: m.institution_created() };
	}
};
