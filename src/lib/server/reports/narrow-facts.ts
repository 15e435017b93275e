/**
 * Grouped counts for a narrow set of people — one institution, or one department. They are few
 * next to the whole country, so instead of the Council's seven passes (./council-facts) one pass
 * over their enrolments gives every enrolment figure at once — grouped by institution, unit,
 * country, course, and the month of each date (null when the date is outside the period) — and
 * ./aggregate folds those rows both ways.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema';
import {
	foldPassRows,
	passCertificateFacts,
	type CellFact,
	type GroupFact,
	type TrainedFact
} from './aggregate';
import type { ReportFilter } from './filters';
import {
	asDouble,
	byPeople,
	countWhen,
	monthOf,
	num,
	people,
	periodSql,
	personFilter,
	type ReportScope
} from './report-sql';

/** Whether a report's people are few enough for the single pass. */
export const isNarrow = (f: ReportFilter, scope: ReportScope) =>
	scope.institutionId !== null || f.department !== null;

export async function narrowFacts(
	db: Kysely<DB>,
	f: ReportFilter,
	scope: ReportScope
): Promise<{ groups: GroupFact[]; cells: CellFact[]; trained: TrainedFact[] }> {
	const { within, monthRange, enrolled } = periodSql(f);
	const completed = within('e.completed_at');
	const person = personFilter(f, scope)!;
	const monthIf = (condition: ReturnType<typeof sql<SqlBool>>, column: string) =>
		sql<string | null>`case when ${condition} then ${monthOf(column)} end`;
	// Positions, not expressions: PostgreSQL would see the parameters of a repeated expression as different.
	const groupByColumns = (count: number) =>
		Array.from({ length: count }, (_, i) => sql.raw(String(i + 1)));

	const enrolments = db
		.selectFrom('users as u')
		.where(person)
		.crossJoin('enrolments as e')
		.whereRef('e.user_id', '=', 'u.id')
		.leftJoin('course_versions as cv', (j) =>
			j
				.onRef('cv.course_slug', '=', 'e.course_slug')
				.onRef('cv.version', '=', 'e.completed_version')
		)
		.where(
			sql<SqlBool>`(${within('e.enrolled_at')} or ${within('e.last_activity_at')} or ${completed})`
		)
		.$if(f.course !== null, (q) => q.where('e.course_slug', '=', f.course!))
		.select([
			...people,
			'e.course_slug as course',
			monthIf(enrolled, 'e.enrolled_at').as('enrolledMonth'),
			monthIf(within('e.last_activity_at'), 'e.last_activity_at').as('activeMonth'),
			monthIf(completed, 'e.completed_at').as('completedMonth'),
			sql<number>`count(*)`.as('n'),
			countWhen(sql`e.completed_at is not null`).as('nCompleted'),
			sql<number>`sum(${asDouble(sql`e.final_score`)})`.as('scoreSum'),
			sql<number>`count(e.final_score)`.as('scoreCount'),
			sql<number>`sum(${asDouble(sql`cv.hours`)})`.as('hours')
		])
		.groupBy(groupByColumns(7))
		.execute();

	const certificates = db
		.selectFrom('users as u')
		.where(person)
		.crossJoin('certificates as c')
		.whereRef('c.user_id', '=', 'u.id')
		.where(within('c.issued_at'))
		.$if(f.course !== null, (q) => q.where('c.course_slug', '=', f.course!))
		.select([
			...people,
			'c.course_slug as course',
			monthOf('c.issued_at').as('month'),
			countWhen(sql`c.revoked_at is null`).as('certificates'),
			countWhen(sql`c.revoked_at is not null`).as('revoked')
		])
		.groupBy([...byPeople, 'c.course_slug', monthOf('c.issued_at')])
		.execute();

	const trained = db
		.selectFrom('users as u')
		.where(person)
		.where('u.id', 'in', (eb) =>
			eb
				.selectFrom('enrolments as e')
				.select('e.user_id')
				.where(monthRange('e.completed_at'))
				.where(completed)
				.$if(f.course !== null, (q) => q.where('e.course_slug', '=', f.course!))
		)
		.select([...people, sql<number>`count(*)`.as('people')])
		.groupBy([...byPeople])
		.execute();

	const [rows, certs, t] = await Promise.all([enrolments, certificates, trained]);
	const folded = foldPassRows(
		rows.map((r) => ({
			...r,
			n: num(r.n),
			nCompleted: num(r.nCompleted),
			scoreSum: num(r.scoreSum),
			scoreCount: num(r.scoreCount),
			hours: num(r.hours)
		}))
	);
	const certFacts = passCertificateFacts(
		certs.map((r) => ({ ...r, certificates: num(r.certificates), revoked: num(r.revoked) }))
	);
	return {
		groups: [...folded.groups, ...certFacts.groups],
		cells: [...folded.cells, ...certFacts.cells],
		trained: t.map((r) => ({
			institutionId: r.institutionId,
			unitId: r.unitId,
			country: r.country,
			people: num(r.people)
		}))
	};
}
