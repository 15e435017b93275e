/**
 * The Ed25519 key that signs certificates: from CERT_SIGNING_KEY (PEM) if set, else from
 * CERT_KEY_FILE, generated there (mode 600) on first start. Back that file up: certificates signed
 * with a lost key can still be checked online (the database keeps them), but not offline.
 */
import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	type KeyObject
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { getConfig } from '../config';

export type SigningKey = {
	privateKey: KeyObject;
	publicKey: KeyObject;
	keyId: string;
	publicRaw: Buffer;
};

let cached: SigningKey | undefined;

export function keyFromPem(pem: string): SigningKey {
	const privateKey = createPrivateKey(pem);
	if (privateKey.asymmetricKeyType !== 'ed25519')
		throw new Error('The certificate signing key must be Ed25519');
	const publicKey = createPublicKey(privateKey);
	const publicRaw = publicRawOf(publicKey);
	return { privateKey, publicKey, publicRaw, keyId: keyIdOf(publicRaw) };
}

/** The 32 raw bytes of an Ed25519 public key (the last 32 bytes of its SPKI DER). */
export function publicRawOf(publicKey: KeyObject): Buffer {
	return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
}

export const keyIdOf = (publicRaw: Buffer) =>
	createHash('sha256').update(publicRaw).digest('hex').slice(0, 16);

export function getSigningKey(): SigningKey {
	if (cached) return cached;
	const config = getConfig();
	if (config.certSigningKey) {
		cached = keyFromPem(config.certSigningKey);
	} else {
		if (!existsSync(config.certKeyFile) && createKeyFile(config.certKeyFile)) {
			console.info(
				`[certificates] generated a new signing key in ${config.certKeyFile} — back it up`
			);
		}
		cached = keyFromPem(readFileSync(config.certKeyFile, 'utf8'));
	}
	return cached;
}

/**
 * Writes a new key to a temporary file and links it into place: link() fails if the file exists,
 * so when several processes start at once exactly one key wins and nobody reads half a file.
 * Returns false when another process created the file first.
 */
function createKeyFile(file: string): boolean {
	const { privateKey } = generateKeyPairSync('ed25519');
	mkdirSync(dirname(file), { recursive: true });
	const tmp = `${file}.${process.pid}.tmp`;
	writeFileSync(tmp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
	try {
		linkSync(tmp, file);
		return true;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		return false;
	} finally {
		rmSync(tmp, { force: true });
	}
}
