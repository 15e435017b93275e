// Several app processes may share one SQLite file. Their transactions must wait for each other
// (BEGIN IMMEDIATE + busy_timeout), not fail with "database is locked".
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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
			run(process.execPath, [
				'--import',
				'tsx',
				'tests/helpers/sqlite-writer.ts',
				file,
				label,
				'40'
			]);
		const [a, b] = await Promise.all([writer('a'), writer('b')]);
		expect(JSON.parse(a.stdout)).toEqual({ failed: 0 });
		expect(JSON.parse(b.stdout)).toEqual({ failed: 0 });
		const rows = await t.db.selectFrom('outbox').select('id').execute();
		expect(rows).toHaveLength(80);
	}, 60_000);

	it('keeps serving while another process holds the write lock: writers wait without blocking the event loop', async () => {
		const HOLD_MS = 1500;
		const holder = spawn(process.execPath, [
			'--import',
			'tsx',
			'tests/helpers/sqlite-lock-holder.ts',
			t.file!,
			String(HOLD_MS)
		]);
		const lines = createInterface({ input: holder.stdout });
		const said = (line: string) =>
			new Promise<number>((r) => lines.on('line', (l) => l === line && r(performance.now())));
		const released = said('released');
		await said('locked');

		// The longest gap between timer ticks while the writes below wait for the lock.
		let last = performance.now();
		let longestGap = 0;
		const tick = setInterval(() => {
			const now = performance.now();
			longestGap = Math.max(longestGap, now - last);
			last = now;
		}, 5);
		const mail = (to: string) => ({
			to_address: to,
			subject: 's',
			body_text: '',
			created_at: new Date().toISOString(),
			sent_at: null,
			error: null
		});
		const done = (p: Promise<unknown>) => p.then(() => performance.now());
		const autocommit = done(t.db.insertInto('outbox').values(mail('auto@example.org')).execute());
		const transaction = done(
			t.db.transaction().execute(async (trx) => {
				await trx.selectFrom('outbox').select('id').limit(1).execute();
				await trx.insertInto('outbox').values(mail('trx@example.org')).execute();
			})
		);
		// A read meanwhile is answered at once (WAL), not after the other process commits.
		const readAt = await done(t.db.selectFrom('outbox').select('id').execute());
		const [autoAt, trxAt, releasedAt] = await Promise.all([autocommit, transaction, released]);
		clearInterval(tick);
		holder.kill();

		expect(readAt).toBeLessThan(releasedAt);
		// Both writes waited for the other process and then succeeded…
		expect(autoAt).toBeGreaterThan(releasedAt - 50);
		expect(trxAt).toBeGreaterThan(releasedAt - 50);
		// …while the event loop kept turning (SQLite's busy handler would have held it ~HOLD_MS).
		expect(longestGap).toBeLessThan(HOLD_MS / 3);
		const to = await t.db.selectFrom('outbox').select('to_address').execute();
		expect(to.map((r) => r.to_address)).toEqual(
			expect.arrayContaining(['holder@example.org', 'auto@example.org', 'trx@example.org'])
		);
	}, 60_000);
});
