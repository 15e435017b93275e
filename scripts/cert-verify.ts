/**
 * npm run cert:verify -- <file.pdf | AULA-XXXX-XXXX | QR text> [--key public-or-private.pem]
 *
 * A PDF or a QR text is checked offline: its signed statement against the Ed25519 public key
 * (by default the key Aula signs with, from CERT_SIGNING_KEY or CERT_KEY_FILE; or --key, e.g. the
 * PEM published at /verificar/claves.json). A code is looked up in the database (DATABASE_URL),
 * which also tells whether it was revoked. Exit code 0 = valid, 1 = not valid, 2 = usage error.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { normaliseCode } from '../src/lib/server/certificates/code.ts';
import { getSigningKey } from '../src/lib/server/certificates/keys.ts';
import { openSeal, sealOf, verifyPayload, type CertificatePayload } from '../src/lib/server/certificates/signature.ts';
import { openDatabase } from './db.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { key: { type: 'string' } } });
const target = positionals[0];
if (!target) {
	console.error('usage: npm run cert:verify -- <file.pdf | AULA-XXXX-XXXX | QR text> [--key key.pem]');
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
	if (ref) value = text.match(new RegExp(`(?:^|\\n)${ref[1]} ${ref[2]} obj\\s*(\\([^)]*\\)|<[0-9A-Fa-f]*>)`))?.[1];
	if (!value) return null;
	if (value.startsWith('(')) return value.slice(1, -1);
	const bytes = Buffer.from(value.slice(1, -1), 'hex');
	// A UTF-16BE string with its byte-order mark.
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
	return bytes.toString('latin1');
}

function report(ok: boolean, payload: CertificatePayload | null, extra: string[] = []) {
	console.log(ok ? 'VÁLIDO: la firma corresponde a los datos.' : 'NO VÁLIDO: la firma no corresponde a los datos (alterado o de otra clave).');
	if (payload) {
		console.log(`  código:      ${payload.code}`);
		console.log(`  nombre:      ${payload.name}`);
		console.log(`  curso:       ${payload.course} (versión ${payload.version}, ${payload.hours} h)`);
		console.log(`  aprobado:    ${payload.completed}`);
		console.log(`  institución: ${payload.institution ?? '—'}`);
		console.log(`  emisor:      ${payload.issuer === 'PE' ? 'Perú' : 'Bolivia'} (clave ${payload.key}, emitido ${payload.issued})`);
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
	report(payload !== null && verifyPayload(opened.payload, opened.signature, publicKey()), payload, extra);
}

const code = normaliseCode(target);
if (target.toLowerCase().endsWith('.pdf') || (existsSync(target) && !code)) {
	const seal = sealFromPdf(readFileSync(target));
	if (!seal) {
		console.error(`${target}: no es un certificado de Aula (no lleva el sello firmado).`);
		process.exit(1);
	}
	checkSeal(seal);
} else if (code && !target.includes('#')) {
	const db = openDatabase();
	try {
		const cert = await db.selectFrom('certificates').selectAll().where('code', '=', code).executeTakeFirst();
		if (!cert) {
			console.log(`DESCONOCIDO: no hay ningún certificado ${code} en esta base de datos.`);
			process.exitCode = 1;
		} else {
			checkSeal(sealOf(cert.payload, cert.signature), cert.revoked_at ? [`  REVOCADO el ${cert.revoked_at.slice(0, 10)}: ${cert.revoked_reason ?? ''}`] : []);
			if (cert.revoked_at) process.exitCode = 1;
		}
	} finally {
		await db.destroy();
	}
} else {
	// A QR text: https://…/verificar/AULA-…#v1.… or just the seal.
	checkSeal(target.includes('#') ? target.slice(target.indexOf('#') + 1) : target);
}
