/**
 * npm run cert:verify -- <file.pdf | file.json | AULA-XXXX-XXXX | QR text> [--key public-or-private.pem] [--offline]
 *
 * A PDF or a QR text is checked offline: its signed statement against the Ed25519 public key
 * (by default the key Aula signs with, from CERT_SIGNING_KEY or CERT_KEY_FILE; or --key, e.g. the
 * PEM published at /verificar/claves.json). An Open Badges credential (.json) is checked the same
 * way, then its revocation status is read from the status list it points to, when that can be
 * fetched (and its proof verifies with the same key). A code is looked up in the database
 * (DATABASE_URL), which also tells whether it was revoked.
 * Exit code 0 = valid, 1 = not valid or revoked, 2 = usage error, 3 = signature valid but the
 * revocation status could not be learnt (offline).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { normaliseCode } from '../src/lib/server/certificates/code.ts';
import { getSigningKey } from '../src/lib/server/certificates/keys.ts';
import { verifyDataIntegrity } from '../src/lib/server/certificates/proof.ts';
import {
	openSeal,
	sealOf,
	verifyPayload,
	type CertificatePayload
} from '../src/lib/server/certificates/signature.ts';
import {
	statusFromList,
	type CredentialStatus
} from '../src/lib/server/certificates/status-list.ts';
import { openDatabase } from './db.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { key: { type: 'string' }, offline: { type: 'boolean' } }
});
const target = positionals[0];
if (!target) {
	console.error(
		'usage: npm run cert:verify -- <file.pdf | file.json | AULA-XXXX-XXXX | QR text> [--key key.pem] [--offline]'
	);
	process.exit(2);
}

function publicKey(): KeyObject {
	if (values.key) return createPublicKey(readFileSync(values.key, 'utf8'));
	return getSigningKey().publicKey;
}

/** The signed statement a certificate PDF carries in its metadata (`/AulaCertificate` in its Info). */
export function sealFromPdf(pdf: Buffer): string | null {
	const text = pdf.toString('latin1');
	let value = text.match(/\/AulaCertificate\s*(\([^)]*\)|<[0-9A-Fa-f]*>|\d+ \d+ R)/)?.[1];
	const ref = value?.match(/^(\d+) (\d+) R$/);
	// pdfkit writes Info values as separate objects: follow the reference.
	if (ref)
		value = text.match(
			new RegExp(`(?:^|\\n)${ref[1]} ${ref[2]} obj\\s*(\\([^)]*\\)|<[0-9A-Fa-f]*>)`)
		)?.[1];
	if (!value) return null;
	if (value.startsWith('(')) return value.slice(1, -1);
	const bytes = Buffer.from(value.slice(1, -1), 'hex');
	// A UTF-16BE string with its byte-order mark.
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
	return bytes.toString('latin1');
}

function report(ok: boolean, payload: CertificatePayload | null, extra: string[] = []) {
	console.log(
		ok
			? 'VÁLIDO: la firma corresponde a los datos.'
			: 'NO VÁLIDO: la firma no corresponde a los datos (alterado o de otra clave).'
	);
	if (payload) {
		console.log(`  código:      ${payload.code}`);
		console.log(`  nombre:      ${payload.name}`);
		console.log(
			`  curso:       ${payload.course} (versión ${payload.version}, ${payload.hours} h)`
		);
		console.log(`  aprobado:    ${payload.completed}`);
		console.log(`  institución: ${payload.institution ?? '—'}`);
		console.log(
			`  emisor:      ${payload.issuer === 'PE' ? 'Perú' : 'Bolivia'} (clave ${payload.key}, emitido ${payload.issued})`
		);
	}
	for (const line of extra) console.log(line);
	process.exitCode = ok ? 0 : 1;
}

function checkSeal(seal: string, extra: string[] = []) {
	const opened = openSeal(seal);
	if (!opened) {
		console.error('No se encontró un sello de certificado de Aula (v1.…).');
		process.exit(1);
	}
	let payload: CertificatePayload | null = null;
	try {
		payload = JSON.parse(opened.payload);
	} catch {
		/* reported as invalid below */
	}
	report(
		payload !== null && verifyPayload(opened.payload, opened.signature, publicKey()),
		payload,
		extra
	);
}

