/**
 * Draws the app icons in static/icons/ from the favicon's design (a white "A" on the brand colour),
 * so no image is downloaded or hand-edited: `npx tsx scripts/make-icons.ts`.
 * "any" icons have rounded corners; "maskable" ones fill the square and keep the letter inside the
 * central safe zone, since the phone cuts its own shape out of them.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const BRAND = [0x1f, 0x4e, 0x5f];
// The favicon's strokes, in its 32×32 box: M9 24 16 8 23 24 and M11.8 18h8.4, width 2.6.
const SEGMENTS = [
	[9, 24, 16, 8],
	[16, 8, 23, 24],
	[11.8, 18, 20.2, 18]
];
const HALF_STROKE = 1.3;

function distance(px: number, py: number, [x1, y1, x2, y2]: number[]) {
	const dx = x2 - x1;
	const dy = y2 - y1;
	const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** Coverage (0..1) of the background and the letter at a point of the 32-unit box. */
function sample(x: number, y: number, maskable: boolean): [number, number] {
	const r = maskable ? 0 : 6;
	const cx = Math.min(Math.max(x, r), 32 - r);
	const cy = Math.min(Math.max(y, r), 32 - r);
	const inBox =
		x >= 0 && x <= 32 && y >= 0 && y <= 32 && Math.hypot(x - cx, y - cy) <= r + (r ? 0 : 1);
	// Maskable: the letter shrinks to 70 % around the centre (inside the 80 % safe circle).
	const k = maskable ? 0.7 : 1;
	const lx = (x - 16) / k + 16;
	const ly = (y - 16) / k + 16;
	const onLetter = SEGMENTS.some((s) => distance(lx, ly, s) <= HALF_STROKE);
	return [inBox ? 1 : 0, inBox && onLetter ? 1 : 0];
}

function draw(size: number, maskable: boolean): Buffer {
	const png = new PNG({ width: size, height: size });
	const n = 4; // 4×4 samples per pixel for smooth edges
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let bg = 0;
			let fg = 0;
			for (let i = 0; i < n; i++) {
				for (let j = 0; j < n; j++) {
					const [b, f] = sample(
						((px + (i + 0.5) / n) * 32) / size,
						((py + (j + 0.5) / n) * 32) / size,
						maskable
					);
					bg += b;
					fg += f;
				}
			}
			bg /= n * n;
			fg /= n * n;
			const o = (py * size + px) * 4;
			const white = bg ? fg / bg : 0;
			for (let c = 0; c < 3; c++)
				png.data[o + c] = Math.round(BRAND[c] * (1 - white) + 255 * white);
			png.data[o + 3] = Math.round(255 * bg);
		}
	}
	return PNG.sync.write(png);
}

for (const size of [192, 512]) {
	writeFileSync(`static/icons/icon-${size}.png`, draw(size, false));
	writeFileSync(`static/icons/maskable-${size}.png`, draw(size, true));
}
console.log('static/icons: icon-192.png icon-512.png maskable-192.png maskable-512.png');
