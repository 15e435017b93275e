import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newCertificateCode, normaliseCode } from './code';
import { woffToSfnt } from './fonts';
import { keyFromPem } from './keys';
import { base58btc, base58btcDecode, didKey, openBadgeCredential, verifyOpenBadge } from './open-badge';
import { renderCertificatePdf } from './render';
import { statusListCredential } from './status-list';
import { canonicalJson, openSeal, sealOf, signPayload, verifyPayload, type CertificatePayload } from './signature';
import type { Certificate } from '../db/schema';

const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const key = keyFromPem(pem);
const woff = (weight: number) => readFileSync(`node_modules/@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff`);
const fonts = { regular: woffToSfnt(woff(400)), bold: woffToSfnt(woff(700)) };

const payload: CertificatePayload = {
	code: 'AULA-7K3M-Q9XD',
	name: 'Begoña Quispe Ñuflo',
	course: 'asistencia-consular',
	version: 'abc123def456',
	hours: 4,
	completed: '2026-11-20',
	institution: 'Ministerio de Relaciones Exteriores',
	issuer: 'BO',
	issued: '2026-11-20',
	key: key.keyId
};
const COURSE_TITLE = 'Asistencia Consular a Víctimas de Trata y Tráfico de Personas y Protocolo de Repatriación';

async function pdfFor(p: CertificatePayload, signature?: string) {
	const json = canonicalJson(p);
	const seal = sealOf(json, signature ?? signPayload(json, key.privateKey));
	return renderCertificatePdf(
		{
			code: p.code,
			fullName: p.name,
			courseTitle: COURSE_TITLE,
			institution: p.institution,
			issuer: { name: 'Consejo Plurinacional contra la Trata y Tráfico de Personas', signatories: [{ name: '', post: 'Presidencia del Consejo Plurinacional' }] },
			verifyUrl: `https://aula.example/verificar/${p.code}`,
			qrText: `https://aula.example/verificar/${p.code}#${seal}`,
			seal: null,
			sealString: seal,
			labels: {
				title: 'Certificado',
				subtitle: 'de aprobación de curso',
				certifies: 'Se certifica que',
				completed: 'completó y aprobó el curso virtual',
				details: 'con una carga horaria de 4 horas, el 20 nov 2026.',
				institution: 'Institución',
				verify: 'Verifique este certificado en',
				signedNote: 'Firmado digitalmente.',
				tagline: 'Formación contra la trata y tráfico de personas'
			}
		},
		fonts
	);
}

function verifyCli(file: string) {
	const dir = mkdtempSync(join(tmpdir(), 'aula-cert-'));
	const pub = join(dir, 'pub.pem');
	writeFileSync(pub, key.publicKey.export({ format: 'pem', type: 'spki' }));
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cert-verify.ts', file, '--key', pub], { encoding: 'utf8' });
}

describe('certificate codes', () => {
	it('uses no ambiguous characters and normalises what people type', () => {
		for (const c of '01ILO') expect(CODE_ALPHABET).not.toContain(c);
		const code = newCertificateCode();
		expect(code).toMatch(/^AULA-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
		expect(normaliseCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
		expect(normaliseCode('7k3m q9xd')).toBe('AULA-7K3M-Q9XD');
		expect(normaliseCode('AULA-7K3M-Q9X0')).toBeNull();
		expect(normaliseCode('<script>')).toBeNull();
	});
});

describe('signatures', () => {
	it('signs canonical JSON and refuses any change', () => {
		const json = canonicalJson(payload);
		expect(json.startsWith('{"code":"AULA-7K3M-Q9XD","completed"')).toBe(true);
		// Deflated in the seal, and short enough for a QR code that prints with large modules.
		expect(sealOf(json, signPayload(json, key.privateKey)).length).toBeLessThan(420);
		const sig = signPayload(json, key.privateKey);
		expect(verifyPayload(json, sig, key.publicKey)).toBe(true);
		expect(verifyPayload(json.replace('Begoña', 'Begona'), sig, key.publicKey)).toBe(false);
		const other = keyFromPem(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
		expect(verifyPayload(json, sig, other.publicKey)).toBe(false);
		expect(openSeal(sealOf(json, sig))).toEqual({ payload: json, signature: sig });
	});

	it('round-trips base58btc', () => {
		fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
			expect(base58btcDecode(base58btc(bytes))).toEqual(Buffer.from(bytes));
		}));
	});
});

