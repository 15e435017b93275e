/** Shared by the item-analysis page and its CSV download: find the quiz, parse filters, analyse. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '../auth/guard';
import { findCourse, findModule } from '../courses/catalog';
import { getDb } from '../db';
import { attemptsForAnalysis, attemptVersions, parseAnalysisFilter, quizOfVersion } from './analysis-data';
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
	const unknownVersion = asked !== '' && !versions.some((v) => v.version === asked) ? asked.slice(0, 64).replace(/[^\w-]/g, '?') : null;
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
