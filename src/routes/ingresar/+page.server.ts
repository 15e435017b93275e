import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { logIn } from '$lib/server/auth/accounts';
import { signIn } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db';
import { fields, parseForm, type FieldErrors } from '$lib/server/forms';
import { safeRedirectPath } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const LoginForm = z.object({ email: fields.email, password: fields.anyPassword });

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('next')));
	return { resetDone: url.searchParams.has('restablecida') };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, url } = event;
		const form = await request.formData();
		const email = String(form.get('email') ?? '').slice(0, 254);
		const parsed = parseForm(LoginForm, form);
		if (!parsed.ok)
			return fail(400, { email, errors: parsed.errors, message: m.form_errors_title() });

		const db = getDb();
		const result = await logIn(db, { ...parsed.data, ip: event.getClientAddress() }, url.origin);
		if (!result.ok) {
			if (result.reason === 'locked') {
				return fail(429, {
					email,
					errors: {} as FieldErrors,
					message: m.login_locked({ minutes: result.minutes })
				});
			}
			if (result.reason === 'unverified') {
				return fail(403, { email, errors: {} as FieldErrors, message: m.login_unverified() });
			}
			return fail(400, { email, errors: {} as FieldErrors, message: m.login_invalid() });
		}
		await signIn(event, db, result.userId);
		redirect(303, safeRedirectPath(url.searchParams.get('next')));
	}
};
