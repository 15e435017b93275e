import { error } from '@sveltejs/kit';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { readableCertificate } from '$lib/server/certificates/access';
import { certificatePdf } from '$lib/server/certificates/document';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const cert = await readableCertificate(event);
	// Refused rather than stamped: a stamped copy would still carry the signed seal (QR and
	// metadata) that offline checks accept, and a stamp is cropped away in a minute.
	if (cert.revoked_at)
		error(
			410,
			m.cert_revoked_gone({ code: cert.code, date: formatDate(cert.revoked_at, getLocale()) })
		);
	const pdf = await certificatePdf(cert, event.url.origin);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': contentDisposition(`${cert.code}.pdf`),
			'cache-control': 'private, no-store'
		}
	});
};
