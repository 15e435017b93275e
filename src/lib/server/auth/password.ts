import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane); @node-rs/argon2 defaults to argon2id.
const PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 10;

export function hashPassword(password: string): Promise<string> {
	return hash(password, PARAMS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

// Verifying against this keeps "no such account" as slow as "wrong password".
let dummy: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummy ??= hashPassword('aula-dummy-password-for-timing');
	await verifyPassword(await dummy, password);
	return false;
}
