/**
 * What a certificate attests, as canonical JSON signed with Ed25519. The QR code and the PDF carry
 * `v1.<payload base64url>.<signature base64url>` so anyone with the public key can check a
 * certificate without Aula being reachable.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Kept short on purpose: it travels in the QR code, and a shorter code prints with larger
 * modules that phones read more easily. Titles and issuer names follow from slug and country.
 */
export type CertificatePayload = {
	code: string;
	name: string;
	course: string; // course slug
	version: string; // course version
	hours: number;
	completed: string; // YYYY-MM-DD
	institution: string | null;
	issuer: 'BO' | 'PE';
	issued: string; // YYYY-MM-DD
	key: string; // signing key id
};

/** JSON with keys sorted at every level (RFC 8785 for the strings and numbers we use). */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export function signPayload(payload: string, privateKey: KeyObject): string {
	return sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64url');
}

export function verifyPayload(payload: string, signature: string, publicKey: KeyObject): boolean {
	try {
		return verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
	} catch {
		return false;
	}
}

/** The compact form carried by the QR code and the PDF: `v1.<deflated payload>.<signature>`, base64url. */
export const sealOf = (payload: string, signature: string) =>
	`v1.${deflateRawSync(Buffer.from(payload, 'utf8'), { level: 9 }).toString('base64url')}.${signature}`;

export function openSeal(seal: string): { payload: string; signature: string } | null {
	const m = seal.trim().match(/^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/);
	if (!m) return null;
	try {
		return { payload: inflateRawSync(Buffer.from(m[1], 'base64url')).toString('utf8'), signature: m[2] };
	} catch {
		return null;
	}
}
