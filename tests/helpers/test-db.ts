/**
 * Real databases for integration tests, built from the migrations: a fresh SQLite file always,
 * and a fresh PostgreSQL schema when TEST_DATABASE_URL is set (like Kysely's own DIALECTS loop).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type Dialect } from '../../src/lib/server/db/connect';
import { migrateToLatest, providerFrom } from '../../src/lib/server/db/migrate';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import type { DB } from '../../src/lib/server/db/schema';
import { compareReportRollup } from '../../src/lib/server/reports/rollup';

export const DIALECTS: Dialect[] = process.env.TEST_DATABASE_URL
	? ['sqlite', 'postgres']
	: ['sqlite'];

export type TestDb = {
	db: Kysely<DB>;
	/** SQLite only: the database file. */
	file?: string;
	/** Another, independent connection to the same database (a second app instance). */
	openSecond: () => Kysely<DB>;
	destroy: () => Promise<void>;
};

export async function createTestDb(dialect: Dialect): Promise<TestDb> {
	const suffix = randomBytes(6).toString('hex');
	const opened: Kysely<DB>[] = [];
	let open: () => Kysely<DB>;
	let cleanup: () => Promise<void>;
	let schema: string | undefined;
	let sqliteFile: string | undefined;

	if (dialect === 'sqlite') {
		const file = join(tmpdir(), `aula-test-${suffix}.db`);
		sqliteFile = file;
		open = () => createDatabase(`file:${file}`);
		cleanup = async () => {
			for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
		};
	} else {
		const url = process.env.TEST_DATABASE_URL!;
		schema = `aula_test_${suffix}`;
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query(`CREATE SCHEMA ${schema}`);
		await admin.end();
		open = () => createDatabase(url, { searchPath: schema, poolSize: 4 });
		cleanup = async () => {
			const c = new pg.Client({ connectionString: url });
			await c.connect();
			await c.query(`DROP SCHEMA ${schema} CASCADE`);
			await c.end();
		};
	}

	const db = open();
	opened.push(db);
	// Kysely's migration tables go in the test's own schema: other test files migrate at the same time.
	await migrateToLatest(db, providerFrom(bundledMigrations()), schema);
	return {
		db,
		file: sqliteFile,
		openSecond: () => {
			const second = open();
			opened.push(second);
			return second;
		},
		destroy: async () => {
			for (const d of opened) await d.destroy();
			await cleanup();
		}
	};
}

/**
 * A fresh test database for the enclosing describe: made before its tests, dropped after them.
 * Its fields are read inside the tests (`t.db`), once it exists.
 * @example describe.each(DIALECTS)('… on %s', (dialect) => { const t = useTestDb(dialect); … });
 */
export function useTestDb(dialect: Dialect): TestDb {
	let made: TestDb | undefined;
	beforeAll(async () => {
		made = await createTestDb(dialect);
	});
	afterAll(() => made?.destroy());
	const get = () => {
		if (!made) throw new Error('useTestDb: the database exists only while the tests run');
		return made;
	};
	return {
		get db() {
			return get().db;
		},
		get file() {
			return get().file;
		},
		openSecond: () => get().openSecond(),
		destroy: () => get().destroy()
	};
}

/**
 * A last test for a suite whose changes go through the application: the monthly report roll-up
 * must still equal a recount from the enrolments and certificates.
 */
export function rollupDifferences(db: TestDb['db']) {
	return compareReportRollup(db);
}
