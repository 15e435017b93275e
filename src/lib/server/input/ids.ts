/**
 * Database ids from the outside (path segments, form fields, query strings). Ids are INTEGER
 * columns: on PostgreSQL anything past 2^31 - 1 (or `1e+21`, which is what `String(Number(…))`
 * makes of a long digit string) is a query error, so it is refused here, before any query.
 */

/** The largest value of a PostgreSQL `integer` (and of our serial ids). */
export const MAX_ID = 2_147_483_647;

/** `parseId('42')` → 42; `parseId('0')`, `parseId('1e3')`, `parseId('99999999999')`, `parseId(null)` → null. */
export function parseId(value: unknown): number | null {
	if (typeof value === 'number')
		return Number.isSafeInteger(value) && value > 0 && value <= MAX_ID ? value : null;
	if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return null;
	const n = Number(value);
	return n > 0 && n <= MAX_ID ? n : null;
}

/** Most ids a single form may list (attendance, bulk actions); a page shows far fewer. */
export const MAX_IDS_PER_FORM = 500;

/**
 * The ids of a repeated field (`enrolmentId=1&enrolmentId=2…`), or null when there are more than
 * `max` of them or one is not an id, so an action refuses the whole request rather than a part of it.
 */
export function parseIdList(values: unknown[], max = MAX_IDS_PER_FORM): number[] | null {
	if (values.length > max) return null;
	const ids: number[] = [];
	for (const v of values) {
		const id = parseId(v);
		if (id === null) return null;
		ids.push(id);
	}
	return [...new Set(ids)];
}
