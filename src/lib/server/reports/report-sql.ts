/** SQL pieces shared by the report queries: the people filters, the period, numbers and months. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { NO_DEPARTMENT, type ReportFilter, type Window } from './filters';

/** Whose people a report counts: everyone (council) or one institution's. */
export type ReportScope = { institutionId: number | null };

/**
 * A department: the unit's, else the institution's (null: "Sin departamento"), for a row whose
 * `unit_id` and `institution_id` columns say where the person is (a user, or a roll-up row).
 */
const departmentOf = (alias: string) =>
	sql`coalesce((select units.department from units where units.id = ${sql.ref(`${alias}.unit_id`)}), (select institutions.department from institutions where institutions.id = ${sql.ref(`${alias}.institution_id`)}))`;

/**
 * The filters that concern the person (country, department, institution), as one condition on
 * the table aliased `alias` — the learners (`users as u`) or the roll-up, which has the same
 * three columns; null when there are none.
 * @example q.where(personFilter(filter, { institutionId: 3 }) ?? sql`true`)
 */
export function personFilter(
	f: ReportFilter,
	scope: ReportScope,
	alias = 'u'
): RawBuilder<SqlBool> | null {
	const col = (name: string) => sql.ref(`${alias}.${name}`);
	const conditions: RawBuilder<unknown>[] = [];
	if (f.country !== 'all') conditions.push(sql`${col('country')} = ${f.country}`);
	if (scope.institutionId !== null)
		conditions.push(sql`${col('institution_id')} = ${scope.institutionId}`);
	if (f.department === NO_DEPARTMENT) conditions.push(sql`${departmentOf(alias)} is null`);
	else if (f.department) conditions.push(sql`${departmentOf(alias)} = ${f.department}`);
	return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : null;
}

/** PostgreSQL returns sums as strings or null; SQLite as numbers or null. */
export const num = (v: unknown) => Number(v ?? 0);
export const monthOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;
export const countWhen = (condition: RawBuilder<unknown>) =>
	sql<number>`sum(case when ${condition} then 1 else 0 end)`;
/** A number in hundredths, as an integer (scores and hours: see `Sums`). */
export const centi = (e: RawBuilder<unknown>) => sql<number>`cast(round(${e} * 100) as integer)`;

/**
 * A date within a span: the months the span touches (so the date's month index narrows the
 * scan), then the exact bounds from ≤ date < toExclusive.
 */
export function inWindow(w: Window, column: string) {
	const lastDay = new Date(w.toExclusive);
	lastDay.setUTCDate(lastDay.getUTCDate() - 1);
	const [firstMonth, lastMonth] = [w.from.slice(0, 7), lastDay.toISOString().slice(0, 7)];
	const date = sql.ref(column);
	return sql<SqlBool>`(${monthOf(column)} >= ${firstMonth} and ${monthOf(column)} <= ${lastMonth} and ${date} >= ${w.from} and ${date} < ${w.toExclusive})`;
}
