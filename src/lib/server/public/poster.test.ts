// The poster renders on A4 and A3 and its QR code, read back from the printed page as a phone
// would, leads to the open course with the poster's place.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { qrOfPdf } from '../../../../tests/e2e/certificate-qr';
import { loadCourses } from '../courses/load';
import { readCourseFiles } from '../courses/read-files';
import { loadReportFonts } from '../reports/fonts';
import { renderPosterPdf, type PosterSize } from './poster';
import { posterUrl } from './visit';

const course = loadCourses(readCourseFiles('tests/fixtures/content/open-course')).courses[0];
const labels = { signsTitle: 'Tres señales', scan: 'Escanee', free: 'Gratis', footer: 'Consejo' };

async function poster(size: PosterSize, place: string | null) {
	const url = posterUrl('https://aula.example.gob.bo', course, place);
	const pdf = await renderPosterPdf(
		{ size, headline: course.poster!.title!, signs: course.poster!.signs, url, labels },
		await loadReportFonts()
	);
	return { url, pdf };
}

describe('poster PDF', () => {
	it('holds a QR code to the course URL with the place tag (A4)', { timeout: 60_000 }, async () => {
		const { url, pdf } = await poster('A4', 'cebaf-desaguadero');
		expect(url).toBe('https://aula.example.gob.bo/abierto/abierto-prueba?lugar=cebaf-desaguadero');
		expect(qrOfPdf(pdf)).toBe(url);
	});

	it(
		'prints the title, the three signs and the URL, one page, in the chosen size',
		{ timeout: 60_000 },
		async () => {
			for (const [size, width] of [
				['A4', '595.28 x 841.89'],
				['A3', '841.89 x 1190.55']
			] as const) {
				const { pdf, url } = await poster(size, null);
				const text = execFileSync('pdftotext', ['-', '-'], { input: pdf })
					.toString()
					.replace(/\s+/g, ' ');
				expect(text).toContain('¿Oferta de trabajo en el extranjero?');
				for (const sign of course.poster!.signs) expect(text).toContain(sign);
				expect(text).toContain(url);
				const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString();
				expect(info).toMatch(/Pages:\s+1\n/);
				expect(info).toMatch(new RegExp(`Page size:\\s+${width} pts`));
			}
		}
	);
});
