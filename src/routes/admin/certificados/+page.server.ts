import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { normaliseCode } from '$lib/server/certificates/code';
import { revokeCertificate, searchCertificates } from '$lib/server/certificates/repository';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const Revoke = z.object({
	code: z.string({ error: 'verify_invalid_code' }).transform((v, ctx) => {
		const code = normaliseCode(v);
		if (!code) ctx.addIssue({ code: 'custom', message: 'verify_invalid_code' });
		return code ?? '';
	}),
	reason: z.string({ error: 'cert_revoke_reason_required' }).trim().min(5, 'cert_revoke_reason_required').max(500, 'cert_revoke_reason_required')
});

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const rows = await searchCertificates(getDb(), q);
	return {
		q,
		certificates: rows.map((c) => ({
			code: c.code,
			name: c.full_name,
			course: c.course_title,
			institution: c.institution_name,
			issuedAt: c.issued_at,
			revokedAt: c.revoked_at,
			reason: c.revoked_reason
		}))
	};
};

export const actions: Actions = {
	revoke: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(Revoke, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const result = await revokeCertificate(getDb(), parsed.data.code, parsed.data.reason, admin.id);
		if (result === 'not-found') return fail(404, { message: m.verify_unknown() });
		if (result === 'already-revoked') return fail(409, { message: m.cert_already_revoked() });
		return { ok: m.cert_revoked_ok() };
	}
};
