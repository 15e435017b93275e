// One process's database use: a transaction that awaits something else must not hold up readers
// (SQLite: a read connection beside the write connection; PostgreSQL: a pool).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, useTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

const mail = (to: string) => ({
	to_address: to,
	subject: 's',
	body_text: '',
	created_at: new Date().toISOString(),
	sent_at: null,
	error: null
});

describe.each(DIALECTS)('database use within one process on %s', (dialect) => {
	const t = useTestDb(dialect);

	it('answers reads while a transaction is open and waiting, without seeing its writes', async () => {
		let finish!: () => void;
		const held = new Promise<void>((r) => (finish = r));
		let inserted!: () => void;
		const written = new Promise<void>((r) => (inserted = r));
		const trx = t.db.transaction().execute(async (trx) => {
			await trx.insertInto('outbox').values(mail('held@example.org')).execute();
			inserted();
			await held;
		});
		await written;
		const read = await Promise.race([
			t.db
				.selectFrom('outbox')
				.select('to_address')
				.where('to_address', '=', 'held@example.org')
				.execute(),
			new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 2000))
		]);
		expect(read).toEqual([]);
		finish();
		await trx;
		expect(
			await t.db
				.selectFrom('outbox')
				.select('to_address')
				.where('to_address', '=', 'held@example.org')
				.execute()
		).toHaveLength(1);
	});

	it('lets a writer wait for the open transaction (SQLite) or pass it (PostgreSQL), keeping both writes', async () => {
		let finish!: () => void;
		const held = new Promise<void>((r) => (finish = r));
		const trx = t.db.transaction().execute(async (trx) => {
			await trx.insertInto('outbox').values(mail('first@example.org')).execute();
			await held;
		});
		const later = t.db.insertInto('outbox').values(mail('second@example.org')).execute();
		setTimeout(finish, 50);
		await Promise.all([trx, later]);
		const rows = await t.db
			.selectFrom('outbox')
			.select('to_address')
			.where('to_address', 'in', ['first@example.org', 'second@example.org'])
			.orderBy('id')
			.execute();
		expect(rows.map((r) => r.to_address).sort()).toEqual([
			'first@example.org',
			'second@example.org'
		]);
	});

	it('rolls back a failed transaction and lets the next one write', async () => {
		await expect(
			t.db.transaction().execute(async (trx) => {
				await trx.insertInto('outbox').values(mail('rolled@example.org')).execute();
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		await t.db
			.transaction()
			.execute((trx) => trx.insertInto('outbox').values(mail('after@example.org')).execute());
		const rows = await t.db
			.selectFrom('outbox')
			.select('to_address')
			.where('to_address', 'in', ['rolled@example.org', 'after@example.org'])
			.execute();
		expect(rows.map((r) => r.to_address)).toEqual(['after@example.org']);
	});
});

describe.skipIf(!DIALECTS.includes('postgres'))('a PostgreSQL connection lost while in use', () => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb('postgres');
	});
	afterAll(() => t.destroy());

	it('fails that transaction only: the process lives on and the next query gets a new connection', async () => {
		let pid = 0;
		const trx = t.db.transaction().execute(async (trx) => {
			pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
			// Between two queries the connection is checked out and idle: the server drops it now.
			const other = t.openSecond();
			await sql`select pg_terminate_backend(${pid})`.execute(other);
			await other.destroy();
			await new Promise((r) => setTimeout(r, 200));
			await trx.insertInto('outbox').values(mail('lost@example.org')).execute();
		});
		// Before the fix, the client's 'error' event had no listener and crashed the process
		// (vitest reports it as an unhandled error and fails the run).
		await expect(trx).rejects.toThrow();
		const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(t.db);
		expect(after.rows[0].pid).not.toBe(pid);
		expect(
			await t.db
				.selectFrom('outbox')
				.select('id')
				.where('to_address', '=', 'lost@example.org')
				.execute()
		).toEqual([]);
	});
});
