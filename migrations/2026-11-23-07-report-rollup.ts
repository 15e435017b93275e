// The monthly roll-up the Council's reports read (src/lib/server/reports/rollup.ts): per month ×
// institution × unit × country × course, the counts every report figure is built from, each in the
// month of its own date. The application keeps it current in the transaction of every change to
// enrolments, certificates or a person's institution; this migration fills it from the data
// already there.
// Institution and unit "none" are 0, not NULL, so that they can be part of the primary key that
// upserts match on (NULLs never conflict). Scores and hours are integers in hundredths, so that
// adding and subtracting them for years stays exact.
// Frozen once shipped: never import application code here. Portable between SQLite and PostgreSQL.
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

const COUNTS = [
	'enrolled',
	'enrolled_completed',
	'active',
	'completed',
	'score_centi',
	'score_count',
	'hours_centi',
	'certificates',
	'revoked'
] as const;

export async function up(db: AnyDb): Promise<void> {
	let table = db.schema
		.createTable('report_rollup')
		.addColumn('month', 'text', (c) => c.notNull())
		.addColumn('institution_id', 'integer', (c) => c.notNull())
		.addColumn('unit_id', 'integer', (c) => c.notNull())
		.addColumn('country', 'text', (c) => c.notNull())
		.addColumn('course_slug', 'text', (c) => c.notNull());
	for (const count of COUNTS)
		table = table.addColumn(count, 'integer', (c) => c.notNull().defaultTo(0));
	await table
		.addPrimaryKeyConstraint('report_rollup_pk', [
			'month',
			'institution_id',
			'unit_id',
			'country',
			'course_slug'
		])
		.execute();
	await backfill(db);
}

/** Fills the roll-up from the enrolments and certificates (exported for its test). */
export async function backfill(db: AnyDb): Promise<void> {
	const person = sql`coalesce(u.institution_id, 0) as institution_id, coalesce(u.unit_id, 0) as unit_id, u.country`;
	const centi = (e: string) => sql`coalesce(cast(round(${sql.raw(e)} * 100) as integer), 0)`;
	await sql`
		insert into report_rollup (month, institution_id, unit_id, country, course_slug, ${sql.raw(COUNTS.join(', '))})
		select month, institution_id, unit_id, country, course_slug, ${sql.raw(COUNTS.map((c) => `sum(${c})`).join(', '))}
		from (
			select substr(e.enrolled_at, 1, 7) as month, ${person}, e.course_slug,
				1 as enrolled, case when e.completed_at is not null then 1 else 0 end as enrolled_completed,
				0 as active, 0 as completed, 0 as score_centi, 0 as score_count, 0 as hours_centi,
				0 as certificates, 0 as revoked
			from enrolments e join users u on u.id = e.user_id
			where e.status <> 'withdrawn'
			union all
			select substr(e.last_activity_at, 1, 7), ${person}, e.course_slug, 0, 0, 1, 0, 0, 0, 0, 0, 0
			from enrolments e join users u on u.id = e.user_id
			where e.last_activity_at is not null
			union all
			select substr(e.completed_at, 1, 7), ${person}, e.course_slug, 0, 0, 0, 1,
				${centi('e.final_score')}, case when e.final_score is not null then 1 else 0 end,
				${centi('cv.hours')}, 0, 0
			from enrolments e join users u on u.id = e.user_id
			left join course_versions cv on cv.course_slug = e.course_slug and cv.version = e.completed_version
			where e.completed_at is not null
			union all
			select substr(c.issued_at, 1, 7), ${person}, c.course_slug, 0, 0, 0, 0, 0, 0, 0,
				case when c.revoked_at is null then 1 else 0 end, case when c.revoked_at is not null then 1 else 0 end
			from certificates c join users u on u.id = c.user_id
		) facts
		group by month, institution_id, unit_id, country, course_slug
	`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('report_rollup').execute();
}
