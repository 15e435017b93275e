// Open courses (issue 17): anonymous reach counts for the Council, and the app's settings.
// - public_reach: per UTC day × open course × poster place ('' = no place), how many visits
//   started the course and how many finished it. Counts only: no cookie, address or person.
// - settings: small values an admin edits in the app (e.g. the contact points per country),
//   keyed by name; every change is also written to the audit log by the application.
// Frozen once shipped: never import application code here. Portable between SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('public_reach')
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('place', 'text', (c) => c.notNull())
		.addColumn('starts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('completions', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('public_reach_pk', ['day', 'course_slug', 'place'])
		.execute();
	await db.schema
		.createTable('settings')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('settings').execute();
	await db.schema.dropTable('public_reach').execute();
}
