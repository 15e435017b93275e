import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { fields, formObject, parseForm } from '$lib/server/forms';
import {
	addUnit,
	editInstitution,
	InstitutionForm,
	UnitForm
} from '$lib/server/institutions/admin';
import { mergeInstitutions } from '$lib/server/institutions/merge';
import { getInstitution, listInstitutions, listUnits } from '$lib/server/institutions/repository';
import { SECTORS } from '$lib/server/institutions/seed-data';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/server/input/ids';

const Merge = z.object({ intoId: fields.id });

async function institutionOr404(param: string) {
	const id = parseId(param);
	const inst = id === null ? undefined : await getInstitution(getDb(), id);
	if (!inst) error(404, m.error_not_found());
	return inst;
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const inst = await institutionOr404(event.params.id);
	const others = (await listInstitutions(getDb()))
		.filter((i) => i.id !== inst.id)
		.map((i) => ({ id: i.id, name: i.name, country: i.country }));
	return {
		institution: inst,
		units: await listUnits(getDb(), inst.id),
		sectors: [...SECTORS],
		others,
		merged: event.url.searchParams.has('fusionada')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const admin = requireRole(event, 'admin');
		const inst = await institutionOr404(event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(InstitutionForm, form);
		if (!parsed.ok)
			return fail(400, {
				form: 'save',
				values: formObject(form),
				errors: parsed.errors,
				message: m.form_errors_title()
			});
		if ((await editInstitution(getDb(), admin.id, inst.id, parsed.data)) === 'duplicate') {
			return fail(400, {
				form: 'save',
				values: formObject(form),
				errors: { name: m.institution_duplicate() },
				message: m.institution_duplicate()
			});
		}
		return { form: 'save', ok: m.institution_saved() };
	},
	unit: async (event) => {
		const admin = requireRole(event, 'admin');
		const inst = await institutionOr404(event.params.id);
		const form = await event.request.formData();
		const parsed = parseForm(UnitForm, form);
		if (!parsed.ok)
			return fail(400, { form: 'unit', errors: parsed.errors, message: m.form_errors_title() });
		const result = await addUnit(
			getDb(),
			admin.id,
			inst.id,
			parsed.data.name,
			parsed.data.department
		);
		if (result === 'duplicate')
			return fail(400, {
				form: 'unit',
				errors: { unitName: m.unit_duplicate() },
				message: m.unit_duplicate()
			});
		return { form: 'unit', ok: m.unit_created() };
	},
	merge: async (event) => {
		const admin = requireRole(event, 'admin');
		const inst = await institutionOr404(event.params.id);
		const parsed = parseForm(Merge, await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'merge', message: m.institution_merge_same() });
		const result = await mergeInstitutions(getDb(), admin.id, inst.id, parsed.data.intoId);
		if (!result.ok) return fail(400, { form: 'merge', message: m.institution_merge_same() });
		redirect(303, `/admin/instituciones/${parsed.data.intoId}?fusionada=1`);
	}
};
