// Certificates: one per completed enrolment, with the data printed on it frozen at issuance and
// its Ed25519 signature. Frozen once shipped: never import application code here.
import { type Kysely, type CreateTableBuilder, PostgresAdapter } from 'kysely';

type AnyDb = Kysely<unknown>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
	return db.getExecutor().adapter instanceof PostgresAdapter
		? table.addColumn('id', 'serial', (c) => c.primaryKey())
		: table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
	await withId(db, db.schema.createTable('certificates'))
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('enrolment_id', 'integer', (c) => c.notNull().unique().references('enrolments.id'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('course_version', 'text', (c) => c.notNull())
		.addColumn('full_name', 'text', (c) => c.notNull())
		.addColumn('course_title', 'text', (c) => c.notNull())
		.addColumn('hours', 'real', (c) => c.notNull())
		.addColumn('institution_id', 'integer', (c) => c.references('institutions.id'))
		.addColumn('institution_name', 'text')
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('completed_at', 'text', (c) => c.notNull())
		.addColumn('issued_at', 'text', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('signature', 'text', (c) => c.notNull())
		.addColumn('key_id', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.addColumn('revoked_reason', 'text')
		.addColumn('revoked_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('certificates_user_idx').on('certificates').column('user_id').execute();
	await db.schema.createIndex('certificates_issued_idx').on('certificates').column('issued_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('certificates').execute();
}
