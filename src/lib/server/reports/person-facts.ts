/**
 * Some people's share of the report counts, from their own rows: each of their enrolments (at
 * most one per course) with its certificate. One indexed query, then the counting rules in JS —
 * the same rules ./fact-rows applies in SQL to the whole table (the integration suites check
 * that the two always agree). Run inside the write transactions that change these rows, so it
 * must be cheap.
 */
import type { Kysely } from 'kysely';
import type { Country, DB } from '../db/schema';
import { emptySums, mergeFactRows, type FactRow, type Sums } from './aggregate';

/** What the counting rules read of one enrolment, its learner and its certificate. */
export type EnrolmentFactsRow = {
	institutionId: number | null;
	unitId: number | null;
	country: Country;
	course: string;
	status: string;
	enrolledAt: string | null;
	lastActivityAt: string | null;
	completedAt: string | null;
	finalScore: number | string | null;
	/** Hours of the version completed (null when not completed, or the version is unknown). */
	hours: number | string | null;
	issuedAt: string | null;
	revokedAt: string | null;
};

const centi = (v: number | string) => Math.round(Number(v) * 100);

/**
 * The counts rows add, each in the month of its own date: enrolled (unless withdrawn) with
 * whether it is completed, last activity, completion with score and hours, certificate.
 * @example enrolmentFacts([{ ...row, enrolledAt: '2025-03-01T…', completedAt: null, … }])
 *   // [{ month: '2025-03', enrolled: 1, enrolledCompleted: 0, … }, …]
 */
export function enrolmentFacts(rows: EnrolmentFactsRow[]): FactRow[] {
	const out: FactRow[] = [];
	for (const r of rows) {
		const at = (date: string, sums: Partial<Sums>) =>
			out.push({
				...emptySums(),
				...sums,
				institutionId: r.institutionId,
				unitId: r.unitId,
				country: r.country,
				course: r.course,
				month: date.slice(0, 7)
			});
		if (r.enrolledAt && r.status !== 'withdrawn')
			at(r.enrolledAt, { enrolled: 1, enrolledCompleted: r.completedAt ? 1 : 0 });
		if (r.lastActivityAt) at(r.lastActivityAt, { active: 1 });
		if (r.completedAt)
			at(r.completedAt, {
				completed: 1,
				scoreCenti: r.finalScore === null ? 0 : centi(r.finalScore),
				scoreCount: r.finalScore === null ? 0 : 1,
				hoursCenti: r.hours === null ? 0 : centi(r.hours)
			});
		if (r.issuedAt)
			at(r.issuedAt, { certificates: r.revokedAt ? 0 : 1, revoked: r.revokedAt ? 1 : 0 });
	}
	return mergeFactRows(out);
}

/** The current share of the counts of these people (ids: at most a thousand or so per call). */
export async function personFacts(db: Kysely<DB>, userIds: number[]): Promise<FactRow[]> {
	if (userIds.length === 0) return [];
	const rows = await db
		.selectFrom('enrolments as e')
		.innerJoin('users as u', 'u.id', 'e.user_id')
		.leftJoin('course_versions as cv', (j) =>
			j
				.onRef('cv.course_slug', '=', 'e.course_slug')
				.onRef('cv.version', '=', 'e.completed_version')
		)
		.leftJoin('certificates as c', 'c.enrolment_id', 'e.id')
		.select([
			'u.institution_id as institutionId',
			'u.unit_id as unitId',
			'u.country as country',
			'e.course_slug as course',
			'e.status as status',
			'e.enrolled_at as enrolledAt',
			'e.last_activity_at as lastActivityAt',
			'e.completed_at as completedAt',
			'e.final_score as finalScore',
			'cv.hours as hours',
			'c.issued_at as issuedAt',
			'c.revoked_at as revokedAt'
		])
		.where('e.user_id', 'in', userIds)
		.execute();
	return enrolmentFacts(rows);
}
