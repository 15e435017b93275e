import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A random string from `bytes` bytes of the OS CSPRNG, base32 lower-case (URL- and cookie-safe). */
export function randomToken(bytes = 20): string {
	const buf = new Uint8Array(bytes);
	crypto.getRandomValues(buf);
	return encodeBase32LowerCaseNoPadding(buf);
}

/** Hex SHA-256 of a string: what we store in place of a secret. */
export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}
