/**
 * Row-level data behind the reports: the enrolments that count in a period (created, active,
 * completed or certified in it). The Council's export has no names (`enrolmentExportRows`, read
 * in pages so a full export never sits in memory); the institution report lists its own people.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Country, DB, EnrolmentStatus } from '../db/schema';
import { periodBounds, type ReportFilter } from './filters';
import { personFilter, type ReportScope } from './report-sql';

export type EnrolmentExportRow = {
	id: number;
	country: Country;
	institution: string | null;
	unit: string | null;
	department: string | null;
	course: string;
	courseVersion: string;
	status: EnrolmentStatus;
	enrolledAt: string;
	lastActivityAt: string | null;
	completedAt: string | null;
	completedVersion: string | null;
	finalScore: number | null;
	hours: number | null;
	certificateIssuedAt: string | null;
	certificateRevokedAt: string | null;
};

/** Created, active, completed or certified in the period. */
function inPeriod(f: ReportFilter) {
	const { from, toExclusive: to } = periodBounds(f);
	const within = (column: string) =>
		sql`(${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${to})`;
	const columns = ['e.enrolled_at', 'e.last_activity_at', 'e.completed_at', 'c.issued_at'];
	return sql<SqlBool>`(${sql.join(columns.map(within), sql` or `)})`;
}

/** `after`: only enrolments with a larger id (keyset paging); 0 for all. */
function rowsQuery(db: Kysely<DB>, f: ReportFilter, scope: ReportScope, after = 0) {
	let q = db
		.selectFrom('enrolments as e')
		.innerJoin('users as u', 'u.id', 'e.user_id')
		.leftJoin('institutions as i', 'i.id', 'u.institution_id')
		.leftJoin('units as un', 'un.id', 'u.unit_id')
		.leftJoin('course_versions as cv', (j) =>
			j
				.onRef('cv.course_slug', '=', 'e.course_slug')
				.onRef('cv.version', '=', 'e.completed_version')
		)
		// The id bound repeated on the certificates lets PostgreSQL start its merge join at the page
		// instead of at the first certificate (which made a full export quadratic).
		.leftJoin('certificates as c', (j) =>
			j.onRef('c.enrolment_id', '=', 'e.id').on('c.enrolment_id', '>', after)
		)
		.where('e.id', '>', after)
		.where(inPeriod(f));
	if (f.course) q = q.where('e.course_slug', '=', f.course);
	const person = personFilter(f, scope);
	if (person) q = q.where(person);
	return q.select((eb) => [
		'e.id',
		'u.country',
		'i.name as institution',
		'un.name as unit',
		eb.fn.coalesce('un.department', 'i.department').as('department'),
		'e.course_slug as course',
		'e.course_version as courseVersion',
		'e.status',
		'e.enrolled_at as enrolledAt',
		'e.last_activity_at as lastActivityAt',
		'e.completed_at as completedAt',
		'e.completed_version as completedVersion',
		'e.final_score as finalScore',
		'cv.hours',
		'c.issued_at as certificateIssuedAt',
		'c.revoked_at as certificateRevokedAt'
	]);
}

const toRow = (r: EnrolmentExportRow): EnrolmentExportRow => ({
	...r,
	finalScore: r.finalScore === null ? null : Number(r.finalScore),
	hours: r.hours === null ? null : Number(r.hours)
});

/**
 * Every enrolment counting in the period, without names, in pages of `pageSize` (keyset on id):
 * memory stays flat however large the export.
 * @example for await (const page of enrolmentExportRows(db, filter)) write(page)
 */
export async function* enrolmentExportRows(
	db: Kysely<DB>,
	f: ReportFilter,
	scope: ReportScope = { institutionId: null },
	pageSize = 1000
): AsyncGenerator<EnrolmentExportRow[]> {
	let after = 0;
	for (;;) {
		const page = await rowsQuery(db, f, scope, after).orderBy('e.id').limit(pageSize).execute();
		if (page.length === 0) return;
		yield page.map(toRow);
		if (page.length < pageSize) return;
		after = page[page.length - 1].id;
	}
}

export type PersonEnrolmentRow = EnrolmentExportRow & { userId: number; fullName: string };

/** The institution report's list: its people's enrolments in the period, by name, a page at a time. */
export async function institutionPeople(
	db: Kysely<DB>,
	institutionId: number,
	f: ReportFilter,
	page: { limit: number; offset: number }
): Promise<{ rows: PersonEnrolmentRow[]; total: number }> {
	const scope = { institutionId };
	const [rows, count] = await Promise.all([
		rowsQuery(db, f, scope)
			.select(['u.id as userId', 'u.full_name as fullName'])
			.orderBy('u.full_name')
			.orderBy('u.id')
			.orderBy('e.course_slug')
			.limit(page.limit)
			.offset(page.offset)
			.execute(),
		db
			.selectFrom('enrolments as e')
			.innerJoin('users as u', 'u.id', 'e.user_id')
			.leftJoin('certificates as c', 'c.enrolment_id', 'e.id')
			.where(inPeriod(f))
			.where(personFilter(f, scope) ?? sql<SqlBool>`1 = 1`)
			.$if(f.course !== null, (q) => q.where('e.course_slug', '=', f.course!))
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return {
		rows: rows.map((r) => ({ ...toRow(r), userId: r.userId, fullName: r.fullName })),
		total: Number(count.n)
	};
}
