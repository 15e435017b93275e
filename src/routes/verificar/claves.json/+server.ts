import { json } from '@sveltejs/kit';
import { getSigningKey } from '$lib/server/certificates/keys';
import { didKey } from '$lib/server/certificates/open-badge';
import type { RequestHandler } from './$types';

/** The public key certificates are signed with, for offline verification (npm run cert:verify). */
export const GET: RequestHandler = () => {
	const key = getSigningKey();
	return json({
		keys: [
			{
				keyId: key.keyId,
				did: didKey(key.publicRaw),
				jwk: key.publicKey.export({ format: 'jwk' }),
				pem: key.publicKey.export({ format: 'pem', type: 'spki' })
			}
		]
	});
};
