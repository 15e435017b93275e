// Foundation: institutions, accounts, roles, sessions, one-time tokens, login throttling, outbox, audit.
// Frozen once shipped: never import application code here. Portable between SQLite and PostgreSQL;
// only auto-increment ids differ. Dates are UTC ISO-8601 text.
import { type Kysely, type CreateTableBuilder, PostgresAdapter } from 'kysely';

type AnyDb = Kysely<unknown>;

function isPostgres(db: AnyDb): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
	return isPostgres(db)
		? table.addColumn('id', 'serial', (c) => c.primaryKey())
		: table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
	await withId(db, db.schema.createTable('institutions'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('short_name', 'text')
		.addColumn('country', 'text', (c) => c.notNull())
		.addColumn('sector', 'text', (c) => c.notNull())
		.addColumn('department', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('institutions_country_name_key', ['country', 'name'])
		.execute();

	await withId(db, db.schema.createTable('units'))
		.addColumn('institution_id', 'integer', (c) => c.notNull().references('institutions.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('department', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('units_institution_name_key', ['institution_id', 'name'])
		.execute();

	await withId(db, db.schema.createTable('users'))
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('full_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text')
		.addColumn('country', 'text', (c) => c.notNull())
		.addColumn('institution_id', 'integer', (c) => c.references('institutions.id'))
		.addColumn('unit_id', 'integer', (c) => c.references('units.id'))
		.addColumn('job_title', 'text')
		.addColumn('locale', 'text', (c) => c.notNull().defaultTo('es'))
		.addColumn('email_verified_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('users_institution_idx').on('users').column('institution_id').execute();

	await db.schema
		.createTable('user_roles')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('institution_id', 'integer', (c) => c.references('institutions.id'))
		.addColumn('granted_at', 'text', (c) => c.notNull())
		.addColumn('granted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addPrimaryKeyConstraint('user_roles_pkey', ['user_id', 'role'])
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('last_seen_at', 'text', (c) => c.notNull())
		.addColumn('user_agent', 'text')
		.addColumn('ip', 'text')
		.execute();
	await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('user_tokens')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema.createIndex('user_tokens_user_idx').on('user_tokens').column('user_id').execute();

	await db.schema
		.createTable('login_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('window_start', 'text', (c) => c.notNull())
		.addColumn('locked_until', 'text')
		.execute();

	await withId(db, db.schema.createTable('outbox'))
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body_text', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('sent_at', 'text')
		.addColumn('error', 'text')
		.execute();
	await db.schema.createIndex('outbox_to_idx').on('outbox').column('to_address').execute();

	await withId(db, db.schema.createTable('audit_log'))
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text', (c) => c.notNull())
		.addColumn('target_id', 'text')
		.addColumn('details', 'text')
		.execute();
	await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}

export async function down(db: AnyDb): Promise<void> {
	for (const table of [
		'audit_log',
		'outbox',
		'login_throttle',
		'user_tokens',
		'sessions',
		'user_roles',
		'users',
		'units',
		'institutions'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
