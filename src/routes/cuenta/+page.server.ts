import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { changePassword } from '$lib/server/auth/accounts';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { requireUser } from '$lib/server/auth/guard';
import {
	invalidateUserSessions,
	listUserSessions,
	revokeOwnSession
} from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { fields, parseForm } from '$lib/server/forms';
import { getInstitution, getUnit } from '$lib/server/institutions/repository';
import type { Actions, PageServerLoad } from './$types';

const PasswordChange = z
	.object({
		current: fields.anyPassword,
		password: fields.newPassword,
		passwordConfirm: z.string({ error: 'error_required' })
	})
	.refine((f) => f.password === f.passwordConfirm, {
		path: ['passwordConfirm'],
		message: 'error_password_mismatch'
	});

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const [sessions, institution, unit] = await Promise.all([
		listUserSessions(db, user.id),
		user.institutionId ? getInstitution(db, user.institutionId) : undefined,
		user.unitId ? getUnit(db, user.unitId) : undefined
	]);
	return {
		profile: {
			fullName: user.fullName,
			email: user.email,
			country: user.country,
			institution: institution?.name ?? null,
			unit: unit?.name ?? null
		},
		sessions: sessions.map((s) => ({
			id: s.id,
			current: s.id === event.locals.sessionId,
			createdAt: s.created_at,
			lastSeenAt: s.last_seen_at,
			userAgent: s.user_agent
		}))
	};
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(PasswordChange, await event.request.formData());
		if (!parsed.ok)
			return fail(400, { form: 'password', errors: parsed.errors, message: m.form_errors_title() });
		const result = await changePassword(
			getDb(),
			user.id,
			parsed.data.current,
			parsed.data.password,
			event.locals.sessionId!
		);
		if (result === 'wrong-password') {
			return fail(400, {
				form: 'password',
				errors: { current: m.account_password_wrong() },
				message: m.form_errors_title()
			});
		}
		return { form: 'password', ok: m.account_password_changed() };
	},
	revoke: async (event) => {
		const user = requireUser(event);
		const id = String((await event.request.formData()).get('sessionId') ?? '');
		await revokeOwnSession(getDb(), user.id, id);
		if (id === event.locals.sessionId) {
			deleteSessionCookie(event.cookies, event.url);
			redirect(303, '/ingresar');
		}
		return { form: 'sessions', ok: m.account_session_revoked() };
	},
	everywhere: async (event) => {
		const user = requireUser(event);
		await invalidateUserSessions(getDb(), user.id);
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/ingresar');
	}
};
