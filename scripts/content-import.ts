/**
 * npm run content:import [-- DIR]   (default DIR: content/courses)
 * Publishes the courses under DIR as new versions in DATABASE_URL (migrated first), one per course
 * whose text the database has never published: importing the same files again adds nothing. The
 * files are checked first; with any content error nothing is imported (exit 1). Running servers
 * serve the new versions within a second, without a restart. Images under DIR/<course>/images/
 * (named <sha256>.<ext>, as content:export writes them) are loaded first.
 */
import { existsSync } from 'node:fs';
import { loadCourses } from '../src/lib/server/courses/load.ts';
import { importImages } from '../src/lib/server/courses/images.ts';
import { readCourseFiles, readCourseImages } from '../src/lib/server/courses/read-files.ts';
import { isPublicCourse } from '../src/lib/server/courses/types.ts';
import { importCourses } from '../src/lib/server/courses/revisions.ts';
import { syncCourseVersions } from '../src/lib/server/enrolment/repository.ts';
import { migrate, openDatabase } from './db.ts';

const [dir = 'content/courses', ...rest] = process.argv.slice(2);
if (rest.length || dir.startsWith('--') || !existsSync(dir)) {
	console.error('uso: content:import [carpeta]   (la carpeta debe existir; por defecto content/courses)');
	process.exit(2);
}
const files = readCourseFiles(dir);
const { courses, issues } = loadCourses(files);
const errors = issues.filter((i) => i.severity === 'error');
if (errors.length) {
	for (const e of errors) console.error(`${e.file}:${e.line}  error  ${e.message}`);
	console.error(`content:import: ${errors.length} error(es); no se importó nada.`);
	process.exit(1);
}
const db = openDatabase();
try {
	await migrate(db);
	for (const [course, images] of readCourseImages(dir)) {
		const added = await importImages(db, images, course);
		if (images.length) console.log(`${course}: ${images.length} imagen(es), ${added} nueva(s)`);
	}
	const { imported, unchanged } = await importCourses(db, files);
	await syncCourseVersions(db, courses.filter((c) => !isPublicCourse(c)));
	for (const c of courses)
		console.log(`${imported.includes(c.slug) ? 'publicado ' : 'sin cambios'} ${c.slug}@${c.version}`);
	console.log(`${imported.length} curso(s) publicados, ${unchanged.length} sin cambios.`);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
