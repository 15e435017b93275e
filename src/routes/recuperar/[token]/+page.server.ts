import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { resetPassword } from '$lib/server/auth/accounts';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { peekToken } from '$lib/server/auth/tokens';
import { getDb } from '$lib/server/db';
import { fields, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const NewPassword = z
	.object({ password: fields.newPassword, passwordConfirm: z.string({ error: 'error_required' }) })
	.refine((f) => f.password === f.passwordConfirm, {
		path: ['passwordConfirm'],
		message: 'error_password_mismatch'
	});

export const load: PageServerLoad = async ({ params }) => ({
	valid: (await peekToken(getDb(), params.token, 'reset')) !== null
});

export const actions: Actions = {
	default: async ({ request, params, cookies, url }) => {
		const parsed = parseForm(NewPassword, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, message: m.form_errors_title() });
		const userId = await resetPassword(getDb(), params.token, parsed.data.password);
		if (userId === null) return fail(400, { errors: {}, message: m.reset_invalid() });
		deleteSessionCookie(cookies, url);
		redirect(303, '/ingresar?restablecida=1');
	}
};
