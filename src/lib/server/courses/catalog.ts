/**
 * The courses the app serves, loaded once from content/ (bundled by Vite at build time, so the
 * quiz files end up in the server bundle only). A content error stops the server from starting:
 * `npm run content:check` shows the same findings with file and line before that happens.
 */
import { getConfig } from '../config';
import { isPublicCourse, type ContentIssue, type Course, type Module } from './types';
import { loadCourses } from './load';

type Catalog = { courses: Course[]; issues: ContentIssue[] };
let catalog: Catalog | undefined;

export function contentFiles(): Record<string, string> {
	const raw = import.meta.glob<string>('/content/courses/*/*.{md,yaml}', {
		query: '?raw',
		import: 'default',
		eager: true
	});
	// The fixture courses of the end-to-end tests (an open course; a course with a timed quiz),
	// served only when AULA_TEST_COURSES=1.
	const test = import.meta.glob<string>(
		[
			'/tests/fixtures/content/open-course/*/*.{md,yaml}',
			'/tests/fixtures/content/timed-course/*/*.{md,yaml}'
		],
		{ query: '?raw', import: 'default', eager: true }
	);
	const all = getConfig().testCourses ? { ...raw, ...test } : raw;
	return Object.fromEntries(Object.entries(all).map(([path, text]) => [path.slice(1), text]));
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

/** The courses for public servants: catalogue, enrolment, cohorts, reports. */
export function listCourses(): Course[] {
	return getCatalog().courses.filter((c) => !isPublicCourse(c));
}

export function findCourse(slug: string): Course | undefined {
	return listCourses().find((c) => c.slug === slug);
}

export function listPublicCourses(): Course[] {
	return getCatalog().courses.filter(isPublicCourse);
}

export function findPublicCourse(slug: string): Course | undefined {
	return listPublicCourses().find((c) => c.slug === slug);
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
