import { createHash } from 'node:crypto';
import { getSigningKey } from '$lib/server/certificates/keys';
import { revocationListFacts } from '$lib/server/certificates/repository';
import {
	statusListCredential,
	STATUS_LIST_TTL_SECONDS
} from '$lib/server/certificates/status-list';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * The revocation status list every Open Badges credential points to. Public and cacheable: it is
 * the same bytes for everyone until a certificate is issued or revoked (hence the ETag).
 */
export const GET: RequestHandler = async ({ url, request }) => {
	const key = getSigningKey();
	const credential = statusListCredential({
		origin: url.origin,
		...(await revocationListFacts(getDb())),
		publicRaw: key.publicRaw,
		privateKey: key.privateKey
	});
	const body = JSON.stringify(credential);
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
	const headers = {
		'content-type': 'application/vc',
		'cache-control': `public, max-age=${STATUS_LIST_TTL_SECONDS}`,
		etag,
		'access-control-allow-origin': '*'
	};
	if (request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers });
	return new Response(body, { headers });
};
