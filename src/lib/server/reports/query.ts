/**
 * Report queries. Each figure is one grouped query over a range of one indexed date column
 * (see migrations/2026-11-23-05-reporting-indexes.ts); the groups are small (institution × unit ×
 * country × course × month), and ./aggregate adds them up in every direction the report shows.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Country, DB } from '../db/schema';
import { assembleReport, emptySums, type Fact, type Names, type ReportData, type TrainedFact } from './aggregate';
import { NO_DEPARTMENT, periodBounds, type ReportFilter } from './filters';

/** Whose people a report counts: everyone (council) or one institution's. */
export type ReportScope = { institutionId: number | null };

type Row = { institutionId: number | null; unitId: number | null; country: Country; course: string; month: string };

/** A learner's department: their unit's, else their institution's (null: "Sin departamento"). */
const DEPARTMENT = sql`coalesce((select units.department from units where units.id = u.unit_id), (select institutions.department from institutions where institutions.id = u.institution_id))`;

/**
 * The filters that concern the person (country, department, institution), as one condition on
 * a query that has the learner as `users as u`.
 * @example db.selectFrom('users as u').selectAll().where(personFilter(filter, { institutionId: 3 }))
 */
export function personFilter(f: ReportFilter, scope: ReportScope): RawBuilder<SqlBool> {
	const conditions: RawBuilder<unknown>[] = [];
	if (f.country !== 'all') conditions.push(sql`u.country = ${f.country}`);
	if (scope.institutionId !== null) conditions.push(sql`u.institution_id = ${scope.institutionId}`);
	if (f.department === NO_DEPARTMENT) conditions.push(sql`${DEPARTMENT} is null`);
	else if (f.department) conditions.push(sql`${DEPARTMENT} = ${f.department}`);
	return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : sql<SqlBool>`1 = 1`;
}

function enrolmentsOf(db: Kysely<DB>, f: ReportFilter, scope: ReportScope) {
	let q = db.selectFrom('enrolments as e').innerJoin('users as u', 'u.id', 'e.user_id');
	if (f.course) q = q.where('e.course_slug', '=', f.course);
	return q.where(personFilter(f, scope));
}

const dims = ['u.institution_id as institutionId', 'u.unit_id as unitId', 'u.country as country'] as const;
const dimGroup = ['u.institution_id', 'u.unit_id', 'u.country'] as const;
const asDouble = (column: string) => sql<number>`cast(${sql.ref(column)} as double precision)`;
const one = (condition: ReturnType<typeof sql>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/** The grouped counts every figure is built from; five small queries, run side by side. */
export async function reportFacts(
	db: Kysely<DB>,
	f: ReportFilter,
	scope: ReportScope
): Promise<{ facts: Fact[]; trained: TrainedFact[] }> {
	const { from, toExclusive: to } = periodBounds(f);
	const month = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;

	const enrolled = enrolmentsOf(db, f, scope)
		.select((eb) => [
			...dims,
			'e.course_slug as course',
			month('e.enrolled_at').as('month'),
			eb.fn.countAll<number>().as('enrolled'),
			one(sql`e.completed_at is not null`).as('enrolledCompleted')
		])
		.where('e.enrolled_at', '>=', from)
		.where('e.enrolled_at', '<', to)
		.where('e.status', '!=', 'withdrawn')
		.groupBy([...dimGroup, 'e.course_slug', month('e.enrolled_at')])
		.execute();

	const active = enrolmentsOf(db, f, scope)
		.select((eb) => [...dims, 'e.course_slug as course', month('e.last_activity_at').as('month'), eb.fn.countAll<number>().as('active')])
		.where('e.last_activity_at', '>=', from)
		.where('e.last_activity_at', '<', to)
		.groupBy([...dimGroup, 'e.course_slug', month('e.last_activity_at')])
		.execute();

	const completed = enrolmentsOf(db, f, scope)
		.leftJoin('course_versions as cv', (j) =>
			j.onRef('cv.course_slug', '=', 'e.course_slug').onRef('cv.version', '=', 'e.completed_version')
		)
		.select((eb) => [
			...dims,
			'e.course_slug as course',
			month('e.completed_at').as('month'),
			eb.fn.countAll<number>().as('completed'),
			eb.fn.sum<number | null>(asDouble('e.final_score')).as('scoreSum'),
			eb.fn.count<number>('e.final_score').as('scoreCount'),
			eb.fn.sum<number | null>(asDouble('cv.hours')).as('hours')
		])
		.where('e.completed_at', '>=', from)
		.where('e.completed_at', '<', to)
		.groupBy([...dimGroup, 'e.course_slug', month('e.completed_at')])
		.execute();

	const trained = enrolmentsOf(db, f, scope)
		.select((eb) => [...dims, eb.fn.count<number>('e.user_id').distinct().as('people')])
		.where('e.completed_at', '>=', from)
		.where('e.completed_at', '<', to)
		.groupBy([...dimGroup])
		.execute();

	let certs = db.selectFrom('certificates as c').innerJoin('users as u', 'u.id', 'c.user_id');
	if (f.course) certs = certs.where('c.course_slug', '=', f.course);
	const certificates = certs
		.where(personFilter(f, scope))
		.select([
			...dims,
			'c.course_slug as course',
			month('c.issued_at').as('month'),
			one(sql`c.revoked_at is null`).as('certificates'),
			one(sql`c.revoked_at is not null`).as('revoked')
		])
		.where('c.issued_at', '>=', from)
		.where('c.issued_at', '<', to)
		.groupBy([...dimGroup, 'c.course_slug', month('c.issued_at')])
		.execute();

	const [e, a, c, t, k] = await Promise.all([enrolled, active, completed, trained, certificates]);
	const fact = (r: Row, values: Partial<Fact>): Fact => ({
		...emptySums(),
		institutionId: r.institutionId,
		unitId: r.unitId,
		country: r.country,
		course: r.course,
		month: r.month,
		...values
	});
	const n = (v: number | string | bigint | null) => Number(v ?? 0);
	return {
		facts: [
			...e.map((r) => fact(r, { enrolled: n(r.enrolled), enrolledCompleted: n(r.enrolledCompleted) })),
			...a.map((r) => fact(r, { active: n(r.active) })),
			...c.map((r) =>
				fact(r, { completed: n(r.completed), scoreSum: n(r.scoreSum), scoreCount: n(r.scoreCount), hours: n(r.hours) })
			),
			...k.map((r) => fact(r, { certificates: n(r.certificates), revoked: n(r.revoked) }))
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
	const [{ facts, trained }, names] = await Promise.all([reportFacts(db, f, scope), reportNames(db, null)]);
	return assembleReport({ kind: 'council', filter: f, institution: null, facts, trained, names, now });
}

/** One institution's report, by unit. The caller checks that the viewer may see the institution. */
export async function institutionReport(
	db: Kysely<DB>,
	institution: { id: number; name: string; country: Country },
	f: ReportFilter,
	now = new Date()
): Promise<ReportData> {
	const scope = { institutionId: institution.id };
	const [{ facts, trained }, names] = await Promise.all([reportFacts(db, f, scope), reportNames(db, institution.id)]);
	return assembleReport({ kind: 'institution', filter: f, institution, facts, trained, names, now });
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
