/**
 * Data Integrity proofs (cryptosuite eddsa-jcs-2022) by a did:key issuer: the Open Badges
 * credential and the revocation status list are both signed and checked here.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
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

/**
 * Adds an eddsa-jcs-2022 Data Integrity proof by the did:key of `publicRaw` to a credential. The
 * Open Badges credential and the revocation status list are both signed here, so one verifier
 * (verifyDataIntegrity) checks both.
 */
export function withProof<T extends { '@context': string[] }>(
	document: T,
	created: string,
	publicRaw: Buffer,
	privateKey: KeyObject
) {
	const did = didKey(publicRaw);
	const proofConfig = {
		'@context': document['@context'],
		type: 'DataIntegrityProof',
		cryptosuite: 'eddsa-jcs-2022',
		created,
		verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
		proofPurpose: 'assertionMethod'
	};
	const proofValue = 'z' + base58btc(sign(null, hashData(proofConfig, document), privateKey));
	return { ...document, proof: { ...proofConfig, proofValue } };
}

/** Checks an eddsa-jcs-2022 proof made by withProof (tests, cert:verify, the status list). */
export function verifyDataIntegrity(
	credential: Record<string, unknown>,
	publicKey: KeyObject
): boolean {
	const { proof, ...document } = credential as { proof?: Record<string, unknown> } & Record<
		string,
		unknown
	>;
	if (!proof || typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z'))
		return false;
	const { proofValue, ...proofConfig } = proof;
	try {
		return verify(
			null,
			hashData(proofConfig, document),
			publicKey,
			base58btcDecode((proofValue as string).slice(1))
		);
	} catch {
		return false;
	}
}
