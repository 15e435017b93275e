/** SQL pieces shared by the report queries: the people filters, the period, numbers and months. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { NO_DEPARTMENT, periodBounds, type ReportFilter } from './filters';

/** Whose people a report counts: everyone (council) or one institution's. */
export type ReportScope = { institutionId: number | null };

/** A learner's department: their unit's, else their institution's (null: "Sin departamento"). */
const DEPARTMENT = sql`coalesce((select units.department from units where units.id = u.unit_id), (select institutions.department from institutions where institutions.id = u.institution_id))`;

/**
 * The filters that concern the person (country, department, institution), as one condition on
 * the learner as `users as u`; null when there are none.
 * @example q.where(personFilter(filter, { institutionId: 3 }) ?? sql`true`)
 */
export function personFilter(f: ReportFilter, scope: ReportScope): RawBuilder<SqlBool> | null {
	const conditions: RawBuilder<unknown>[] = [];
	if (f.country !== 'all') conditions.push(sql`u.country = ${f.country}`);
	if (scope.institutionId !== null) conditions.push(sql`u.institution_id = ${scope.institutionId}`);
	if (f.department === NO_DEPARTMENT) conditions.push(sql`${DEPARTMENT} is null`);
	else if (f.department) conditions.push(sql`${DEPARTMENT} = ${f.department}`);
	return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : null;
}

/** PostgreSQL returns sums as strings or null; SQLite as numbers or null. */
export const num = (v: unknown) => Number(v ?? 0);
export const asDouble = (e: RawBuilder<unknown>) => sql<number>`cast(${e} as double precision)`;
export const monthOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;
export const countWhen = (condition: RawBuilder<unknown>) =>
	sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/** Conditions on a report's period. */
export function periodSql(f: ReportFilter) {
	const { from, toExclusive: to } = periodBounds(f);
	return {
		/** from ≤ column < the day after `to` */
		within: (column: string) =>
			sql<SqlBool>`(${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${to})`,
		/** The months the period touches, on a date's month index (narrows the index scan). */
		monthRange: (column: string) =>
			sql<SqlBool>`${monthOf(column)} >= ${f.from.slice(0, 7)} and ${monthOf(column)} <= ${f.to.slice(0, 7)}`,
		/** Enrolments counted as "enrolled": created in the period and not withdrawn. */
		enrolled: sql<SqlBool>`(e.enrolled_at >= ${from} and e.enrolled_at < ${to} and e.status <> 'withdrawn')`
	};
}

export const people = [
	'u.institution_id as institutionId',
	'u.unit_id as unitId',
	'u.country as country'
] as const;
export const byPeople = ['u.institution_id', 'u.unit_id', 'u.country'] as const;
