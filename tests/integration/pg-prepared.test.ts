// PostgreSQL's named prepared statements (db/pg-prepared.ts): used, bounded per connection, healed
// when a migration by another instance changes a table's columns, and off when configured so.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/lib/server/db/connect';
import { PREPARED_PER_CONNECTION } from '../../src/lib/server/db/pg-prepared';
import { useTestDb } from '../helpers/test-db';

const prepared = sql<{ name: string }>`select name from pg_prepared_statements`;

describe.runIf(process.env.TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
	const t = useTestDb('postgres');

	it('sends parameterised statements as prepared ones, and still runs beyond what a connection keeps', async () => {
		const names = await t.db.connection().execute(async (c) => {
			await c.selectFrom('users').select('id').where('id', '=', -1).execute();
			return (await prepared.execute(c)).rows.map((r) => r.name);
		});
		expect(names.some((n) => /^k\d+_[\w-]{20}$/.test(n))).toBe(true);

		// More distinct texts on one connection than it keeps prepared: the rest are sent unnamed.
		const count = PREPARED_PER_CONNECTION + 44;
		const results = await t.db.connection().execute(async (c) => {
			const out: number[] = [];
			for (let i = 0; i < count; i++)
				out.push(
					(await sql<{ n: number }>`select ${i}::int + ${sql.raw(String(i))} as n`.execute(c))
						.rows[0].n
				);
			const kept = (await prepared.execute(c)).rows.length;
			return { out, kept };
		});
		expect(results.out.every((n, i) => n === 2 * i)).toBe(true);
		expect(results.kept).toBeLessThanOrEqual(PREPARED_PER_CONNECTION);
	});

	it('a statement whose table another instance migrated is prepared again: at once outside a transaction, on the next run inside one', async () => {
		await sql`create table stale_plan (a int)`.execute(t.db);
		await sql`insert into stale_plan values (1)`.execute(t.db);
		// Another app instance's connections (the first test filled the shared one with
		// statements), and the instance that migrates.
		const reader = t.openSecond();
		const otherInstance = t.openSecond();
		const read = async (db: typeof reader) =>
			(await sql<Record<string, unknown>>`select * from stale_plan where a = ${1}`.execute(db))
				.rows;

		// Outside a transaction (the shared connection): retried at once.
		expect(await read(reader)).toEqual([{ a: 1 }]);
		await sql`alter table stale_plan add column b int`.execute(otherInstance);
		expect(await read(reader)).toEqual([{ a: 1, b: null }]);

		// Inside a transaction (a pool connection, the same one each time: the pool reuses the
		// connection released last): that transaction fails, the next one works.
		expect(await reader.transaction().execute(read)).toEqual([{ a: 1, b: null }]);
		await sql`alter table stale_plan add column c int`.execute(otherInstance);
		await expect(reader.transaction().execute(read)).rejects.toThrow(
			/cached plan must not change result type/
		);
		expect(await reader.transaction().execute(read)).toEqual([{ a: 1, b: null, c: null }]);
	});

	it('DATABASE_PREPARED_STATEMENTS=0 sends every statement unnamed', async () => {
		const db = createDatabase(process.env.TEST_DATABASE_URL!, {
			poolSize: 1,
			preparedStatements: false
		});
		try {
			const names = await db.connection().execute(async (c) => {
				await sql`select ${1}::int as n`.execute(c);
				return (await prepared.execute(c)).rows;
			});
			expect(names).toEqual([]);
		} finally {
			await db.destroy();
		}
	});
});
