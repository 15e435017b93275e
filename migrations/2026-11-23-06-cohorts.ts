// Cohorts: a course taken by a group of one institution, with dates, a completion deadline and an
// optional in-person stage whose attendance gates completion. Enrolments may belong to a cohort;
// outbox rows remember who sent them for which institution (the coordinator's outbox view).
// Enrolment keys (typed or as a link) let learners join a cohort; requests queue people outside a
// course's audience for their coordinator's approval.
// Frozen once shipped: never import application code here. Dates are UTC ISO text, booleans 0/1.
import { type Kysely, type CreateTableBuilder, PostgresAdapter } from 'kysely';

type AnyDb = Kysely<unknown>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
	return db.getExecutor().adapter instanceof PostgresAdapter
		? table.addColumn('id', 'serial', (c) => c.primaryKey())
		: table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
	await withId(db, db.schema.createTable('cohorts'))
		.addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id'))
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('starts_on', 'text', (c) => c.notNull())
		.addColumn('ends_on', 'text', (c) => c.notNull())
		.addColumn('deadline_on', 'text', (c) => c.notNull())
		.addColumn('requires_attendance', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('in_person_on', 'text')
		.addColumn('in_person_place', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('cohorts_institution_idx').on('cohorts').column('institution_id').execute();

	await db.schema.alterTable('enrolments').addColumn('cohort_id', 'integer', (c) => c.references('cohorts.id')).execute();
	await db.schema.alterTable('enrolments').addColumn('attended_at', 'text').execute();
	await db.schema.alterTable('enrolments').addColumn('withdrawn_at', 'text').execute();
	await db.schema.createIndex('enrolments_cohort_idx').on('enrolments').column('cohort_id').execute();

	await db.schema.alterTable('outbox').addColumn('sent_by', 'integer').execute();
	await db.schema.alterTable('outbox').addColumn('institution_id', 'integer').execute();
	await db.schema.createIndex('outbox_institution_idx').on('outbox').columns(['institution_id', 'sent_by']).execute();

	await withId(db, db.schema.createTable('cohort_keys'))
		.addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('expires_at', 'text')
		.addColumn('max_uses', 'integer')
		.addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('revoked_at', 'text')
		.execute();

	await withId(db, db.schema.createTable('enrolment_requests'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('requested_at', 'text', (c) => c.notNull())
		.addColumn('decided_at', 'text')
		.addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addUniqueConstraint('enrolment_requests_user_course_key', ['user_id', 'course_slug'])
		.execute();

	// An uploaded CSV between its preview and the confirmation (deleted on import, or after a day).
	await withId(db, db.schema.createTable('cohort_import_drafts'))
		.addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('cohort_import_drafts').execute();
	await db.schema.dropTable('enrolment_requests').execute();
	await db.schema.dropTable('cohort_keys').execute();
	await db.schema.dropIndex('outbox_institution_idx').execute();
	await db.schema.alterTable('outbox').dropColumn('institution_id').execute();
	await db.schema.alterTable('outbox').dropColumn('sent_by').execute();
	await db.schema.dropIndex('enrolments_cohort_idx').execute();
	for (const col of ['withdrawn_at', 'attended_at', 'cohort_id']) {
		await db.schema.alterTable('enrolments').dropColumn(col).execute();
	}
	await db.schema.dropTable('cohorts').execute();
}