/** The revocation status of a credential from the list it points to; 'unknown' says why. */
async function onlineStatus(
	entry: unknown
): Promise<{ status: CredentialStatus; why: string; offline?: boolean }> {
	const url = (entry as { statusListCredential?: unknown } | undefined)?.statusListCredential;
	if (typeof url !== 'string' || !/^https?:\/\//.test(url))
		return { status: 'unknown', why: 'la credencial no lleva credentialStatus' };
	if (values.offline)
		return { status: 'unknown', why: `--offline: no se consultó ${url}`, offline: true };
	let list: Record<string, unknown>;
	try {
		const res = await fetch(url, {
			signal: AbortSignal.timeout(10_000),
			headers: { accept: 'application/vc, application/json' }
		});
		if (!res.ok) return { status: 'unknown', why: `${url} respondió ${res.status}` };
		list = (await res.json()) as Record<string, unknown>;
	} catch {
		return { status: 'unknown', why: `no se pudo consultar ${url}`, offline: true };
	}
	if (!verifyDataIntegrity(list, publicKey()))
		return { status: 'unknown', why: `la firma de la lista ${url} no corresponde a la clave` };
	return { status: statusFromList(entry, list), why: url };
}

async function checkCredential(file: string) {
	let vc: Record<string, unknown>;
	try {
		vc = JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		console.error(`${file}: no es una credencial JSON.`);
		process.exit(1);
	}
	const ok = verifyDataIntegrity(vc, publicKey());
	console.log(
		ok
			? 'VÁLIDO: la firma corresponde a los datos.'
			: 'NO VÁLIDO: la firma no corresponde a los datos (alterado o de otra clave).'
	);
	const subject = vc.credentialSubject as
		{ identifier?: { identityHash?: string }[]; achievement?: { name?: string } } | undefined;
	console.log(`  nombre:      ${subject?.identifier?.[0]?.identityHash ?? '—'}`);
	console.log(`  curso:       ${subject?.achievement?.name ?? '—'}`);
	console.log(`  emitido:     ${String(vc.validFrom ?? '—').slice(0, 10)}`);
	if (!ok) {
		process.exitCode = 1;
		return;
	}
	const { status, why, offline } = await onlineStatus(vc.credentialStatus);
	if (status === 'revoked') {
		console.log(`  estado:      REVOCADO (revoked), según ${why}`);
		process.exitCode = 1;
	} else if (status === 'valid') {
		console.log(`  estado:      vigente (not revoked), según ${why}`);
		process.exitCode = 0;
	} else {
		console.log(
			`  estado:      DESCONOCIDO (status unknown${offline ? ' (offline)' : ''}): ${why}`
		);
		process.exitCode = 3;
	}
}

const code = normaliseCode(target);
if (target.toLowerCase().endsWith('.json')) {
	await checkCredential(target);
} else if (target.toLowerCase().endsWith('.pdf') || (existsSync(target) && !code)) {
	const seal = sealFromPdf(readFileSync(target));
	if (!seal) {
		console.error(`${target}: no es un certificado de Aula (no lleva el sello firmado).`);
		process.exit(1);
	}
	checkSeal(seal);
} else if (code && !target.includes('#')) {
	const db = openDatabase();
	try {
		const cert = await db
			.selectFrom('certificates')
			.selectAll()
			.where('code', '=', code)
			.executeTakeFirst();
		if (!cert) {
			console.log(`DESCONOCIDO: no hay ningún certificado ${code} en esta base de datos.`);
			process.exitCode = 1;
		} else {
			checkSeal(
				sealOf(cert.payload, cert.signature),
				cert.revoked_at
					? [`  REVOCADO el ${cert.revoked_at.slice(0, 10)}: ${cert.revoked_reason ?? ''}`]
					: []
			);
			if (cert.revoked_at) process.exitCode = 1;
		}
	} finally {
		await db.destroy();
	}
} else {
	// A QR text: https://…/verificar/AULA-…#v1.… or just the seal.
	checkSeal(target.includes('#') ? target.slice(target.indexOf('#') + 1) : target);
}
