/**
 * What an uploaded image is, from its first bytes (magic numbers) only: the file name and the type
 * the browser declared are whatever the sender chose. Only PNG, JPEG and WebP are taken; SVG (it
 * can carry scripts), GIF and HTML are named so the refusal can say why.
 */

export type ImageFormat = { mime: 'image/png' | 'image/jpeg' | 'image/webp'; ext: 'png' | 'jpg' | 'webp' };
export type Sniffed = { ok: true; format: ImageFormat } | { ok: false; found: 'svg' | 'gif' | 'html' | 'empty' | 'unknown' };

export const IMAGE_FORMATS: readonly ImageFormat[] = [
	{ mime: 'image/png', ext: 'png' },
	{ mime: 'image/jpeg', ext: 'jpg' },
	{ mime: 'image/webp', ext: 'webp' }
];

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const startsWith = (bytes: Uint8Array, sig: number[], at = 0) =>
	bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

export function sniffImage(bytes: Uint8Array): Sniffed {
	if (bytes.length === 0) return { ok: false, found: 'empty' };
	if (startsWith(bytes, PNG)) return { ok: true, format: IMAGE_FORMATS[0] };
	if (startsWith(bytes, JPEG)) return { ok: true, format: IMAGE_FORMATS[1] };
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
		return { ok: true, format: IMAGE_FORMATS[2] };
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { ok: false, found: 'gif' };
	// Text formats: look past a byte-order mark and leading blanks, case-insensitively.
	const head = new TextDecoder('utf-8', { fatal: false })
		.decode(bytes.subarray(0, 512))
		.replace(/^\uFEFF/, '')
		.trimStart()
		.toLowerCase();
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return { ok: false, found: 'svg' };
	if (head.startsWith('<')) return { ok: false, found: head.includes('svg') ? 'svg' : 'html' };
	return { ok: false, found: 'unknown' };
}

/** The format an address `/imagenes/<hash>.<ext>` names, or undefined. */
export const formatOfExt = (ext: string) => IMAGE_FORMATS.find((f) => f.ext === ext);
export const formatOfMime = (mime: string) => IMAGE_FORMATS.find((f) => f.mime === mime);

/** `/imagenes/<sha256 hex>.<png|jpg|webp>`: the only image address course text may use. */
export const IMAGE_PATH = /^\/imagenes\/([0-9a-f]{64})\.(png|jpg|webp)$/;
export const imagePath = (hash: string, format: ImageFormat) => `/imagenes/${hash}.${format.ext}`;

/** Every `/imagenes/<hash>.<ext>` a text names, once each. */
export function imagesIn(text: string): { hash: string; ext: string }[] {
	const seen = new Map<string, string>();
	for (const m of text.matchAll(/\/imagenes\/([0-9a-f]{64})\.(png|jpg|webp)\b/g)) seen.set(m[1], m[2]);
	return [...seen].map(([hash, ext]) => ({ hash, ext }));
}
