/**
 * The report counts at their finest grain — institution × unit × country × course × month — read
 * straight from the enrolments and certificates, grouped in SQL. Used for the days of a period
 * that the monthly roll-up does not cover (a month begun or unfinished), and to rebuild or check
 * the roll-up. (A few people's share, when their enrolments change, is counted in JS by
 * ./person-facts from their rows: cheaper inside a write transaction.)
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema';
import { emptySums, mergeFactRows, type FactRow, type Sums } from './aggregate';
import type { Window } from './filters';
import { centi, countWhen, inWindow, monthOf, num } from './report-sql';

export type FactRowsOptions = {
	/** Only dates in this span (null: all of time). */
	window: Window | null;
	/** A condition on the learner (`users as u`), e.g. from personFilter. */
	person?: RawBuilder<SqlBool> | null;
	course?: string | null;
};

type Grain = {
	institutionId: number | null;
	unitId: number | null;
	country: FactRow['country'];
	course: string;
	month: string;
};

/**
 * Every count a date of an enrolment or certificate adds, in the month of that date: enrolled
 * (enrolled_at, unless withdrawn), active (last_activity_at), completed with its score and hours
 * (completed_at), certificates (issued_at). Four grouped queries, one per date, each on its
 * month index when a window is given; added up by key.
 */
export async function factRows(db: Kysely<DB>, o: FactRowsOptions): Promise<FactRow[]> {
	const where = (alias: 'e' | 'c', date: string) => {
		const conditions: RawBuilder<unknown>[] = [sql`${sql.ref(date)} is not null`];
		if (o.window) conditions.push(inWindow(o.window, date));
		if (o.course) conditions.push(sql`${sql.ref(`${alias}.course_slug`)} = ${o.course}`);
		if (o.person) conditions.push(o.person);
		return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
	};
	const grain = <A extends 'e' | 'c'>(alias: A, date: string) =>
		[
			'u.institution_id as institutionId',
			'u.unit_id as unitId',
			'u.country as country',
			`${alias}.course_slug as course` as `${A}.course_slug as course`,
			monthOf(date).as('month')
		] as const;
	// Positions, not expressions: PostgreSQL sees a repeated parameterised expression as different.
	const byGrain = [1, 2, 3, 4, 5].map((i) => sql.raw(String(i)));
	const enrolments = () =>
		db.selectFrom('enrolments as e').innerJoin('users as u', 'u.id', 'e.user_id');

	const [enrolled, active, completed, certificates] = await Promise.all([
		enrolments()
			.where(where('e', 'e.enrolled_at'))
			.where('e.status', '<>', 'withdrawn')
			.select([
				...grain('e', 'e.enrolled_at'),
				sql<number>`count(*)`.as('enrolled'),
				countWhen(sql`e.completed_at is not null`).as('enrolledCompleted')
			])
			.groupBy(byGrain)
			.execute(),
		enrolments()
			.where(where('e', 'e.last_activity_at'))
			.select([...grain('e', 'e.last_activity_at'), sql<number>`count(*)`.as('active')])
			.groupBy(byGrain)
			.execute(),
		enrolments()
			.leftJoin('course_versions as cv', (j) =>
				j
					.onRef('cv.course_slug', '=', 'e.course_slug')
					.onRef('cv.version', '=', 'e.completed_version')
			)
			.where(where('e', 'e.completed_at'))
			.select([
				...grain('e', 'e.completed_at'),
				sql<number>`count(*)`.as('completed'),
				sql<number>`sum(${centi(sql`e.final_score`)})`.as('scoreCenti'),
				sql<number>`count(e.final_score)`.as('scoreCount'),
				sql<number>`sum(${centi(sql`cv.hours`)})`.as('hoursCenti')
			])
			.groupBy(byGrain)
			.execute(),
		db
			.selectFrom('certificates as c')
			.innerJoin('users as u', 'u.id', 'c.user_id')
			.where(where('c', 'c.issued_at'))
			.select([
				...grain('c', 'c.issued_at'),
				countWhen(sql`c.revoked_at is null`).as('certificates'),
				countWhen(sql`c.revoked_at is not null`).as('revoked')
			])
			.groupBy(byGrain)
			.execute()
	]);
	const row = (g: Grain, values: Partial<Record<keyof Sums, unknown>>): FactRow => {
		const sums = emptySums();
		for (const [k, v] of Object.entries(values)) sums[k as keyof Sums] = num(v);
		return {
			...sums,
			institutionId: g.institutionId,
			unitId: g.unitId,
			country: g.country,
			course: g.course,
			month: g.month
		};
	};
	return mergeFactRows([
		...enrolled.map(({ enrolled, enrolledCompleted, ...g }) =>
			row(g, { enrolled, enrolledCompleted })
		),
		...active.map(({ active, ...g }) => row(g, { active })),
		...completed.map(({ completed, scoreCenti, scoreCount, hoursCenti, ...g }) =>
			row(g, { completed, scoreCenti, scoreCount, hoursCenti })
		),
		...certificates.map(({ certificates, revoked, ...g }) => row(g, { certificates, revoked }))
	]);
}
