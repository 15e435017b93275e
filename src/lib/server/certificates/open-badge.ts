/**
 * A certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential), secured with a
 * Data Integrity proof, cryptosuite eddsa-jcs-2022, by the same Ed25519 key as the PDF. The issuer
 * is identified by a did:key, so verifiers need nothing from Aula's server — except, to learn of a
 * revocation, the status list its credentialStatus points to.
 */
import type { KeyObject } from 'node:crypto';
import type { Certificate } from '../db/schema';
import { didKey, withProof } from './proof';
import { statusIndexOf, statusListEntry, statusListUrl } from './status-list';

export {
	base58btc,
	base58btcDecode,
	didKey,
	verifyDataIntegrity as verifyOpenBadge
} from './proof';

export type OpenBadgeInput = {
	cert: Certificate;
	origin: string;
	issuerName: string;
	courseDescription: string;
	publicRaw: Buffer;
	privateKey: KeyObject;
};

export function openBadgeCredential({
	cert,
	origin,
	issuerName,
	courseDescription,
	publicRaw,
	privateKey
}: OpenBadgeInput) {
	const document = {
		'@context': [
			'https://www.w3.org/ns/credentials/v2',
			'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
		],
		id: `${origin}/verificar/${cert.code}`,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: cert.course_title,
		issuer: { id: didKey(publicRaw), type: ['Profile'], name: issuerName },
		validFrom: cert.issued_at,
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: [
				{
					type: 'IdentityObject',
					identityType: 'name',
					hashed: false,
					identityHash: cert.full_name
				}
			],
			achievement: {
				id: `${origin}/cursos/${cert.course_slug}`,
				type: ['Achievement'],
				achievementType: 'Course',
				name: cert.course_title,
				description: courseDescription,
				criteria: { narrative: `${cert.hours} h; course version ${cert.course_version}` }
			}
		},
		// A verifier holding only this file learns of a revocation from the published list.
		credentialStatus: statusListEntry(statusListUrl(origin), statusIndexOf(cert))
	};
	return withProof(document, cert.issued_at, publicRaw, privateKey);
}
