import { readableCertificate } from '$lib/server/certificates/access';
import { certificatePdf } from '$lib/server/certificates/document';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const cert = await readableCertificate(event);
	const pdf = await certificatePdf(cert, event.url.origin);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': contentDisposition(`${cert.code}.pdf`),
			'cache-control': 'private, no-store'
		}
	});
};
