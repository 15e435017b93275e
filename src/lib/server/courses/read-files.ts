import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Reads `<dir>/<course>/<file>` from disk into the map `loadCourses` takes — the same two levels
 * the app's `import.meta.glob('/content/courses/*\/*')` sees. Hidden files (.DS_Store…) are skipped.
 *
 * @example readCourseFiles('content/courses') // { 'content/courses/frontera/course.md': '---…', … }
 */
export function readCourseFiles(dir: string): Record<string, string> {
	const root = dir.replace(/\/+$/, '');
	const files: Record<string, string> = {};
	for (const course of readdirSync(root, { withFileTypes: true })) {
		if (!course.isDirectory() || course.name.startsWith('.')) continue;
		for (const file of readdirSync(`${root}/${course.name}`, { withFileTypes: true })) {
			if (!file.isFile() || file.name.startsWith('.')) continue;
			const path = `${root}/${course.name}/${file.name}`;
			files[path] = readFileSync(path, 'utf8');
		}
	}
	return files;
}

/**
 * The images of each course under `<dir>/<course>/images/` (written by content:export), by course.
 *
 * @example readCourseImages('export') // Map { 'frontera' => [{ name: '<sha256>.png', bytes }] }
 */
export function readCourseImages(dir: string): Map<string, { name: string; bytes: Uint8Array }[]> {
	const root = dir.replace(/\/+$/, '');
	const out = new Map<string, { name: string; bytes: Uint8Array }[]>();
	for (const course of readdirSync(root, { withFileTypes: true })) {
		const images = `${root}/${course.name}/images`;
		if (!course.isDirectory() || course.name.startsWith('.') || !existsSync(images)) continue;
		const files = readdirSync(images, { withFileTypes: true }).filter((f) => f.isFile() && !f.name.startsWith('.'));
		out.set(course.name, files.map((f) => ({ name: f.name, bytes: new Uint8Array(readFileSync(`${images}/${f.name}`)) })));
	}
	return out;
}
