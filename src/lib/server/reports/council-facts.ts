/**
 * The Council's grouped counts, shaped so neither database sorts a whole period of rows (SQLite
 * has no hash aggregation; see migrations/2026-11-23-05-reporting-indexes.ts):
 * - per institution × unit × country, walking people in that order and looking up each person's
 *   enrolments (one pass for all enrolment figures) and certificates;
 * - per course × month, walking each date's month index.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Country, DB } from '../db/schema';
import { emptySums, type CellFact, type GroupFact, type TrainedFact } from './aggregate';
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

/** The grouped counts every figure is built from: seven small queries, run side by side. */
export async function councilFacts(
	db: Kysely<DB>,
	f: ReportFilter,
	scope: ReportScope
): Promise<{ groups: GroupFact[]; cells: CellFact[]; trained: TrainedFact[] }> {
	const { within, monthRange, enrolled } = periodSql(f);
	const count = countWhen;
	const person = personFilter(f, scope);
	const completed = within('e.completed_at');

	// People first, so their rows arrive grouped by institution × unit × country.
	const walkPeople = () => {
		let q = db.selectFrom('users as u');
		if (person) q = q.where(person);
		return q;
	};
	const dims = people;
	const byDims = byPeople;

	const groupEnrolments = walkPeople()
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
			...dims,
			count(enrolled).as('enrolled'),
			count(sql`${enrolled} and e.completed_at is not null`).as('enrolledCompleted'),
			count(within('e.last_activity_at')).as('active'),
			count(completed).as('completed'),
			sql<number>`sum(case when ${completed} then ${asDouble(sql`e.final_score`)} end)`.as(
				'scoreSum'
			),
			sql<number>`count(case when ${completed} then e.final_score end)`.as('scoreCount'),
			sql<number>`sum(case when ${completed} then ${asDouble(sql`cv.hours`)} end)`.as('hours')
		])
		.groupBy([...byDims])
		.execute();

	const groupCertificates = walkPeople()
		.crossJoin('certificates as c')
		.whereRef('c.user_id', '=', 'u.id')
		.where(within('c.issued_at'))
		.$if(f.course !== null, (q) => q.where('c.course_slug', '=', f.course!))
		.select([
			...dims,
			count(sql`c.revoked_at is null`).as('certificates'),
			count(sql`c.revoked_at is not null`).as('revoked')
		])
		.groupBy([...byDims])
		.execute();

	// People with a completion in the period: their ids from the completed-month index, then
	// counted per group (cheaper than asking each person's enrolments).
	const trained = walkPeople()
		.where('u.id', 'in', (eb) =>
			eb
				.selectFrom('enrolments as e')
				.select('e.user_id')
				.where(sql<SqlBool>`${monthRange('e.completed_at')}`)
				.where(completed)
				.$if(f.course !== null, (q) => q.where('e.course_slug', '=', f.course!))
		)
		.select([...dims, sql<number>`count(*)`.as('people')])
		.groupBy([...byDims])
		.execute();

	// Course × month: one date's month index each (joined to the people when they are filtered).
	const cellWhere = (alias: 'e' | 'c', date: string) => {
		const conditions = [monthRange(date), within(date)];
		if (f.course !== null) conditions.push(sql`${sql.ref(`${alias}.course_slug`)} = ${f.course}`);
		return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
	};
	const enrolmentCells = (date: string) =>
		db
			.selectFrom('enrolments as e')
			.where(cellWhere('e', date))
			.$if(person !== null, (q) => q.innerJoin('users as u', 'u.id', 'e.user_id').where(person!))
			.groupBy([monthOf(date), 'e.course_slug']);
	const cellEnrolled = enrolmentCells('e.enrolled_at')
		.where('e.status', '<>', 'withdrawn')
		.select([
			monthOf('e.enrolled_at').as('month'),
			'e.course_slug as course',
			sql<number>`count(*)`.as('enrolled'),
			count(sql`e.completed_at is not null`).as('enrolledCompleted')
		])
		.execute();
	const cellActive = enrolmentCells('e.last_activity_at')
		.select([
			monthOf('e.last_activity_at').as('month'),
			'e.course_slug as course',
			sql<number>`count(*)`.as('active')
		])
		.execute();
	const cellCompleted = enrolmentCells('e.completed_at')
		.leftJoin('course_versions as cv', (j) =>
			j
				.onRef('cv.course_slug', '=', 'e.course_slug')
				.onRef('cv.version', '=', 'e.completed_version')
		)
		.select([
			monthOf('e.completed_at').as('month'),
			'e.course_slug as course',
			sql<number>`count(*)`.as('completed'),
			sql<number>`sum(${asDouble(sql`e.final_score`)})`.as('scoreSum'),
			sql<number>`count(e.final_score)`.as('scoreCount'),
			sql<number>`sum(${asDouble(sql`cv.hours`)})`.as('hours')
		])
		.execute();
	const cellCertificates = db
		.selectFrom('certificates as c')
		.where(cellWhere('c', 'c.issued_at'))
		.$if(person !== null, (q) => q.innerJoin('users as u', 'u.id', 'c.user_id').where(person!))
		.groupBy([monthOf('c.issued_at'), 'c.course_slug'])
		.select([
			monthOf('c.issued_at').as('month'),
			'c.course_slug as course',
			count(sql`c.revoked_at is null`).as('certificates'),
			count(sql`c.revoked_at is not null`).as('revoked')
		])
		.execute();

	const [ge, gc, t, ce, ca, cc, ck] = await Promise.all([
		groupEnrolments,
		groupCertificates,
		trained,
		cellEnrolled,
		cellActive,
		cellCompleted,
		cellCertificates
	]);
	type Dims = { institutionId: number | null; unitId: number | null; country: Country };
	const group = (r: Dims, values: Partial<GroupFact>): GroupFact => ({
		...emptySums(),
		institutionId: r.institutionId,
		unitId: r.unitId,
		country: r.country,
		...values
	});
	const cellFact = (r: { month: string; course: string }, values: Partial<CellFact>): CellFact => ({
		...emptySums(),
		month: r.month,
		course: r.course,
		...values
	});
	return {
		groups: [
			...ge.map((r) =>
				group(r, {
					enrolled: num(r.enrolled),
					enrolledCompleted: num(r.enrolledCompleted),
					active: num(r.active),
					completed: num(r.completed),
					scoreSum: num(r.scoreSum),
					scoreCount: num(r.scoreCount),
					hours: num(r.hours)
				})
			),
			...gc.map((r) => group(r, { certificates: num(r.certificates), revoked: num(r.revoked) }))
		],
		cells: [
			...ce.map((r) =>
				cellFact(r, { enrolled: num(r.enrolled), enrolledCompleted: num(r.enrolledCompleted) })
			),
			...ca.map((r) => cellFact(r, { active: num(r.active) })),
			...cc.map((r) =>
				cellFact(r, {
					completed: num(r.completed),
					scoreSum: num(r.scoreSum),
					scoreCount: num(r.scoreCount),
					hours: num(r.hours)
				})
			),
			...ck.map((r) => cellFact(r, { certificates: num(r.certificates), revoked: num(r.revoked) }))
		],
		trained: t.map((r) => ({
			institutionId: r.institutionId,
			unitId: r.unitId,
			country: r.country,
			people: num(r.people)
		}))
	};
}
