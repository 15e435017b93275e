/** Shared by the item-analysis page and its CSV download: find the quiz, parse filters, analyse. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '../auth/guard';
import { findCourse, findModule, getCatalog } from '../courses/catalog';
import { checkCourseFiles, parseFiles } from '../courses/revisions';
import type { Quiz } from '../courses/types';
import { getDb } from '../db';
import type { DB } from '../db/schema';
import type { Kysely } from 'kysely';
import { attemptsForAnalysis, attemptVersions, parseAnalysisFilter } from './analysis-data';
import { analyseQuiz } from './item-analysis';

export async function itemAnalysisFor(event: Pick<RequestEvent<{ slug: string; module: string }>, 'locals' | 'url' | 'params'>) {
	requireRole(event, 'trainer', 'admin');
	const course = findCourse(event.params.slug);
	const module = course && findModule(course, event.params.module);
	if (!course || !module?.quiz) error(404, m.error_not_found());
	const db = getDb();
	const filter = parseAnalysisFilter(event.url.searchParams);
	const versions = await attemptVersions(db, course.slug, module.slug);
	// A version this quiz has no attempts of (a typo, another course's, garbage) is named, not
	// silently read as "all versions".
	const asked = event.url.searchParams.get('version') ?? '';
	const unknownVersion = asked !== '' && !versions.some((v) => v.version === asked) ? asked.slice(0, 64) : null;
	const attempts = unknownVersion ? [] : await attemptsForAnalysis(db, course.slug, module.slug, filter);
	// Attempts of one version are read against that version's questions (options, key, prompts).
	const quiz = (filter.version && !unknownVersion && (await quizOfVersion(db, course.slug, module.slug, filter.version))) || module.quiz;
	return {
		course,
		module,
		quiz,
		filter: unknownVersion ? { ...filter, version: undefined } : filter,
		versions,
		unknownVersion,
		attempts: attempts.length,
		stats: analyseQuiz(quiz, attempts)
	};
}

/** The module's quiz as a published version had it, or null when that version is not stored. */
async function quizOfVersion(db: Kysely<DB>, slug: string, moduleSlug: string, version: string): Promise<Quiz | null> {
	const revision = await db
		.selectFrom('course_revisions')
		.select('files')
		.where('course_slug', '=', slug)
		.where('content_hash', '=', version)
		.where('publication', 'is not', null)
		.limit(1)
		.executeTakeFirst();
	if (!revision) return null;
	const { course } = checkCourseFiles(slug, parseFiles(revision), getCatalog().courses.map((c) => c.slug));
	return course?.modules.find((x) => x.slug === moduleSlug)?.quiz ?? null;
}
