/**
 * Report queries, shaped so neither database sorts a whole period of rows (SQLite has no hash
 * aggregation; see migrations/2026-11-23-05-reporting-indexes.ts):
 * - per institution × unit × country, walking people in that order and looking up each person's
 *   enrolments (one pass for all enrolment figures) and certificates;
 * - per course × month, walking each date's month index.
 * ./aggregate adds these small grouped counts up in every direction the report shows.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Country, DB } from '../db/schema';
import { assembleReport, emptySums, type CellFact, type GroupFact, type Names, type ReportData, type TrainedFact } from './aggregate';
import { NO_DEPARTMENT, periodBounds, type ReportFilter } from './filters';

/** Whose people a report counts: everyone (council) or one institution's. */
export type ReportScope = { institutionId: number | null };

/** A learner's department: their unit's, else their institution's (null: "Sin departamento"). */
const DEPARTMENT = sql`coalesce((select units.department from units where units.id = u.unit_id), (select institutions.department from institutions where institutions.id = u.institution_id))`;

/**
 * The filters that concern the person (country, department, institution), as one condition on
 * the learner as `users as u`; null when there are none.
 * @example q.where(personFilter(filter, { institutionId: 3 }) ?? sql`true`)
 */
export function personFilter(f: ReportFilter, scope: ReportScope): RawBuilder<SqlBool> | null {
	const conditions: RawBuilder<unknown>[] = [];
	if (f.country !== 'all') conditions.push(sql`u.country = ${f.country}`);
	if (scope.institutionId !== null) conditions.push(sql`u.institution_id = ${scope.institutionId}`);
	if (f.department === NO_DEPARTMENT) conditions.push(sql`${DEPARTMENT} is null`);
	else if (f.department) conditions.push(sql`${DEPARTMENT} = ${f.department}`);
	return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : null;
}

const n = (v: unknown) => Number(v ?? 0);
const asDouble = (e: RawBuilder<unknown>) => sql<number>`cast(${e} as double precision)`;
const monthOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;

/** The grouped counts every figure is built from: seven small queries, run side by side. */
export async function reportFacts(
	db: Kysely<DB>,
	f: ReportFilter,
	scope: ReportScope
): Promise<{ groups: GroupFact[]; cells: CellFact[]; trained: TrainedFact[] }> {
	const { from, toExclusive: to } = periodBounds(f);
	const within = (column: string) => sql<SqlBool>`(${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${to})`;
	/** The months the period touches, on a date's month index (narrows the index scan). */
	const monthRange = (date: string) => sql`${monthOf(date)} >= ${f.from.slice(0, 7)} and ${monthOf(date)} <= ${f.to.slice(0, 7)}`;
	const count = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
	const person = personFilter(f, scope);
	const enrolled = sql`${within('e.enrolled_at')} and e.status <> 'withdrawn'`;
	const completed = within('e.completed_at');

	// People first, so their rows arrive grouped by institution × unit × country.
	const people = () => {
		let q = db.selectFrom('users as u');
		if (person) q = q.where(person);
		return q;
	};
	const dims = ['u.institution_id as institutionId', 'u.unit_id as unitId', 'u.country as country'] as const;
	const byDims = ['u.institution_id', 'u.unit_id', 'u.country'] as const;

	const groupEnrolments = people()
		.crossJoin('enrolments as e')
		.whereRef('e.user_id', '=', 'u.id')
		.leftJoin('course_versions as cv', (j) => j.onRef('cv.course_slug', '=', 'e.course_slug').onRef('cv.version', '=', 'e.completed_version'))
		.where(sql<SqlBool>`(${within('e.enrolled_at')} or ${within('e.last_activity_at')} or ${completed})`)
		.$if(f.course !== null, (q) => q.where('e.course_slug', '=', f.course!))
		.select([
			...dims,
			count(enrolled).as('enrolled'),
			count(sql`${enrolled} and e.completed_at is not null`).as('enrolledCompleted'),
			count(within('e.last_activity_at')).as('active'),
			count(completed).as('completed'),
			sql<number>`sum(case when ${completed} then ${asDouble(sql`e.final_score`)} end)`.as('scoreSum'),
			sql<number>`count(case when ${completed} then e.final_score end)`.as('scoreCount'),
			sql<number>`sum(case when ${completed} then ${asDouble(sql`cv.hours`)} end)`.as('hours')
		])
		.groupBy([...byDims])
		.execute();

	const groupCertificates = people()
		.crossJoin('certificates as c')
		.whereRef('c.user_id', '=', 'u.id')
		.where(within('c.issued_at'))
		.$if(f.course !== null, (q) => q.where('c.course_slug', '=', f.course!))
		.select([...dims, count(sql`c.revoked_at is null`).as('certificates'), count(sql`c.revoked_at is not null`).as('revoked')])
		.groupBy([...byDims])
		.execute();

	// People with a completion in the period: their ids from the completed-month index, then
	// counted per group (cheaper than asking each person's enrolments).
	const trained = people()
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
		.select([monthOf('e.enrolled_at').as('month'), 'e.course_slug as course', sql<number>`count(*)`.as('enrolled'), count(sql`e.completed_at is not null`).as('enrolledCompleted')])
		.execute();
	const cellActive = enrolmentCells('e.last_activity_at')
		.select([monthOf('e.last_activity_at').as('month'), 'e.course_slug as course', sql<number>`count(*)`.as('active')])
		.execute();
	const cellCompleted = enrolmentCells('e.completed_at')
		.leftJoin('course_versions as cv', (j) => j.onRef('cv.course_slug', '=', 'e.course_slug').onRef('cv.version', '=', 'e.completed_version'))
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
					enrolled: n(r.enrolled),
					enrolledCompleted: n(r.enrolledCompleted),
					active: n(r.active),
					completed: n(r.completed),
					scoreSum: n(r.scoreSum),
					scoreCount: n(r.scoreCount),
					hours: n(r.hours)
				})
			),
			...gc.map((r) => group(r, { certificates: n(r.certificates), revoked: n(r.revoked) }))
		],
		cells: [
			...ce.map((r) => cellFact(r, { enrolled: n(r.enrolled), enrolledCompleted: n(r.enrolledCompleted) })),
			...ca.map((r) => cellFact(r, { active: n(r.active) })),
			...cc.map((r) => cellFact(r, { completed: n(r.completed), scoreSum: n(r.scoreSum), scoreCount: n(r.scoreCount), hours: n(r.hours) })),
			...ck.map((r) => cellFact(r, { certificates: n(r.certificates), revoked: n(r.revoked) }))
		],
		trained: t.map((r) => ({ institutionId: r.institutionId, unitId: r.unitId, country: r.country, people: n(r.people) }))
	};
}

