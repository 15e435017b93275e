import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ipKey, lockedUntil, recordFailure, type ThrottleRule } from '$lib/server/auth/throttle';
import { normaliseCode } from '$lib/server/certificates/code';
import { getSigningKey } from '$lib/server/certificates/keys';
import { certificatePayload, getCertificateByCode } from '$lib/server/certificates/repository';
import { issuerFor } from '$lib/server/certificates/issuers';
import { verifyPayload } from '$lib/server/certificates/signature';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

// Guessing codes is the way to enumerate certificates: unknown look-ups are limited per address.
const UNKNOWN_CODE_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const load: PageServerLoad = async (event) => {
	const db = getDb();
	const key = `verify:${ipKey(event.getClientAddress())}`;
	if (await lockedUntil(db, [key])) error(429, m.verify_throttled());
	const code = normaliseCode(event.params.code);
	const cert = code ? await getCertificateByCode(db, code) : undefined;
	event.setHeaders({ 'cache-control': 'no-store' });
	if (!cert) {
		await recordFailure(db, key, UNKNOWN_CODE_RULE);
		return { status: 'unknown' as const, code: code ?? event.params.code.slice(0, 40) };
	}
	const signing = getSigningKey();
	// Signed by another key (a rotated one): the record itself is the authority online.
	const signatureOk = cert.key_id !== signing.keyId || verifyPayload(cert.payload, cert.signature, signing.publicKey);
	const payload = certificatePayload(cert);
	// Only what a verifier needs: no email, no account data.
	return {
		status: cert.revoked_at ? ('revoked' as const) : ('valid' as const),
		code: cert.code,
		signatureOk,
		keyId: cert.key_id,
		revokedAt: cert.revoked_at,
		certificate: {
			name: cert.full_name,
			course: cert.course_title,
			hours: cert.hours,
			completedAt: cert.completed_at,
			issuer: issuerFor(payload.issuer).name
		}
	};
};
