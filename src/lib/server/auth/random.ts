import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Bytes of the OS CSPRNG, taken from a 4 KiB buffer filled once and handed out once each (as
 * Node's randomUUID does): drawing a quiz makes a token for every option, and one
 * getRandomValues call per token cost 0.7 ms of CPU per started attempt.
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = 0;

export function randomBytes(count: number): Uint8Array {
	if (count > POOL_BYTES) return crypto.getRandomValues(new Uint8Array(count));
	if (used + count > pool.length) {
		pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
		used = 0;
	}
	// A copy: the caller may keep or change it without touching bytes not yet handed out.
	return pool.slice(used, (used += count));
}

/** A random string from `bytes` bytes of the OS CSPRNG, base32 lower-case (URL- and cookie-safe). */
export function randomToken(bytes = 20): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(bytes));
}

/** Hex SHA-256 of a string: what we store in place of a secret. */
export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}
