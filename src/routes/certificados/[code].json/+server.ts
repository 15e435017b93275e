import { json } from '@sveltejs/kit';
import { readableCertificate } from '$lib/server/certificates/access';
import { issuerFor } from '$lib/server/certificates/issuers';
import { getSigningKey } from '$lib/server/certificates/keys';
import { openBadgeCredential } from '$lib/server/certificates/open-badge';
import { certificatePayload } from '$lib/server/certificates/repository';
import {
	statusIndexOf,
	statusListEntry,
	statusListUrl
} from '$lib/server/certificates/status-list';
import { findCourse } from '$lib/server/courses/catalog';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const cert = await readableCertificate(event);
	const headers = { 'cache-control': 'private, no-store' };
	if (cert.revoked_at) {
		// No fresh copy of a revoked credential; copies already out read revoked in the status list.
		return json(
			{
				code: cert.code,
				status: 'revoked',
				revokedAt: cert.revoked_at,
				reason: cert.revoked_reason,
				credentialStatus: statusListEntry(statusListUrl(event.url.origin), statusIndexOf(cert))
			},
			{ status: 410, headers }
		);
	}
	const key = getSigningKey();
	const payload = certificatePayload(cert);
	const credential = openBadgeCredential({
		cert,
		origin: event.url.origin,
		issuerName: issuerFor(payload.issuer).name,
		courseDescription: findCourse(cert.course_slug)?.summary ?? cert.course_title,
		publicRaw: key.publicRaw,
		privateKey: key.privateKey
	});
	return json(credential, {
		headers: { ...headers, 'content-disposition': contentDisposition(`${cert.code}.json`) }
	});
};
