// Actions a browser queued while offline and sent later ("Marcar como leído" from a field post):
// each carries a client-generated id, remembered here so that a replay of the same action (the
// connection dropped before the answer arrived, two tabs replaying the queue) is done once.
// Frozen once shipped: never import application code here. Portable between SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('client_actions')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('client_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('client_actions_pk', ['user_id', 'client_id'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('client_actions').execute();
}
