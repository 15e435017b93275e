// Course content at run time (issue 14): every version of a course's files, as written in the
// browser or imported from content/courses, with its review state.
// - files: JSON object, repository-relative path (content/courses/<slug>/<file>) → text: the map
//   loadCourses takes, so a stored version is checked and built exactly like the files on disk.
// - content_hash: the course version (SHA-256 of the files, as enrolments and attempts record it).
// - status: draft → review → published, or review → returned → (edited) → review.
// - publication: set when published, from one sequence for every course; the current version of
//   a course is its published row with the highest publication, and the highest publication of all
//   tells an app instance whether anything was published since it last looked.
// - lock: bumped on every save of a draft; a save that names an older lock is refused.
// At most one open draft (draft, review or returned) per course.
// Frozen once shipped: never import application code here. Portable between SQLite and PostgreSQL.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
	const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema
		.createTable('course_revisions')
		.addColumn('id', postgres ? 'serial' : 'integer', (c) =>
			postgres ? c.primaryKey() : c.primaryKey().autoIncrement()
		)
		.addColumn('course_slug', 'text', (c) => c.notNull())
		.addColumn('content_hash', 'text', (c) => c.notNull())
		.addColumn('files', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('based_on', 'integer', (c) => c.references('course_revisions.id'))
		.addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('reviewer_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('comment', 'text')
		.addColumn('lock', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('publication', 'integer', (c) => c.unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('submitted_at', 'text')
		.addColumn('published_at', 'text')
		.execute();
	await db.schema
		.createIndex('course_revisions_slug_publication')
		.on('course_revisions')
		.columns(['course_slug', 'publication'])
		.execute();
	await db.schema
		.createIndex('course_revisions_one_open_draft')
		.on('course_revisions')
		.column('course_slug')
		.unique()
		.where(sql.ref('status'), 'in', ['draft', 'review', 'returned'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('course_revisions').execute();
}
