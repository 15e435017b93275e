/**
 * The monthly roll-up (table `report_rollup`): the report counts per month × institution × unit ×
 * country × course, so a year of the Council's report reads a few thousand small rows instead of
 * every enrolment of the year.
 *
 * It is kept current in the same transaction as every change that moves a count — an enrolment,
 * an activity, a completion, a certificate issued or revoked, a person moved to another
 * institution: `trackReportFacts` reads the people's share of the counts before and after the
 * change and adds the difference. Nothing else writes it; `rebuildReportRollup` recomputes it
 * from scratch (after a bulk load, or if ever in doubt) and `compareReportRollup` checks it.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { chunks } from '../db/chunks';
import type { DB } from '../db/schema';
import { factDelta, factKey, type FactRow } from './aggregate';
import { factRows } from './fact-rows';
import { personFacts } from './person-facts';
import { num } from './report-sql';

const NONE = 0;

/** Roll-up rows of the months `first`..`last` (YYYY-MM), optionally filtered by a condition on `r`. */
export async function rollupRows(
	db: Kysely<DB>,
	months: { first: string; last: string },
	o: { person?: RawBuilder<SqlBool> | null; course?: string | null } = {}
): Promise<FactRow[]> {
	const rows = await db
		.selectFrom('report_rollup as r')
		.selectAll()
		.where('r.month', '>=', months.first)
		.where('r.month', '<=', months.last)
		.$if(!!o.course, (q) => q.where('r.course_slug', '=', o.course!))
		.$if(!!o.person, (q) => q.where(o.person!))
		.execute();
	return rows.map((r) => ({
		institutionId: r.institution_id === NONE ? null : r.institution_id,
		unitId: r.unit_id === NONE ? null : r.unit_id,
		country: r.country,
		course: r.course_slug,
		month: r.month,
		enrolled: num(r.enrolled),
		enrolledCompleted: num(r.enrolled_completed),
		active: num(r.active),
		completed: num(r.completed),
		scoreCenti: num(r.score_centi),
		scoreCount: num(r.score_count),
		hoursCenti: num(r.hours_centi),
		certificates: num(r.certificates),
		revoked: num(r.revoked)
	}));
}

const toTableRow = (r: FactRow) => ({
	month: r.month,
	institution_id: r.institutionId ?? NONE,
	unit_id: r.unitId ?? NONE,
	country: r.country,
	course_slug: r.course,
	enrolled: r.enrolled,
	enrolled_completed: r.enrolledCompleted,
	active: r.active,
	completed: r.completed,
	score_centi: r.scoreCenti,
	score_count: r.scoreCount,
	hours_centi: r.hoursCenti,
	certificates: r.certificates,
	revoked: r.revoked
});
const COUNT_COLUMNS = [
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

/** Adds the rows' counts to the roll-up (creating rows as needed). */
async function addToRollup(db: Kysely<DB>, rows: FactRow[]) {
	for (const part of chunks(rows)) {
		await db
			.insertInto('report_rollup')
			.values(part.map(toTableRow))
			.onConflict((oc) =>
				oc
					.columns(['month', 'institution_id', 'unit_id', 'country', 'course_slug'])
					.doUpdateSet((eb) =>
						Object.fromEntries(
							COUNT_COLUMNS.map((c) => [c, eb(`report_rollup.${c}`, '+', eb.ref(`excluded.${c}`))])
						)
					)
			)
			.execute();
	}
}

const isPostgres = (db: Kysely<DB>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** People whose share an enclosing trackReportFacts of the same transaction already measures. */
const tracking = new WeakMap<Kysely<DB>, Set<number>>();

/**
 * Runs `change` — anything that alters these people's enrolments, certificates or institution —
 * and moves their share of the roll-up accordingly, all in one transaction (the caller's, if it
 * is one). On PostgreSQL the people's rows are locked first, so two changes to one person cannot
 * both read the same "before"; SQLite's write transactions already run one at a time. Nested
 * calls in the same transaction leave out the people an outer call measures (counting them twice
 * would double their change).
 * @example await trackReportFacts(db, [userId], (trx) => withdraw(trx, enrolmentId))
 */
export async function trackReportFacts<T>(
	db: Kysely<DB>,
	userIds: number[],
	change: (trx: Kysely<DB>) => Promise<T>
): Promise<T> {
	if (!db.isTransaction)
		return db.transaction().execute((trx) => trackReportFacts(trx, userIds, change));
	const outer = tracking.get(db) ?? new Set<number>();
	const ids = [...new Set(userIds)].filter((id) => !outer.has(id)).sort((a, b) => a - b);
	if (ids.length === 0) return change(db);
	const parts = chunks(ids, 1000);
	const shareOf = async () => {
		const rows: FactRow[] = [];
		for (const part of parts) rows.push(...(await personFacts(db, part)));
		return rows;
	};
	// FOR NO KEY UPDATE: trackers of one person wait for each other, while rows that merely
	// reference the person (a new session, say) do not wait for the tracker.
	if (isPostgres(db)) {
		for (const part of parts)
			await db
				.selectFrom('users')
				.select('id')
				.where('id', 'in', part)
				.orderBy('id')
				.forNoKeyUpdate()
				.execute();
	}
	const before = await shareOf();
	tracking.set(db, new Set([...outer, ...ids]));
	let result: T;
	try {
		result = await change(db);
	} finally {
		tracking.set(db, outer);
	}
	await addToRollup(db, factDelta(before, await shareOf()));
	return result;
}

/** Recomputes the whole roll-up from the enrolments and certificates, in one transaction. */
export async function rebuildReportRollup(db: Kysely<DB>): Promise<{ rows: number }> {
	return db.transaction().execute(async (trx) => {
		await trx.deleteFrom('report_rollup').execute();
		const rows = await factRows(trx, { window: null });
		await addToRollup(trx, rows);
		return { rows: rows.length };
	});
}

/**
 * The keys where the roll-up disagrees with a recount from the enrolments and certificates
 * (empty when it is right). Rows whose counts are all zero are the same as no row.
 */
export async function compareReportRollup(
	db: Kysely<DB>
): Promise<{ key: string; rollup: FactRow | null; recount: FactRow | null }[]> {
	const [stored, recount] = await Promise.all([
		rollupRows(db, { first: '0000-00', last: '9999-99' }),
		factRows(db, { window: null })
	]);
	const byKey = (rows: FactRow[]) => new Map(rows.map((r) => [factKey(r), r]));
	const [storedByKey, recountByKey] = [byKey(stored), byKey(recount)];
	return factDelta(recount, stored).map((d) => ({
		key: `${d.month} ${d.institutionId ?? '-'}/${d.unitId ?? '-'} ${d.country} ${d.course}`,
		rollup: storedByKey.get(factKey(d)) ?? null,
		recount: recountByKey.get(factKey(d)) ?? null
	}));
}
