/** The report PDF's fonts: Noto Sans (WOFF — pdfkit's subsetter crashes on WOFF2), read once. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PdfFonts } from './pdf';

let fonts: Promise<PdfFonts> | undefined;

export function loadReportFonts(): Promise<PdfFonts> {
	const file = (weight: number) =>
		readFile(
			createRequire(import.meta.url).resolve(
				`@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff`
			)
		);
	fonts ??= Promise.all([file(400), file(700)]).then(([regular, bold]) => ({ regular, bold }));
	return fonts;
}
