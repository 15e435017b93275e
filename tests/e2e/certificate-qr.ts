/** Reads the QR code printed on a certificate PDF, as a phone would: render the page, decode the image. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function qrOfPdf(pdf: Buffer): string {
	const dir = mkdtempSync(join(tmpdir(), 'aula-qr-'));
	writeFileSync(join(dir, 'c.pdf'), pdf);
	execFileSync('pdftoppm', ['-png', '-r', '300', '-singlefile', join(dir, 'c.pdf'), join(dir, 'page')]);
	const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
	const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	if (!found) throw new Error('no QR code found on the certificate');
	return found.data;
}
