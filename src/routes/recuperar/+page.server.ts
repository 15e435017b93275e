import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requestPasswordReset } from '$lib/server/auth/accounts';
import { getDb } from '$lib/server/db';
import { fields, parseForm } from '$lib/server/forms';
import type { Actions } from './$types';

const ResetRequest = z.object({ email: fields.email });

export const actions: Actions = {
	default: async ({ request, url }) => {
		const form = await request.formData();
		const parsed = parseForm(ResetRequest, form);
		if (!parsed.ok) {
			return fail(400, { email: String(form.get('email') ?? '').slice(0, 254), errors: parsed.errors, sent: false });
		}
		await requestPasswordReset(getDb(), parsed.data.email, url.origin);
		return { sent: true, email: '', errors: {} as Record<string, string> };
	}
};
