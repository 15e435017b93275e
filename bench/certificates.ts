/**
 * Certificate PDFs: median time for one (QR code drawn + render with embedded Noto Sans), beside bare
 * pdfkit writing the same one-page text with the same fonts (the baseline), and the throughput of
 * a 1,000-certificate ZIP as the coordinators' download builds it (streamed, one PDF at a time).
 *
 *   node --import tsx bench/certificates.ts [--runs 200] [--zip 1000]
 *
 * Budget (issue): one certificate under 50 ms median, and within 2× of the baseline.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import PDFDocument from 'pdfkit';
import { woffToSfnt } from '../src/lib/server/certificates/fonts.ts';
import { renderCertificatePdf, type CertificateDocument } from '../src/lib/server/certificates/render.ts';
import { zipStream } from '../src/lib/server/certificates/zip.ts';
import { fmt, percentile, progress } from './lib.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, zip: { type: 'string', default: '1000' } } });
const RUNS = Number(values.runs);
const ZIP = Number(values.zip);

const woff = (weight: number) => readFileSync(`node_modules/@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff`);
// The same font data for both: TrueType converted once, as the app does.
const fonts = { regular: woffToSfnt(woff(400)), bold: woffToSfnt(woff(700)) };
const seal = `v1.${'A'.repeat(290)}.${'B'.repeat(86)}`;
const url = 'https://aula.example.org/verificar/AULA-XC8R-QN2W';

async function certificate(i: number): Promise<Buffer> {
	const doc: CertificateDocument = {
		code: 'AULA-XC8R-QN2W',
		fullName: `Juan Carlos Choque Mamani ${i}`,
		courseTitle: 'Ley N° 263 Integral contra la Trata y Tráfico de Personas — para la Policía Boliviana',
		institution: 'Policía Boliviana',
		issuer: { name: 'Consejo Plurinacional contra la Trata y Tráfico de Personas', signatories: [{ name: '', post: 'Presidencia del Consejo Plurinacional' }] },
		verifyUrl: url,
		qrText: `${url}#${seal}`,
		seal: null,
		sealString: seal,
		labels: {
			title: 'Certificado', subtitle: 'de aprobación de curso', certifies: 'Se certifica que', completed: 'completó y aprobó el curso virtual',
			details: 'con una carga horaria de 5 horas, el 20 nov 2026.', institution: 'Institución', verify: 'Verifique este certificado en',
			signedNote: 'Certificado emitido en Aula y firmado digitalmente.', tagline: 'Formación contra la trata y tráfico de personas'
		}
	};
	return renderCertificatePdf(doc, fonts);
}

/** The same text on one A4 landscape page with the same fonts: what pdfkit costs by itself. */
function baseline(i: number): Promise<Buffer> {
	const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0 });
	const chunks: Buffer[] = [];
	pdf.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((r) => pdf.on('end', () => r(Buffer.concat(chunks))));
	pdf.registerFont('regular', fonts.regular);
	pdf.registerFont('bold', fonts.bold);
	const lines = ['FORMACIÓN CONTRA LA TRATA Y TRÁFICO DE PERSONAS', 'Consejo Plurinacional contra la Trata y Tráfico de Personas', 'CERTIFICADO', 'de aprobación de curso', 'Se certifica que', `Juan Carlos Choque Mamani ${i}`, 'completó y aprobó el curso virtual', 'Ley N° 263 Integral contra la Trata y Tráfico de Personas — para la Policía Boliviana', 'con una carga horaria de 5 horas, el 20 nov 2026.', 'Institución: Policía Boliviana', 'Presidencia del Consejo Plurinacional', 'AULA-XC8R-QN2W', `Verifique este certificado en: ${url}`, 'Certificado emitido en Aula y firmado digitalmente.'];
	lines.forEach((l, k) => pdf.font(k % 2 ? 'regular' : 'bold').fontSize(12).text(l, 80, 60 + k * 32, { width: 680, align: 'center' }));
	pdf.end();
	return done;
}

async function time(f: (i: number) => Promise<Buffer>) {
	const ms: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await f(i);
		ms.push(performance.now() - t0);
	}
	return ms.sort((a, b) => a - b);
}

// Warm up both (JIT, font parsing caches), then alternate so machine noise hits both alike.
for (let i = 0; i < 20; i++) await Promise.all([certificate(i), baseline(i)]);
const base: number[] = [];
const cert: number[] = [];
for (let round = 0; round < 4; round++) {
	base.push(...(await time(baseline)));
	cert.push(...(await time(certificate)));
}
base.sort((a, b) => a - b);
cert.sort((a, b) => a - b);
const one = (await certificate(0)).length;

let zipBytes = 0;
const t0 = performance.now();
const entries = (async function* () {
	for (let i = 0; i < ZIP; i++) {
		yield { name: `AULA-${String(i).padStart(4, '0')}.pdf`, data: await certificate(i) };
		progress('zip', i + 1, ZIP);
	}
})();
const heapBefore = process.memoryUsage().rss;
let peak = heapBefore;
for await (const chunk of zipStream(entries) as unknown as AsyncIterable<Uint8Array>) {
	zipBytes += chunk.length;
	peak = Math.max(peak, process.memoryUsage().rss);
}
const zipSeconds = (performance.now() - t0) / 1000;

const p50 = (xs: number[]) => percentile(xs, 50);
console.log(`\ncertificates: ${base.length} runs each, Node ${process.version}`);
console.log(`baseline (bare pdfkit, same text and fonts)  p50 ${fmt(p50(base))}  p90 ${fmt(percentile(base, 90))}`);
console.log(`certificate (QR + render)                    p50 ${fmt(p50(cert))}  p90 ${fmt(percentile(cert, 90))}  size ${(one / 1024).toFixed(1)} KB`);
console.log(`ratio certificate/baseline (p50): ${(p50(cert) / p50(base)).toFixed(2)}×`);
console.log(`ZIP of ${ZIP}: ${zipSeconds.toFixed(1)} s, ${(ZIP / zipSeconds).toFixed(0)} certificates/s, ${(zipBytes / 1048576).toFixed(1)} MB, peak RSS ${(peak / 1048576).toFixed(0)} MB`);
const ok = p50(cert) < 50 && p50(cert) / p50(base) <= 2;
console.log(ok ? 'within budget' : 'OUT OF BUDGET');
process.exitCode = ok ? 0 : 1;
