// Learning records: the course versions seen, enrolments, per-module progress and quiz attempts.
// Frozen once shipped: never import application code here.
// Booleans are integers (0/1) and JSON is text, so both dialects store them alike.
import { type Kysely, type CreateTableBuilder, PostgresAdapter } from 'kysely';

type AnyDb = Kysely<unknown>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
	return db.getExecutor().adapter instanceof PostgresAdapter
		? table.addColumn('id', 'serial', (c) => c.primaryKey())
		: table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('course_versions')
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('version', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('hours', 'real', (c) => c.notNull())
		.addColumn('modules', 'integer', (c) => c.notNull())
		.addColumn('first_seen_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('course_versions_pkey', ['course_slug', 'version'])
		.execute();

	await withId(db, db.schema.createTable('enrolments'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('course_version', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('enrolled_at', 'text', (c) => c.notNull())
		.addColumn('last_module', 'text')
		.addColumn('last_activity_at', 'text')
		.addColumn('completed_at', 'text')
		.addColumn('completed_version', 'text')
		.addColumn('final_score', 'real')
		.addUniqueConstraint('enrolments_user_course_key', ['user_id', 'course_slug'])
		.execute();
	await db.schema.createIndex('enrolments_course_idx').on('enrolments').columns(['course_slug', 'status']).execute();
	await db.schema.createIndex('enrolments_completed_idx').on('enrolments').column('completed_at').execute();

	await db.schema
		.createTable('module_progress')
		.addColumn('enrolment_id', 'integer', (c) => c.notNull().references('enrolments.id').onDelete('cascade'))
		.addColumn('module_slug', 'text', (c) => c.notNull())
		.addColumn('read_at', 'text')
		.addColumn('passed_at', 'text')
		.addColumn('quiz_percent', 'real')
		.addColumn('completed_at', 'text')
		.addPrimaryKeyConstraint('module_progress_pkey', ['enrolment_id', 'module_slug'])
		.execute();

	await withId(db, db.schema.createTable('quiz_attempts'))
		.addColumn('enrolment_id', 'integer', (c) => c.notNull().references('enrolments.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('course_version', 'text', (c) => c.notNull())
		.addColumn('module_slug', 'text', (c) => c.notNull())
		.addColumn('attempt_no', 'integer', (c) => c.notNull())
		.addColumn('drawn', 'text', (c) => c.notNull())
		.addColumn('answers', 'text', (c) => c.notNull())
		.addColumn('started_at', 'text', (c) => c.notNull())
		.addColumn('deadline_at', 'text')
		.addColumn('submitted_at', 'text')
		.addColumn('score', 'real')
		.addColumn('max_score', 'real')
		.addColumn('percent', 'real')
		.addColumn('passed', 'integer')
		.addColumn('items', 'text')
		.addUniqueConstraint('quiz_attempts_attempt_key', ['enrolment_id', 'module_slug', 'attempt_no'])
		.execute();
	await db.schema
		.createIndex('quiz_attempts_module_idx')
		.on('quiz_attempts')
		.columns(['course_slug', 'module_slug', 'submitted_at'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	for (const t of ['quiz_attempts', 'module_progress', 'enrolments', 'course_versions']) {
		await db.schema.dropTable(t).execute();
	}
}
