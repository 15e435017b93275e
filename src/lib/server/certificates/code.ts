import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud over the phone and typed from paper.
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new verification code such as `AULA-7K3M-Q9XD` (31^8 ≈ 8.5 × 10^11 possibilities). */
export function newCertificateCode(): string {
	const pick = () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	const group = () => Array.from({ length: 4 }, pick).join('');
	return `AULA-${group()}-${group()}`;
}

const BODY = new RegExp(`^[${CODE_ALPHABET}]{8}$`);

/** What a person typed (any case, spaces or dashes, with or without `AULA`) as a code; null if it cannot be one. */
export function normaliseCode(input: string): string | null {
	const s = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
	const body = s.startsWith('AULA') ? s.slice(4) : s;
	return BODY.test(body) ? `AULA-${body.slice(0, 4)}-${body.slice(4)}` : null;
}
