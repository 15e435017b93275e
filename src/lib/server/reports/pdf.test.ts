import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReportFonts } from './fonts';
import { renderReportPdf } from './pdf';
import { sampleReport } from './test-fixtures';

async function bytes(stream: NodeJS.ReadableStream) {
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

const hasPdftotext = (() => {
	try {
		execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

function textOf(pdf: Buffer): string {
	const dir = mkdtempSync(join(tmpdir(), 'aula-pdf-'));
	try {
		writeFileSync(join(dir, 'r.pdf'), pdf);
		return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('PDF report', () => {
	it('is a PDF with the Noto Sans fonts embedded and several pages', async () => {
		const pdf = await bytes(
			renderReportPdf(sampleReport(), { fonts: await loadReportFonts(), locale: 'es' })
		);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const raw = pdf.toString('latin1');
		expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSans-Regular/);
		expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSans-Bold/);
		expect((raw.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
	});

	it.skipIf(!hasPdftotext)(
		'says what the Council needs: title, period, figures, institutions, definitions',
		async () => {
			const text = textOf(
				await bytes(
					renderReportPdf(sampleReport(), { fonts: await loadReportFonts(), locale: 'es' })
				)
			);
			for (const expected of [
				'Informe de capacitación',
				'Del 1 ene 2025 al 31 mar 2025',
				'Bolivia y Perú',
				'1.234',
				'51,9 %',
				'82,3',
				'2.830',
				'Policía Boliviana (BO)',
				'Superintendencia Nacional de Migraciones (PE)',
				'Sin institución',
				'Lucha contra la Trata y Tráfico de Personas en Frontera',
				'Cómo se cuentan estas cifras',
				'Página 2 de'
			]) {
				expect(text, expected).toContain(expected);
			}
			expect(text).toContain('Generado el');
		}
	);
});
