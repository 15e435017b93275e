/** Submitted attempts of one quiz, filtered for item analysis (trainers). */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { getCatalog } from '../courses/catalog';
import { checkCourseFiles, parseFiles } from '../courses/revisions';
import type { Quiz } from '../courses/types';
import type { DB } from '../db/schema';
import type { AnalysedAttempt } from './item-analysis';
import { toAttempt } from './attempts';

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.optional()
	.or(z.literal('').transform(() => undefined));

/** Filters from the page's query string; anything malformed is dropped rather than failing. */
export const AnalysisFilter = z.object({
	version: z
		.string()
		.regex(/^[0-9a-f]{6,64}$/)
		.optional()
		.catch(undefined),
	institution: z.coerce.number().int().positive().optional().catch(undefined),
	from: isoDate.catch(undefined),
	to: isoDate.catch(undefined)
});
export type AnalysisFilter = z.infer<typeof AnalysisFilter>;

export function parseAnalysisFilter(params: URLSearchParams): AnalysisFilter {
	return AnalysisFilter.parse(Object.fromEntries(params));
}

export async function attemptsForAnalysis(
	db: Kysely<DB>,
	courseSlug: string,
	moduleSlug: string,
	f: AnalysisFilter
): Promise<AnalysedAttempt[]> {
	let q = db
		.selectFrom('quiz_attempts as a')
		.innerJoin('users as u', 'u.id', 'a.user_id')
		.selectAll('a')
		.where('a.course_slug', '=', courseSlug)
		.where('a.module_slug', '=', moduleSlug)
		.where('a.submitted_at', 'is not', null);
	if (f.version) q = q.where('a.course_version', '=', f.version);
	if (f.institution) q = q.where('u.institution_id', '=', f.institution);
	if (f.from) q = q.where('a.submitted_at', '>=', `${f.from}T00:00:00.000Z`);
	if (f.to) q = q.where('a.submitted_at', '<=', `${f.to}T23:59:59.999Z`);
	const rows = await q.orderBy('a.id').execute();
	return rows.map(toAttempt).map((a) => ({
		id: a.id,
		percent: a.grade?.percent ?? 0,
		drawn: a.drawn,
		answers: a.answers,
		items: a.grade?.items ?? []
	}));
}

/**
 * The course versions that have submitted attempts of this quiz, with how many each, newest
 * first (by their latest attempt), for the filter.
 */
export async function attemptVersions(db: Kysely<DB>, courseSlug: string, moduleSlug: string) {
	const rows = await db
		.selectFrom('quiz_attempts')
		.select((eb) => [
			'course_version',
			eb.fn.countAll<number | string>().as('n'),
			eb.fn.max('submitted_at').as('last')
		])
		.where('course_slug', '=', courseSlug)
		.where('module_slug', '=', moduleSlug)
		.where('submitted_at', 'is not', null)
		.groupBy('course_version')
		.orderBy('last', 'desc')
		.orderBy('course_version')
		.execute();
	return rows.map((r) => ({ version: r.course_version, attempts: Number(r.n) }));
}

/** The module's quiz as a published version had it, or null when that version is not stored. */
export async function quizOfVersion(
	db: Kysely<DB>,
	slug: string,
	moduleSlug: string,
	version: string
): Promise<Quiz | null> {
	const revision = await db
		.selectFrom('course_revisions')
		.select('files')
		.where('course_slug', '=', slug)
		.where('content_hash', '=', version)
		.where('publication', 'is not', null)
		.limit(1)
		.executeTakeFirst();
	if (!revision) return null;
	const { course } = checkCourseFiles(
		slug,
		parseFiles(revision),
		getCatalog().courses.map((c) => c.slug)
	);
	return course?.modules.find((x) => x.slug === moduleSlug)?.quiz ?? null;
}
