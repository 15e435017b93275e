/**
 * Revocation as a W3C Bitstring Status List: one public, signed list of bits, one per certificate
 * (bit set = revoked). Every Open Badges credential points at its bit, so a verifier holding only
 * the JSON learns of a revocation, and the list, fetched whole, says nothing about which
 * certificate is being checked. Pure: the repository gathers the revoked indexes.
 *
 * A certificate's index is its database id: ids are never reused (SQLite AUTOINCREMENT, PostgreSQL
 * serial) nor changed, so the index printed in a credential stays the certificate's for good.
 */
import type { KeyObject } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Certificate } from '../db/schema';
import { didKey, withProof } from './proof';

/** The spec's minimum (16 KB uncompressed), for herd privacy; the list grows by whole blocks. */
export const STATUS_LIST_BLOCK_BITS = 131_072;
/** How long verifiers and caches may keep the list (also its Cache-Control max-age). */
export const STATUS_LIST_TTL_SECONDS = 300;

export const statusListUrl = (origin: string) => `${origin}/verificar/estado.json`;

export const statusIndexOf = (cert: Pick<Certificate, 'id'>) => cert.id;

export type StatusListEntry = {
	id: string;
	type: 'BitstringStatusListEntry';
	statusPurpose: 'revocation';
	statusListIndex: string;
	statusListCredential: string;
};

export function statusListEntry(listUrl: string, index: number): StatusListEntry {
	return {
		id: `${listUrl}#${index}`,
		type: 'BitstringStatusListEntry',
		statusPurpose: 'revocation',
		statusListIndex: String(index),
		statusListCredential: listUrl
	};
}

/** Bits for indexes 0…highestIndex, in whole 16 KB blocks. */
export const statusListBits = (highestIndex: number) =>
	Math.max(1, Math.ceil((highestIndex + 1) / STATUS_LIST_BLOCK_BITS)) * STATUS_LIST_BLOCK_BITS;

/** Multibase base64url (`u…`) of the GZIP-compressed bitstring; bit 0 is the first byte's leftmost. */
export function encodeStatusList(setIndexes: Iterable<number>, bits: number): string {
	const bytes = Buffer.alloc(bits / 8);
	for (const i of setIndexes) {
		if (!Number.isInteger(i) || i < 0 || i >= bits)
			throw new RangeError(`Status index ${i} outside the list`);
		bytes[i >> 3] |= 0x80 >> (i & 7);
	}
	return 'u' + gzipSync(bytes).toString('base64url');
}

export function decodeStatusList(encoded: string): Buffer {
	if (!encoded.startsWith('u')) throw new Error('encodedList is not multibase base64url');
	return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}

/** The bit at `index` of a decoded list; null when the index lies beyond it. */
export function statusBit(list: Buffer, index: number): boolean | null {
	if (!Number.isInteger(index) || index < 0 || index >= list.length * 8) return null;
	return (list[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

export type StatusListInput = {
	origin: string;
	revokedIndexes: number[];
	highestIndex: number;
	/** When the list last changed (latest issuance or revocation): same state, same bytes. */
	validFrom: string;
	publicRaw: Buffer;
	privateKey: KeyObject;
};

/** The BitstringStatusListCredential, signed like the certificates' credentials. */
export function statusListCredential({
	origin,
	revokedIndexes,
	highestIndex,
	validFrom,
	publicRaw,
	privateKey
}: StatusListInput) {
	const url = statusListUrl(origin);
	const document = {
		'@context': ['https://www.w3.org/ns/credentials/v2'],
		id: url,
		type: ['VerifiableCredential', 'BitstringStatusListCredential'],
		issuer: didKey(publicRaw),
		validFrom,
		credentialSubject: {
			id: `${url}#list`,
			type: 'BitstringStatusList',
			statusPurpose: 'revocation',
			encodedList: encodeStatusList(revokedIndexes, statusListBits(highestIndex)),
			ttl: STATUS_LIST_TTL_SECONDS * 1000
		}
	};
	return withProof(document, validFrom, publicRaw, privateKey);
}

export type CredentialStatus = 'valid' | 'revoked' | 'unknown';

/**
 * What a (proof-checked) status list says of a credential's status entry: the entry must name
 * this list and purpose, and the index must fall inside it.
 */
export function statusFromList(entry: unknown, list: Record<string, unknown>): CredentialStatus {
	const e = entry as Partial<StatusListEntry> | undefined;
	const subject = list.credentialSubject as
		{ statusPurpose?: unknown; encodedList?: unknown } | undefined;
	if (!e || e.statusPurpose !== 'revocation' || e.statusListCredential !== list.id)
		return 'unknown';
	if (subject?.statusPurpose !== 'revocation' || typeof subject.encodedList !== 'string')
		return 'unknown';
	if (typeof e.statusListIndex !== 'string' || !/^\d{1,10}$/.test(e.statusListIndex))
		return 'unknown';
	const index = Number(e.statusListIndex);
	try {
		const bit = statusBit(decodeStatusList(subject.encodedList), index);
		return bit === null ? 'unknown' : bit ? 'revoked' : 'valid';
	} catch {
		return 'unknown';
	}
}
