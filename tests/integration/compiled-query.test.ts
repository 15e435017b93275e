import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/lib/server/db/compiled';
import { newUser } from '../helpers/factories';
import { DIALECTS, useTestDb } from '../helpers/test-db';

describe.each(DIALECTS)('a query compiled once on %s', (dialect) => {
	const t = useTestDb(dialect);

	it('is built once per database and answers each run with that run’s values', async () => {
		const [a, b] = [await newUser(t.db), await newUser(t.db)];
		let builds = 0;
		const byEmail = compiledOnce(['email', 'name'], (db, v) => {
			builds++;
			return db
				.selectFrom('users')
				.select(['id', 'full_name'])
				.where('email', '=', v.email)
				.where('full_name', '=', v.name);
		});
		expect((await byEmail(t.db, { email: a.email, name: a.full_name })).rows).toEqual([
			{ id: a.id, full_name: a.full_name }
		]);
		expect((await byEmail(t.db, { email: b.email, name: b.full_name })).rows).toEqual([
			{ id: b.id, full_name: b.full_name }
		]);
		expect((await byEmail(t.db, { email: a.email, name: b.full_name })).rows).toEqual([]);
		expect(builds).toBe(1);
		// Another instance (another dialect, another schema) gets its own SQL.
		expect(
			(await byEmail(t.openSecond(), { email: b.email, name: b.full_name })).rows
		).toHaveLength(1);
		expect(builds).toBe(2);
	});

	it('refuses a value written into the SQL text, which no run could replace', async () => {
		const broken = compiledOnce(['email'], (db, v) =>
			db.selectFrom('users').select('id').where('email', '=', sql.lit(v.email))
		);
		await expect(broken(t.db, { email: 'x@example.org' })).rejects.toThrow(/email not bound/);
	});
});
