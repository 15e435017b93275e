import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { registerAccount } from '$lib/server/auth/accounts';
import { getDb } from '$lib/server/db';
import { fields, parseForm } from '$lib/server/forms';
import {
	getInstitution,
	getUnit,
	listInstitutions,
	listUnits
} from '$lib/server/institutions/repository';
import type { Actions, PageServerLoad } from './$types';

const RegisterForm = z
	.object({
		fullName: fields.fullName,
		email: fields.email,
		password: fields.newPassword,
		passwordConfirm: z.string({ error: 'error_required' }),
		country: fields.country,
		institutionId: fields.idWith('error_institution_invalid'),
		unitId: fields.optionalId,
		jobTitle: fields.optionalText(120)
	})
	.refine((f) => f.password === f.passwordConfirm, {
		path: ['passwordConfirm'],
		message: 'error_password_mismatch'
	});

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/');
	const db = getDb();
	const [institutions, units] = await Promise.all([listInstitutions(db), listUnits(db)]);
	return {
		institutions: institutions.map((i) => ({ id: i.id, name: i.name, country: i.country })),
		units: units.map((u) => ({ id: u.id, name: u.name, institutionId: u.institution_id }))
	};
};

export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		const form = await request.formData();
		const keep = {
			fullName: String(form.get('fullName') ?? '').slice(0, 120),
			email: String(form.get('email') ?? '').slice(0, 254),
			country: String(form.get('country') ?? ''),
			institutionId: String(form.get('institutionId') ?? ''),
			unitId: String(form.get('unitId') ?? ''),
			jobTitle: String(form.get('jobTitle') ?? '').slice(0, 120)
		};
		const parsed = parseForm(RegisterForm, form);
		if (!parsed.ok)
			return fail(400, { values: keep, errors: parsed.errors, message: m.form_errors_title() });
		const data = parsed.data;

		const db = getDb();
		const institution = await getInstitution(db, data.institutionId);
		if (!institution || institution.country !== data.country) {
			return fail(400, {
				values: keep,
				errors: { institutionId: m.error_institution_invalid() },
				message: m.form_errors_title()
			});
		}
		if (data.unitId !== null) {
			const unit = await getUnit(db, data.unitId);
			if (!unit || unit.institution_id !== institution.id) {
				return fail(400, {
					values: keep,
					errors: { unitId: m.error_unit_invalid() },
					message: m.form_errors_title()
				});
			}
		}
		const allowed = await registerAccount(
			db,
			{ ...data, locale: getLocale() },
			url.origin,
			getClientAddress()
		);
		if (!allowed.ok)
			return fail(429, {
				values: keep,
				errors: {},
				message: m.register_throttled({ minutes: allowed.minutes })
			});
		redirect(303, `/registro/enviado?email=${encodeURIComponent(data.email)}`);
	}
};
