import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/lib/server/db/connect';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { SEED_INSTITUTIONS } from '../../src/lib/server/institutions/seed-data';
import { checkDatabase } from '../../src/lib/server/ops/health';
import { DEMO_ACCOUNTS } from '../../src/lib/server/seed/demo';
import { prepareDatabase } from '../../src/lib/server/startup';
import { createEmptyDatabase, type EmptyDb } from '../helpers/empty-db';
import { DIALECTS } from '../helpers/test-db';

const keyFile = join(tmpdir(), `aula-ops-key-${process.pid}.pem`);
beforeAll(() => {
	process.env.CERT_KEY_FILE = keyFile;
	process.env.SEED_DEMO = '1';
});
afterAll(() => rmSync(keyFile, { force: true }));

describe.each(DIALECTS)('operations on %s', (dialect) => {
	let empty: EmptyDb;
	beforeAll(async () => {
		empty = await createEmptyDatabase(dialect);
	});
	afterAll(() => empty.drop());

	it('lets three instances start on one fresh database at once: migrations, seeds and backfills run once', async () => {
		const instances = [1, 2, 3].map(() => createDatabase(empty.url));
		try {
			const results = await Promise.allSettled(
				instances.map((db) => prepareDatabase(db, bundledMigrations(), empty.url))
			);
			expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
			const db = instances[0];
			const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
			expect(migrations.rows.map((r) => r.name).sort()).toEqual(
				Object.keys(bundledMigrations()).sort()
			);
			const institutions = await db
				.selectFrom('institutions')
				.select(({ fn }) => fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(institutions.n)).toBe(SEED_INSTITUTIONS.length);
			const users = await db.selectFrom('users').select('email').execute();
			expect(users.map((u) => u.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
		} finally {
			for (const db of instances) await db.destroy();
		}
	});

	it('reports the database healthy while it answers, and unavailable when it does not', async () => {
		const db = createDatabase(empty.url);
		expect(await checkDatabase(db)).toEqual({ ok: true });
		await db.destroy();
		const unreachable =
			dialect === 'postgres'
				? createDatabase('postgres://postgres@127.0.0.1:1/aula', { poolSize: 1 })
				: db;
		const health = await checkDatabase(unreachable, 1000);
		expect(health.ok).toBe(false);
		if (unreachable !== db) await unreachable.destroy();
	});
});
