// Indexes for the Council and institution reports (src/lib/server/reports/query.ts).
// The reports read two ways, and each has its indexes:
// - per institution/unit/country: walk people in (institution, unit, country) order and look up
//   each person's enrolments and certificates — rows arrive already grouped, so even SQLite, which
//   has no hash aggregation, adds them up without sorting the whole period;
// - per course and month: walk one date's month (an expression index on substr(date, 1, 7)),
//   again arriving grouped.
// Every index carries the columns its query reads, so the tables themselves are not visited.
// Frozen once shipped: never import application code here. Portable between SQLite and PostgreSQL
// (both index expressions; the expression is written the same way the queries write it).
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

const INDEXES: [name: string, table: string, columns: string][] = [
	['users_report_idx', 'users', 'institution_id, unit_id, country, id'],
	[
		'enrolments_report_user_idx',
		'enrolments',
		'user_id, enrolled_at, last_activity_at, completed_at, status, course_slug, completed_version, final_score'
	],
	['certificates_report_user_idx', 'certificates', 'user_id, issued_at, revoked_at, course_slug'],
	[
		'enrolments_report_enrolled_month_idx',
		'enrolments',
		'substr(enrolled_at, 1, 7), course_slug, enrolled_at, status, completed_at, user_id'
	],
	[
		'enrolments_report_activity_month_idx',
		'enrolments',
		'substr(last_activity_at, 1, 7), course_slug, last_activity_at, user_id'
	],
	[
		'enrolments_report_completed_month_idx',
		'enrolments',
		'substr(completed_at, 1, 7), course_slug, completed_at, completed_version, final_score, user_id'
	],
	[
		'certificates_report_issued_month_idx',
		'certificates',
		'substr(issued_at, 1, 7), course_slug, issued_at, revoked_at, user_id'
	]
];

export async function up(db: AnyDb): Promise<void> {
	for (const [name, table, columns] of INDEXES) {
		await sql`create index ${sql.id(name)} on ${sql.id(table)} (${sql.raw(columns)})`.execute(db);
	}
}

export async function down(db: AnyDb): Promise<void> {
	for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}
