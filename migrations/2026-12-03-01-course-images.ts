// Images in course text (issue 14): each uploaded image stored once, by the SHA-256 of its bytes,
// and served at /imagenes/<hash>.<ext>. Rows are never deleted: published versions and rollbacks
// keep pointing at them.
// - mime: image/png, image/jpeg or image/webp, as read from the first bytes (never as declared).
// - bytes: the file (BLOB on SQLite, BYTEA on PostgreSQL); size: its length.
// Frozen once shipped: never import application code here. Portable between SQLite and PostgreSQL.
import { PostgresAdapter, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
	const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema
		.createTable('course_images')
		.addColumn('hash', 'text', (c) => c.primaryKey())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('bytes', postgres ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('course_images').execute();
}
