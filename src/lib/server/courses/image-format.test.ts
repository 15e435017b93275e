import { describe, expect, it } from 'vitest';
import { IMAGE_PATH, sniffImage } from './image-format';

const bytes = (...parts: (number[] | string)[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffImage reads the format from the first bytes', () => {
	it.each([
		['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png', 'png'],
		['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'), 'image/jpeg', 'jpg'],
		['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp', 'webp']
	])('accepts %s', (_, data, mime, ext) => {
		expect(sniffImage(data)).toEqual({ ok: true, format: { mime, ext } });
	});

	it.each([
		['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'gif'],
		['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'svg'],
		['SVG with an XML declaration and a BOM', bytes([0xef, 0xbb, 0xbf], '  <?xml version="1.0"?>\n<svg></svg>'), 'svg'],
		['HTML', bytes('<!DOCTYPE html><html><script>x</script>'), 'html'],
		['an empty file', bytes(), 'empty'],
		['text', bytes('hola, no soy una imagen'), 'unknown'],
		['a RIFF that is not WebP (WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'unknown'],
		['a PNG signature cut short', bytes([0x89, 0x50, 0x4e, 0x47]), 'unknown']
	])('refuses %s', (_, data, found) => {
		expect(sniffImage(data)).toEqual({ ok: false, found });
	});
});

describe('IMAGE_PATH', () => {
	it('takes only /imagenes/<64 hex>.<png|jpg|webp>', () => {
		const hash = 'a'.repeat(64);
		expect(IMAGE_PATH.test(`/imagenes/${hash}.png`)).toBe(true);
		expect(IMAGE_PATH.test(`/imagenes/${hash}.webp`)).toBe(true);
		for (const bad of [`/imagenes/${hash}.gif`, `/imagenes/${hash}.svg`, `/imagenes/${hash.slice(1)}.png`, `https://e.org/imagenes/${hash}.png`, `/imagenes/${hash.toUpperCase()}.png`, `/imagenes/${hash}.png?x`])
			expect(IMAGE_PATH.test(bad), bad).toBe(false);
	});
});