describe('Open Badges credential', () => {
	const cert = {
		id: 42, code: payload.code, full_name: payload.name, course_title: COURSE_TITLE, course_slug: 'asistencia-consular',
		course_version: payload.version, hours: 4, issued_at: '2026-11-20T15:00:00.000Z'
	} as Certificate;
	const vc = openBadgeCredential({ cert, origin: 'https://aula.example', issuerName: 'Consejo Plurinacional contra la Trata y Tráfico de Personas', courseDescription: 'x', publicRaw: key.publicRaw, privateKey: key.privateKey });

	it('is an OpenBadgeCredential from a did:key issuer with an eddsa-jcs-2022 proof that verifies', () => {
		expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(vc.issuer.id).toBe(didKey(key.publicRaw));
		expect(vc.issuer.id.startsWith('did:key:z6Mk')).toBe(true);
		expect(vc.proof.cryptosuite).toBe('eddsa-jcs-2022');
		expect(verifyOpenBadge(vc, key.publicKey)).toBe(true);
	});

	it('points at its bit in the revocation status list', () => {
		expect(vc.credentialStatus).toEqual({
			id: 'https://aula.example/verificar/estado.json#42',
			type: 'BitstringStatusListEntry',
			statusPurpose: 'revocation',
			statusListIndex: '42',
			statusListCredential: 'https://aula.example/verificar/estado.json'
		});
	});

	it('fails verification when the subject is changed', () => {
		const forged = JSON.parse(JSON.stringify(vc));
		forged.credentialSubject.identifier[0].identityHash = 'Otra Persona';
		expect(verifyOpenBadge(forged, key.publicKey)).toBe(false);
	});
});

describe('certificate PDF and cert:verify', () => {
	it('renders one A4 landscape page with the name, accents intact', async () => {
		const pdf = await pdfFor(payload);
		const dir = mkdtempSync(join(tmpdir(), 'aula-cert-'));
		const file = join(dir, 'c.pdf');
		writeFileSync(file, pdf);
		const info = execFileSync('pdfinfo', [file]).toString();
		expect(info).toMatch(/Pages:\s+1/);
		expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
		const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
		expect(text).toContain('Begoña Quispe Ñuflo');
		expect(text).toContain('AULA-7K3M-Q9XD');
		expect(text).toContain('Repatriación');
	});

	it('verifies a genuine PDF offline', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'aula-cert-'));
		const file = join(dir, 'ok.pdf');
		writeFileSync(file, await pdfFor(payload));
		const out = verifyCli(file);
		expect(out.stdout).toContain('VÁLIDO');
		expect(out.stdout).toContain('Begoña Quispe Ñuflo');
		expect(out.status).toBe(0);
	});

	it('fails a PDF whose signed name was changed, or whose signature was tampered with', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'aula-cert-'));
		const json = canonicalJson(payload);
		const sig = signPayload(json, key.privateKey);
		// Same signature over different data: what editing the file would produce.
		const renamed = join(dir, 'renamed.pdf');
		writeFileSync(renamed, await pdfFor({ ...payload, name: 'Otra Persona' }, sig));
		const a = verifyCli(renamed);
		expect(a.stdout).toContain('NO VÁLIDO');
		expect(a.status).toBe(1);
		const flipped = join(dir, 'flipped.pdf');
		const badSig = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
		writeFileSync(flipped, await pdfFor(payload, badSig));
		const b = verifyCli(flipped);
		expect(b.status).toBe(1);
	});

	it('refuses a file that is not an Aula certificate', () => {
		const dir = mkdtempSync(join(tmpdir(), 'aula-cert-'));
		const file = join(dir, 'other.pdf');
		writeFileSync(file, '%PDF-1.4 nothing here');
		expect(verifyCli(file).status).toBe(1);
	});
});

