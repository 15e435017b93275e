/**
 * npm run content:export -- DIR [--course SLUG]
 * Writes the current published version of every course (or one) from DATABASE_URL as files under
 * DIR/<slug>/, the format of content/courses: `content:check DIR` accepts them, and importing them
 * adds no version (same content hash). Files of a course already in DIR are replaced. The images its
 * text names go to DIR/<slug>/images/<sha256>.<ext>, which content:import loads back.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { imagesOfFiles } from '../src/lib/server/courses/images.ts';
import { currentRevisions, fileName, parseFiles } from '../src/lib/server/courses/revisions.ts';
import { openDatabase } from './db.ts';

const { values, positionals } = parseArgs({
	options: { course: { type: 'string' } },
	allowPositionals: true
});
if (positionals.length !== 1) {
	console.error('uso: content:export -- carpeta [--course slug]');
	process.exit(2);
}
const [dir] = positionals;
const db = openDatabase();
try {
	const rows = (await currentRevisions(db)).filter((r) => !values.course || r.course_slug === values.course);
	if (!rows.length) throw new Error('No hay ninguna versión publicada que exportar.');
	for (const r of rows) {
		const target = join(dir, r.course_slug);
		mkdirSync(target, { recursive: true });
		for (const old of readdirSync(target)) rmSync(join(target, old), { recursive: true });
		const files = parseFiles(r);
		for (const [path, text] of Object.entries(files)) writeFileSync(join(target, fileName(path)), text);
		const images = await imagesOfFiles(db, files);
		if (images.length) mkdirSync(join(target, 'images'));
		for (const image of images) writeFileSync(join(target, 'images', image.name), image.bytes);
		console.log(`${r.course_slug}@${r.content_hash} → ${target}${images.length ? ` (${images.length} imagen(es))` : ''}`);
	}
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
