import { readdirSync, readFileSync } from 'node:fs';

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
