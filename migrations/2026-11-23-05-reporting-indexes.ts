// Indexes for the Council and institution reports. Each report figure is read by a range on one
// date column (enrolled, last activity, completed, certificate issued), so each date gets an index
// that starts with it and also carries the columns the report groups by: the database then answers
// from the index without visiting the table rows. enrolments(completed_at) and
// certificates(issued_at) exist already; these replace neither.
// Frozen once shipped: never import application code here. Portable between SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createIndex('enrolments_report_enrolled_idx')
		.on('enrolments')
		.columns(['enrolled_at', 'status', 'user_id', 'course_slug', 'completed_at'])
		.execute();
	await db.schema
		.createIndex('enrolments_report_activity_idx')
		.on('enrolments')
		.columns(['last_activity_at', 'user_id', 'course_slug'])
		.execute();
	await db.schema
		.createIndex('enrolments_report_completed_idx')
		.on('enrolments')
		.columns(['completed_at', 'user_id', 'course_slug', 'completed_version', 'final_score'])
		.execute();
	await db.schema
		.createIndex('certificates_report_issued_idx')
		.on('certificates')
		.columns(['issued_at', 'user_id', 'course_slug', 'revoked_at'])
		.execute();
	// The institution report lists people by unit.
	await db.schema.createIndex('users_unit_idx').on('users').column('unit_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
	for (const name of [
		'users_unit_idx',
		'certificates_report_issued_idx',
		'enrolments_report_completed_idx',
		'enrolments_report_activity_idx',
		'enrolments_report_enrolled_idx'
	]) {
		await db.schema.dropIndex(name).execute();
	}
}
