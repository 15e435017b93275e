import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { acceptInvitation } from '$lib/server/auth/accounts';
import { signIn } from '$lib/server/auth/sign-in';
import { peekToken } from '$lib/server/auth/tokens';
import { getDb } from '$lib/server/db';
import { fields, parseForm } from '$lib/server/forms';
import { getUser } from '$lib/server/users/repository';
import type { Actions, PageServerLoad } from './$types';

const NewPassword = z
	.object({ password: fields.newPassword, passwordConfirm: z.string({ error: 'error_required' }) })
	.refine((f) => f.password === f.passwordConfirm, {
		path: ['passwordConfirm'],
		message: 'error_password_mismatch'
	});

export const load: PageServerLoad = async ({ params }) => {
	const userId = await peekToken(getDb(), params.token, 'invite');
	const user = userId === null ? undefined : await getUser(getDb(), userId);
	return { valid: !!user, email: user?.email ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(NewPassword, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, message: m.form_errors_title() });
		const db = getDb();
		const userId = await acceptInvitation(db, event.params.token, parsed.data.password);
		if (userId === null) return fail(400, { errors: {}, message: m.invite_invalid() });
		await signIn(event, db, userId);
		redirect(303, '/mis-cursos');
	}
};
