import { generateKeyPairSync } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyFromPem } from './keys';
import { verifyDataIntegrity } from './proof';
import {
	decodeStatusList,
	encodeStatusList,
	statusBit,
	statusFromList,
	statusListBits,
	statusListCredential,
	statusListEntry,
	statusListUrl
} from './status-list';

const key = keyFromPem(
	generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
);
const ORIGIN = 'https://aula.example';

describe('Bitstring Status List encoding', () => {
	it('is multibase base64url of GZIP, at least 16 KB, bit 0 the leftmost bit of the first byte', () => {
		const encoded = encodeStatusList([0, 9], statusListBits(10));
		expect(encoded.startsWith('u')).toBe(true);
		const raw = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
		expect(raw.length).toBe(16_384);
		expect(raw[0]).toBe(0b1000_0000);
		expect(raw[1]).toBe(0b0100_0000);
		expect(raw.subarray(2).every((b) => b === 0)).toBe(true);
	});

	it('grows by whole 16 KB blocks and refuses indexes outside the list', () => {
		expect(statusListBits(0)).toBe(131_072);
		expect(statusListBits(131_071)).toBe(131_072);
		expect(statusListBits(131_072)).toBe(262_144);
		expect(() => encodeStatusList([131_072], 131_072)).toThrow(RangeError);
		expect(statusBit(Buffer.alloc(2), 16)).toBeNull();
	});

	it('reads back exactly the bits that were set', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.nat(300_000), { maxLength: 40 }),
				fc.nat(300_000),
				(set, probe) => {
					const list = decodeStatusList(encodeStatusList(set, statusListBits(300_000)));
					expect(statusBit(list, probe)).toBe(set.includes(probe));
					for (const i of set) expect(statusBit(list, i)).toBe(true);
				}
			),
			{ numRuns: 30 }
		);
	});
});

describe('status list credential', () => {
	const list = statusListCredential({
		origin: ORIGIN,
		revokedIndexes: [7],
		highestIndex: 12,
		validFrom: '2026-11-30T10:00:00.000Z',
		publicRaw: key.publicRaw,
		privateKey: key.privateKey
	});

	it('is a BitstringStatusListCredential whose proof verifies with the certificates key', () => {
		expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
		expect(list.credentialSubject.type).toBe('BitstringStatusList');
		expect(list.credentialSubject.statusPurpose).toBe('revocation');
		expect(verifyDataIntegrity(list, key.publicKey)).toBe(true);
		const forged = structuredClone(list);
		forged.credentialSubject.encodedList = encodeStatusList([], statusListBits(12));
		expect(verifyDataIntegrity(forged, key.publicKey)).toBe(false);
	});

	it('reads revoked for a set bit, valid for a clear one, unknown for an entry of another list', () => {
		const url = statusListUrl(ORIGIN);
		expect(statusFromList(statusListEntry(url, 7), list)).toBe('revoked');
		expect(statusFromList(statusListEntry(url, 8), list)).toBe('valid');
		expect(statusFromList(statusListEntry('https://other.example/list', 7), list)).toBe('unknown');
		expect(statusFromList({ ...statusListEntry(url, 7), statusListIndex: '' }, list)).toBe(
			'unknown'
		);
		expect(statusFromList(statusListEntry(url, 999_999), list)).toBe('unknown');
		expect(statusFromList(undefined, list)).toBe('unknown');
	});
});
