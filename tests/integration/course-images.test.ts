import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWith, saveText } from '../../src/lib/server/courses/authoring';
import { contentFiles } from '../../src/lib/server/courses/catalog';
import { getImage, imagesOfFiles, importImages, MAX_IMAGE_BYTES, missingImages, sha256Hex, storeImage } from '../../src/lib/server/courses/images';
import { readCourseImages } from '../../src/lib/server/courses/read-files';
import { renderText } from '../../src/lib/server/courses/render';
import { coursePath, getOpenDraft, importCourses, parseFiles } from '../../src/lib/server/courses/revisions';
import { newUser } from '../helpers/factories';
import { DIALECTS, useTestDb } from '../helpers/test-db';

const SLUG = 'asistencia-consular';
const MODULE = '01-identificacion.md';
/** A real 1×1 PNG. */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
const WEBP = Uint8Array.from(Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(14, 1)]));

describe.each(DIALECTS)('course images on %s', (dialect) => {
	const t = useTestDb(dialect);

	it('stores an image once by its hash, gives back the same bytes, and audits every upload', async () => {
		const user = await newUser(t.db, { role: 'trainer' });
		const first = await storeImage(t.db, { bytes: PNG, userId: user.id, course: SLUG });
		expect(first).toEqual({ ok: true, hash: sha256Hex(PNG), format: { mime: 'image/png', ext: 'png' }, path: `/imagenes/${sha256Hex(PNG)}.png`, created: true });
		const again = await storeImage(t.db, { bytes: PNG, userId: user.id, course: SLUG });
		expect(again.ok && again.created).toBe(false);
		const rows = await t.db.selectFrom('course_images').select(['hash', 'mime', 'size', 'uploaded_by']).execute();
		expect(rows).toEqual([{ hash: sha256Hex(PNG), mime: 'image/png', size: PNG.length, uploaded_by: user.id }]);

		const served = await getImage(t.db, sha256Hex(PNG));
		expect(served?.format.mime).toBe('image/png');
		expect(Buffer.from(served!.bytes).equals(Buffer.from(PNG))).toBe(true);
		expect(await getImage(t.db, 'f'.repeat(64))).toBeUndefined();

		const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'target_id', 'details']).where('action', '=', 'content.image.upload').execute();
		expect(audit.map((a) => [a.actor_id, a.target_id, JSON.parse(a.details!).created])).toEqual([
			[user.id, sha256Hex(PNG), true],
			[user.id, sha256Hex(PNG), false]
		]);
	});

	it('refuses by content, whatever the name: SVG, GIF, HTML, too big — and stores nothing', async () => {
		const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
		const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
		const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
		const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
		big.set(PNG);
		const before = await t.db.selectFrom('course_images').select('hash').execute();
		expect(await storeImage(t.db, { bytes: svg, userId: null, course: SLUG })).toEqual({ ok: false, reason: 'svg' });
		expect(await storeImage(t.db, { bytes: gif, userId: null, course: SLUG })).toEqual({ ok: false, reason: 'gif' });
		expect(await storeImage(t.db, { bytes: html, userId: null, course: SLUG })).toEqual({ ok: false, reason: 'html' });
		expect(await storeImage(t.db, { bytes: big, userId: null, course: SLUG })).toEqual({ ok: false, reason: 'too-big' });
		expect(await t.db.selectFrom('course_images').select('hash').execute()).toEqual(before);
	});

	it('saves a module with an uploaded image, refuses other images with their line, renders only the allowed one', async () => {
		await importCourses(t.db, contentFiles());
		const user = await newUser(t.db, { role: 'trainer' });
		const stored = await storeImage(t.db, { bytes: WEBP, userId: user.id, course: SLUG });
		if (!stored.ok) throw new Error('not stored');
		const files = parseFiles((await t.db.selectFrom('course_revisions').select('files').where('course_slug', '=', SLUG).executeTakeFirstOrThrow()));
		const text = files[coursePath(SLUG, MODULE)];
		const lines = text.split('\n');
		const at = lines.findIndex((l, i) => i > 5 && l.startsWith('## ')) + 2;

		for (const [image, message] of [
			['![Mapa](https://example.org/mapa.png)', /imagen no está permitida/],
			['![Mapa](data:image/png;base64,iVBORw0KGgo=)', /imagen no está permitida/],
			[`![](${stored.path})`, /no tiene descripción/]
		] as const) {
			const bad = [...lines.slice(0, at), '', image, '', ...lines.slice(at)].join('\n');
			const issues = checkWith(SLUG, files, MODULE, bad).filter((i) => i.severity === 'error');
			expect(issues.map((i) => [i.line, message.test(i.message)]), image).toEqual([[at + 2, true]]);
			const refused = await saveText(t.db, { slug: SLUG, name: MODULE, text: bad, expected: null, userId: user.id });
			expect(refused.ok).toBe(false);
		}
		expect(await getOpenDraft(t.db, SLUG)).toBeUndefined();

		const good = [...lines.slice(0, at), '', `![Mapa de la ruta](${stored.path})`, '', ...lines.slice(at)].join('\n');
		const saved = await saveText(t.db, { slug: SLUG, name: MODULE, text: good, expected: null, userId: user.id });
		expect(saved.ok).toBe(true);
		const html = await renderText(good, `/cursos/${SLUG}`);
		expect(html).toContain(`<img src="${stored.path}" alt="Mapa de la ruta" loading="lazy">`);

		expect(await missingImages(t.db, [stored.hash, 'e'.repeat(64)])).toEqual(['e'.repeat(64)]);
		const draftFiles = parseFiles((await getOpenDraft(t.db, SLUG))!);
		expect((await imagesOfFiles(t.db, draftFiles)).map((i) => i.name)).toEqual([`${stored.hash}.webp`]);
	});

	it('loads the images of an exported folder, checking each is named by its hash', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'aula-images-'));
		try {
			mkdirSync(join(dir, SLUG, 'images'), { recursive: true });
			const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
			writeFileSync(join(dir, SLUG, 'images', `${sha256Hex(jpeg)}.jpg`), jpeg);
			const images = readCourseImages(dir).get(SLUG)!;
			expect(await importImages(t.db, images, SLUG)).toBe(1);
			expect(await importImages(t.db, images, SLUG)).toBe(0);
			expect((await getImage(t.db, sha256Hex(jpeg)))?.format.ext).toBe('jpg');
			await expect(importImages(t.db, [{ name: `${'0'.repeat(64)}.jpg`, bytes: jpeg }], SLUG)).rejects.toThrow(/no corresponde/);
			await expect(importImages(t.db, [{ name: 'x.svg', bytes: new TextEncoder().encode('<svg/>') }], SLUG)).rejects.toThrow(/PNG, JPEG o WebP/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
