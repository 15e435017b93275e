import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '../auth/guard';
import { canSeeInstitution, hasRole } from '../auth/roles';
import { getDb } from '../db';
import { normaliseCode } from './code';
import { getCertificateByCode } from './repository';

/** The certificate behind a download URL, for its owner, an admin or the coordinator of its institution. */
export async function readableCertificate(event: Pick<RequestEvent<{ code: string }>, 'locals' | 'url' | 'params'>) {
	const user = requireUser(event);
	const code = normaliseCode(event.params.code);
	const cert = code ? await getCertificateByCode(getDb(), code) : undefined;
	if (!cert) error(404, m.error_not_found());
	const allowed =
		cert.user_id === user.id ||
		hasRole(user, 'admin') ||
		(cert.institution_id !== null && canSeeInstitution(user, cert.institution_id));
	if (!allowed) error(403, m.error_forbidden());
	return cert;
}
