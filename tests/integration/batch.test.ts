// Statements run as one batch (db/batch.ts): in order, each seeing what the ones before it wrote,
// and inside a transaction all undone together when one fails. On PostgreSQL they are one round
// trip (counted in pg-pipeline.test.ts); on SQLite they run one after another.
import { describe, expect, it } from 'vitest';
import { batch } from '../../src/lib/server/db/batch';
import { newUser } from '../helpers/factories';
import { recording } from '../helpers/recording';
import { DIALECTS, useTestDb } from '../helpers/test-db';

describe.each(DIALECTS)('batches on %s', (dialect) => {
	const t = useTestDb(dialect);

	it('runs its statements in order, each seeing the writes before it, and answers each', async () => {
		const user = await newUser(t.db);
		const rename = (name: string) =>
			t.db.updateTable('users').set({ full_name: name }).where('id', '=', user.id);
		const read = t.db.selectFrom('users').select('full_name').where('id', '=', user.id);
		const [first, seen, second, last] = await t.db
			.transaction()
			.execute((trx) => batch(trx, [rename('Uno'), read, rename('Dos'), read]));
		expect(first.numAffectedRows).toBe(1n);
		expect(seen.rows).toEqual([{ full_name: 'Uno' }]);
		expect(second.numAffectedRows).toBe(1n);
		expect(last.rows).toEqual([{ full_name: 'Dos' }]);
	});

	it('inside a transaction, one failing statement fails it with its own error and undoes the rest', async () => {
		const user = await newUser(t.db);
		const before = await t.db
			.selectFrom('users')
			.select('full_name')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		const row = await t.db
			.selectFrom('users')
			.selectAll()
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		await expect(
			t.db.transaction().execute((trx) =>
				batch(trx, [
					trx.updateTable('users').set({ full_name: 'A medias' }).where('id', '=', user.id),
					trx.insertInto('users').values(row), // the same id again: a unique key
					trx.selectFrom('users').select('id')
				])
			)
		).rejects.toThrow(/unique|duplicate/i);
		const after = await t.db
			.selectFrom('users')
			.select('full_name')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual(before);
	});

	it('passes every statement and result through the database’s plugins, as a single query would', async () => {
		const user = await newUser(t.db);
		const rec = recording(t.db);
		const marked = rec.db.withPlugin({
			transformQuery: ({ node }) => node,
			transformResult: async ({ result }) => ({
				...result,
				rows: result.rows.map((r) => ({ ...r, marked: true }))
			})
		});
		const [one] = await batch(marked, [
			marked.selectFrom('users').select('id').where('id', '=', user.id)
		]);
		expect(one.rows).toEqual([{ id: user.id, marked: true }]);
		expect(rec.statements).toHaveLength(1);
	});
});
