/**
 * A certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential), secured with a
 * Data Integrity proof, cryptosuite eddsa-jcs-2022, by the same Ed25519 key as the PDF. The issuer
 * is identified by a did:key, so verifiers need nothing from Aula's server.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import type { Certificate } from '../db/schema';
import { canonicalJson } from './signature';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btc(bytes: Uint8Array): string {
	let n = BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'));
	let out = '';
	while (n > 0n) {
		out = BASE58[Number(n % 58n)] + out;
		n /= 58n;
	}
	for (const b of bytes) {
		if (b !== 0) break;
		out = '1' + out;
	}
	return out;
}

export function base58btcDecode(text: string): Buffer {
	let n = 0n;
	for (const c of text) {
		const i = BASE58.indexOf(c);
		if (i < 0) throw new Error('not base58');
		n = n * 58n + BigInt(i);
	}
	const hex = n === 0n ? '' : n.toString(16);
	const body = Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
	const zeros = text.match(/^1*/)![0].length;
	return Buffer.concat([Buffer.alloc(zeros), body]);
}

/** did:key for an Ed25519 public key (multicodec 0xed01, multibase base58btc). */
export function didKey(publicRaw: Buffer): string {
	return `did:key:z${base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), publicRaw]))}`;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

function hashData(proofConfig: object, document: object): Buffer {
	return Buffer.concat([sha256(canonicalJson(proofConfig)), sha256(canonicalJson(document))]);
}

export type OpenBadgeInput = {
	cert: Certificate;
	origin: string;
	issuerName: string;
	courseDescription: string;
	publicRaw: Buffer;
	privateKey: KeyObject;
};

export function openBadgeCredential({ cert, origin, issuerName, courseDescription, publicRaw, privateKey }: OpenBadgeInput) {
	const did = didKey(publicRaw);
	const document = {
		'@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
		id: `${origin}/verificar/${cert.code}`,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: cert.course_title,
		issuer: { id: did, type: ['Profile'], name: issuerName },
		validFrom: cert.issued_at,
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: cert.full_name }],
			achievement: {
				id: `${origin}/cursos/${cert.course_slug}`,
				type: ['Achievement'],
				achievementType: 'Course',
				name: cert.course_title,
				description: courseDescription,
				criteria: { narrative: `${cert.hours} h; course version ${cert.course_version}` }
			}
		}
	};
	const proofConfig = {
		'@context': document['@context'],
		type: 'DataIntegrityProof',
		cryptosuite: 'eddsa-jcs-2022',
		created: cert.issued_at,
		verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
		proofPurpose: 'assertionMethod'
	};
	const proofValue = 'z' + base58btc(sign(null, hashData(proofConfig, document), privateKey));
	return { ...document, proof: { ...proofConfig, proofValue } };
}

/** Checks an eddsa-jcs-2022 proof made by openBadgeCredential (used by tests and cert:verify). */
export function verifyOpenBadge(credential: Record<string, unknown>, publicKey: KeyObject): boolean {
	const { proof, ...document } = credential as { proof?: Record<string, unknown> } & Record<string, unknown>;
	if (!proof || typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) return false;
	const { proofValue, ...proofConfig } = proof;
	try {
		return verify(null, hashData(proofConfig, document), publicKey, base58btcDecode((proofValue as string).slice(1)));
	} catch {
		return false;
	}
}