/** Course titles: the title of each course's most recently seen version. */
export async function courseTitles(db: Kysely<DB>): Promise<Map<string, { title: string; hours: number }>> {
	const rows = await db
		.selectFrom('course_versions')
		.select(['course_slug', 'title', 'hours'])
		.orderBy('first_seen_at')
		.orderBy('version')
		.execute();
	return new Map(rows.map((r) => [r.course_slug, { title: r.title, hours: Number(r.hours) }]));
}

export async function reportNames(db: Kysely<DB>, institutionId: number | null): Promise<Names> {
	let units = db.selectFrom('units').select(['id', 'name']);
	if (institutionId !== null) units = units.where('institution_id', '=', institutionId);
	const [institutions, unitRows, courses] = await Promise.all([
		db.selectFrom('institutions').select(['id', 'name', 'short_name', 'country']).execute(),
		units.execute(),
		courseTitles(db)
	]);
	return {
		institutions: new Map(institutions.map((i) => [i.id, { name: i.name, shortName: i.short_name, country: i.country }])),
		units: new Map(unitRows.map((u) => [u.id, { name: u.name }])),
		courses
	};
}

/** The Council's report: every institution of the chosen countries, aggregates only. */
export async function councilReport(db: Kysely<DB>, f: ReportFilter, now = new Date()): Promise<ReportData> {
	const scope = { institutionId: null };
	const [facts, names] = await Promise.all([reportFacts(db, f, scope), reportNames(db, null)]);
	return assembleReport({ kind: 'council', filter: f, institution: null, ...facts, names, now });
}

/** One institution's report, by unit. The caller checks that the viewer may see the institution. */
export async function institutionReport(
	db: Kysely<DB>,
	institution: { id: number; name: string; country: Country },
	f: ReportFilter,
	now = new Date()
): Promise<ReportData> {
	const scope = { institutionId: institution.id };
	const [facts, names] = await Promise.all([reportFacts(db, f, scope), reportNames(db, institution.id)]);
	return assembleReport({ kind: 'institution', filter: f, institution, ...facts, names, now });
}

/** What the filter form offers: the courses ever served and the departments in use. */
export async function reportOptions(db: Kysely<DB>) {
	const [courses, unitDepartments, institutionDepartments] = await Promise.all([
		courseTitles(db),
		db.selectFrom('units').select('department').distinct().where('department', 'is not', null).execute(),
		db.selectFrom('institutions').select('department').distinct().where('department', 'is not', null).execute()
	]);
	const departments = new Set([...unitDepartments, ...institutionDepartments].map((r) => r.department as string));
	return {
		courses: [...courses].map(([slug, c]) => ({ slug, title: c.title })).sort((a, b) => a.title.localeCompare(b.title, 'es')),
		departments: [...departments].sort((a, b) => a.localeCompare(b, 'es'))
	};
}
