/** Shared by the item-analysis page and its CSV download: find the quiz, parse filters, analyse. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '../auth/guard';
import { findCourse, findModule } from '../courses/catalog';
import { getDb } from '../db';
import { attemptsForAnalysis, parseAnalysisFilter } from './analysis-data';
import { analyseQuiz } from './item-analysis';

export async function itemAnalysisFor(event: Pick<RequestEvent<{ slug: string; module: string }>, 'locals' | 'url' | 'params'>) {
	requireRole(event, 'trainer', 'admin');
	const course = findCourse(event.params.slug);
	const module = course && findModule(course, event.params.module);
	if (!course || !module?.quiz) error(404, m.error_not_found());
	const filter = parseAnalysisFilter(event.url.searchParams);
	const attempts = await attemptsForAnalysis(getDb(), course.slug, module.slug, filter);
	return { course, module, quiz: module.quiz, filter, attempts: attempts.length, stats: analyseQuiz(module.quiz, attempts) };
}
