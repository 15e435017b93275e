/**
 * The courses the app serves, loaded once from content/ (bundled by Vite at build time, so the
 * quiz files end up in the server bundle only). A content error stops the server from starting:
 * `npm run content:check` shows the same findings with file and line before that happens.
 */
import type { ContentIssue, Course, Module } from './types';
import { loadCourses } from './load';

type Catalog = { courses: Course[]; issues: ContentIssue[] };
let catalog: Catalog | undefined;

export function contentFiles(): Record<string, string> {
	const raw = import.meta.glob<string>('/content/courses/*/*.{md,yaml}', {
		query: '?raw',
		import: 'default',
		eager: true
	});
	return Object.fromEntries(Object.entries(raw).map(([path, text]) => [path.slice(1), text]));
}

export function getCatalog(): Catalog {
	if (!catalog) {
		catalog = loadCourses(contentFiles());
		const errors = catalog.issues.filter((i) => i.severity === 'error');
		if (errors.length) {
			const list = errors.map((e) => `  ${e.file}:${e.line} ${e.message}`).join('\n');
			throw new Error(
				`Course content has ${errors.length} error(s); run npm run content:check\n${list}`
			);
		}
	}
	return catalog;
}

export function listCourses(): Course[] {
	return getCatalog().courses;
}

export function findCourse(slug: string): Course | undefined {
	return getCatalog().courses.find((c) => c.slug === slug);
}

export function findModule(course: Course, moduleSlug: string): Module | undefined {
	return course.modules.find((m) => m.slug === moduleSlug);
}

/** Whether people of an institution sector are in a course's audience. */
export function isInAudience(course: Course, sector: string | null): boolean {
	return (
		course.audience.includes('all') ||
		(sector !== null && (course.audience as string[]).includes(sector))
	);
}
