/**
 * The courses the app serves: the current published version of each course, read from the
 * database (course_revisions) and kept in memory per process. Every request first asks, at most
 * once per REFRESH_INTERVAL_MS, for the highest publication number (one indexed read); when
 * another instance has published since, the current versions are loaded again. Before the
 * database holds any version (tests, scripts) the files bundled from content/ are served; at
 * start they are imported (startup.ts). A content error in what would be served stops the server
 * from starting: `npm run content:check` shows the same findings with file and line.
 */
import type { Kysely } from 'kysely';
import { getConfig } from '../config';
import type { DB } from '../db/schema';
import { isPublicCourse, type ContentIssue, type Course, type Module } from './types';
import { loadCourses } from './load';
import { currentRevisions, latestPublication, parseFiles, splitByCourse, type CourseFiles } from './revisions';

type Catalog = { courses: Course[]; issues: ContentIssue[] };

/** How stale a process's catalog may be after another instance publishes (measured: docs/authoring.md). */
export const REFRESH_INTERVAL_MS = 1000;

let bundled: Catalog | undefined;
let stored: { catalog: Catalog; publication: number } | undefined;
let checkedAt = 0;
let refreshing: Promise<void> | undefined;
/** The files each course was built from, for the renderer. */
const sources = new WeakMap<Course, CourseFiles>();

/** The course files bundled into the build (imported into the database at start). */
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

/** Builds a catalog from files of several courses; throws on any content error. */
function build(files: Record<string, string>): Catalog {
	const grouped = splitByCourse(files);
	const merged = Object.assign({}, ...grouped.values()) as CourseFiles;
	const catalog = loadCourses(merged);
	const errors = catalog.issues.filter((i) => i.severity === 'error');
	if (errors.length) {
		const list = errors.map((e) => `  ${e.file}:${e.line} ${e.message}`).join('\n');
		throw new Error(`Course content has ${errors.length} error(s); run npm run content:check\n${list}`);
	}
	for (const c of catalog.courses) sources.set(c, grouped.get(c.slug) ?? {});
	return catalog;
}

export function getCatalog(): Catalog {
	if (stored) return stored.catalog;
	bundled ??= build(contentFiles());
	return bundled;
}

/** The text of a file of the version `course` was built from (`01-conceptos.md`), if any. */
export function sourceText(course: Course, name: string): string | undefined {
	const files = sources.get(course);
	if (!files) return undefined;
	const dir = course.file.slice(0, course.file.lastIndexOf('/'));
	return files[`${dir}/${name}`];
}

/**
 * Loads the published versions if anything was published since this process last looked.
 * `force` skips the interval and throws on a broken catalog (start-up); otherwise a failure is
 * logged and the catalog in memory kept.
 */
export async function refreshCatalog(db: Kysely<DB>, { force = false } = {}): Promise<void> {
	const now = Date.now();
	if (!force && now - checkedAt < REFRESH_INTERVAL_MS) return;
	checkedAt = now;
	const run = async () => {
		const latest = await latestPublication(db);
		if (latest === 0 || stored?.publication === latest) return;
		const rows = await currentRevisions(db);
		const files = Object.assign({}, ...rows.map(parseFiles)) as CourseFiles;
		stored = { catalog: build(files), publication: latest };
	};
	if (force) return run();
	refreshing ??= run()
		.catch((e) => console.error('[content] catalog not refreshed:', e))
		.finally(() => (refreshing = undefined));
	await refreshing;
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
