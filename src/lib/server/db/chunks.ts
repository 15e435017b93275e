/**
 * A list cut into consecutive parts of at most `size`: multi-row inserts and `in (…)` lists stay
 * within the databases' parameter limits (SQLite 32,766, PostgreSQL 65,535 per statement).
 * @example chunks([1, 2, 3, 4, 5], 2) // [[1, 2], [3, 4], [5]]
 */
export function chunks<T>(list: readonly T[], size = 500): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}
