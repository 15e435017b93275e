/**
 * npm run content:export -- DIR [--course SLUG]
 * Writes the current published version of every course (or one) from DATABASE_URL as files under
 * DIR/<slug>/, the format of content/courses: `content:check DIR` accepts them, and importing them
 * adds no version (same content hash). Files of a course already in DIR are replaced.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
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
		for (const [path, text] of Object.entries(parseFiles(r))) writeFileSync(join(target, fileName(path)), text);
		console.log(`${r.course_slug}@${r.content_hash} → ${target}`);
	}
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