describe('cert:verify of an Open Badges credential', () => {
	/** The CLI on a credential file, asynchronously: the status list is served from this process. */
	function verifyJson(vc: object, ...args: string[]) {
		const dir = mkdtempSync(join(tmpdir(), 'aula-vc-'));
		const file = join(dir, 'vc.json');
		writeFileSync(file, JSON.stringify(vc));
		const pub = join(dir, 'pub.pem');
		writeFileSync(pub, key.publicKey.export({ format: 'pem', type: 'spki' }));
		return new Promise<{ stdout: string; status: number }>((resolve) => {
			execFile(process.execPath, ['--import', 'tsx', 'scripts/cert-verify.ts', file, '--key', pub, ...args], { encoding: 'utf8' }, (err, stdout) =>
				resolve({ stdout, status: err ? Number(err.code) : 0 })
			);
		});
	}
	const certWithId = (id: number) =>
		({
			id, code: payload.code, full_name: payload.name, course_title: COURSE_TITLE, course_slug: 'asistencia-consular',
			course_version: payload.version, hours: 4, issued_at: '2026-11-20T15:00:00.000Z'
		}) as Certificate;

	it('reads revoked or valid through the status list, and unknown when the list cannot be reached', async () => {
		let listBody = '';
		const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/vc' }).end(listBody));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const credential = (id: number) =>
			openBadgeCredential({ cert: certWithId(id), origin, issuerName: 'Consejo', courseDescription: 'x', publicRaw: key.publicRaw, privateKey: key.privateKey });
		listBody = JSON.stringify(
			statusListCredential({ origin, revokedIndexes: [5], highestIndex: 6, validFrom: '2026-11-30T00:00:00.000Z', publicRaw: key.publicRaw, privateKey: key.privateKey })
		);
		try {
			const revoked = await verifyJson(credential(5));
			expect(revoked.stdout).toContain('VÁLIDO: la firma');
			expect(revoked.stdout).toContain('REVOCADO (revoked)');
			expect(revoked.status).toBe(1);
			const valid = await verifyJson(credential(6));
			expect(valid.stdout).toContain('vigente (not revoked)');
			expect(valid.status).toBe(0);
			// A list signed by another key says nothing.
			const other = keyFromPem(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
			listBody = JSON.stringify(
				statusListCredential({ origin, revokedIndexes: [], highestIndex: 6, validFrom: '2026-11-30T00:00:00.000Z', publicRaw: other.publicRaw, privateKey: other.privateKey })
			);
			const forged = await verifyJson(credential(5));
			expect(forged.stdout).toContain('status unknown');
			expect(forged.status).toBe(3);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
		const offline = await verifyJson(credential(5));
		expect(offline.stdout).toContain('status unknown (offline)');
		expect(offline.status).toBe(3);
	}, 90_000); // four runs of the CLI, each starting tsx
});

describe('woffToSfnt', () => {
	it('gives a TrueType font pdfkit embeds with the same glyphs as the WOFF', async () => {
		const sfnt = woffToSfnt(woff(400));
		expect(sfnt.readUInt32BE(0)).toBe(0x00010000);
		expect(sfnt.length).toBeGreaterThan(woff(400).length);
		const { default: PDFDocument } = await import('pdfkit');
		const render = (font: Buffer) =>
			new Promise<Buffer>((resolve) => {
				const pdf = new PDFDocument();
				const chunks: Buffer[] = [];
				pdf.on('data', (c: Buffer) => chunks.push(c));
				pdf.on('end', () => resolve(Buffer.concat(chunks)));
				pdf.registerFont('f', font);
				pdf.font('f').text('Ñandú, acción y corazón');
				pdf.end();
			});
		const dir = mkdtempSync(join(tmpdir(), 'aula-font-'));
		const texts = await Promise.all(
			[sfnt, woff(400)].map(async (font, i) => {
				writeFileSync(join(dir, `${i}.pdf`), await render(font));
				return execFileSync('pdftotext', [join(dir, `${i}.pdf`), '-']).toString().trim();
			})
		);
		expect(texts[0]).toBe('Ñandú, acción y corazón');
		expect(texts[1]).toBe(texts[0]);
	});
});
