import { json } from '@sveltejs/kit';
import { readableCertificate } from '$lib/server/certificates/access';
import { issuerFor } from '$lib/server/certificates/issuers';
import { getSigningKey } from '$lib/server/certificates/keys';
import { openBadgeCredential } from '$lib/server/certificates/open-badge';
import type { CertificatePayload } from '$lib/server/certificates/signature';
import { findCourse } from '$lib/server/courses/catalog';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const cert = await readableCertificate(event);
	const key = getSigningKey();
	const payload = JSON.parse(cert.payload) as CertificatePayload;
	const credential = openBadgeCredential({
		cert,
		origin: event.url.origin,
		issuerName: issuerFor(payload.issuer).name,
		courseDescription: findCourse(cert.course_slug)?.summary ?? cert.course_title,
		publicRaw: key.publicRaw,
		privateKey: key.privateKey
	});
	return json(credential, {
		headers: {
			'content-disposition': contentDisposition(`${cert.code}.json`),
			'cache-control': 'private, no-store'
		}
	});
};
