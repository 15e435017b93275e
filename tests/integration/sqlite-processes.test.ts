// Several app processes may share one SQLite file. Their transactions must wait for each other
// (BEGIN IMMEDIATE + busy_timeout), not fail with "database is locked".
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db';

const run = promisify(execFile);

describe('SQLite shared by two processes', () => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb('sqlite');
	});
	afterAll(() => t.destroy());

	it('runs concurrent read-then-write transactions from two processes without a lock error', async () => {
		const file = t.file!;
		const writer = (label: string) =>
			run(process.execPath, ['--import', 'tsx', 'tests/helpers/sqlite-writer.ts', file, label, '40']);
		const [a, b] = await Promise.all([writer('a'), writer('b')]);
		expect(JSON.parse(a.stdout)).toEqual({ failed: 0 });
		expect(JSON.parse(b.stdout)).toEqual({ failed: 0 });
		const rows = await t.db.selectFrom('outbox').select('id').execute();
		expect(rows).toHaveLength(80);
	}, 60_000);
});
