/**
 * A query that runs on every request, built and compiled to SQL once per database instead of on
 * every run. Kysely builds a query's tree and compiles it each time it runs; for the session query
 * (four tables, thirty columns) that was about a tenth of a module page's CPU, for SQL that never
 * changes: only its values do.
 *
 * `build` receives a stand-in for each value; each run puts the real values in their place.
 * A query whose SQL depends on the values (a list of any length, an optional clause) does not
 * belong here.
 */
import { randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { DB } from './schema';

export function compiledOnce<K extends string, R>(
	names: readonly K[],
	build: (db: Kysely<DB>, values: Record<K, string>) => Compilable<R>
): (db: Kysely<DB>, values: Record<K, string>) => Promise<QueryResult<R>> {
	const tag = randomUUID();
	const standIns = Object.fromEntries(names.map((n) => [n, `\u0000${tag}:${n}`])) as Record<
		K,
		string
	>;
	const nameOf = new Map<unknown, K>(names.map((n) => [standIns[n], n]));
	const compiled = new WeakMap<Kysely<DB>, CompiledQuery<R>>();

	return async (db, values) => {
		let query = compiled.get(db);
		if (!query) {
			query = build(db, standIns).compile();
			const used = new Set(query.parameters.map((p) => nameOf.get(p)));
			const unused = names.filter((n) => !used.has(n));
			// A stand-in written into the SQL itself (sql.lit, sql.raw) would never be replaced.
			if (unused.length)
				throw new Error(`compiledOnce: ${unused.join(', ')} not bound as parameters`);
			compiled.set(db, query);
		}
		const parameters = query.parameters.map((p) => {
			const name = nameOf.get(p);
			return name === undefined ? p : values[name];
		});
		return db.executeQuery({ ...query, parameters });
	};
}
