// The pipelining PostgreSQL driver (db/pg-pipeline.ts): statements outside transactions share one
// connection and leave together, and nothing about them leaks into or out of a transaction.
import { Socket } from 'node:net';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { QuizModule } from '../../src/lib/server/courses/types';
import { batch } from '../../src/lib/server/db/batch';
import { createDatabase, openConnections, pgPoolOf } from '../../src/lib/server/db/connect';
import type { DB } from '../../src/lib/server/db/schema';
import { enrol } from '../../src/lib/server/enrolment/repository';
import { startQuizIn, submitAttempt } from '../../src/lib/server/quizzes/attempts';
import { newUser } from '../helpers/factories';
import { useTestDb } from '../helpers/test-db';

const backend = sql<{ pid: number }>`select pg_backend_pid() as pid`;
const pidOf = async (db: Kysely<DB>) => (await backend.execute(db)).rows[0].pid;

/** Writes to PostgreSQL's port while `run` runs: node-pg writes a corked batch with _writev. */
async function writesDuring<T>(port: number, run: () => Promise<T>) {
	const proto = Socket.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
	const original = { write: proto._write, writev: proto._writev };
	let writes = 0;
	for (const key of ['_write', '_writev'] as const)
		proto[key] = function (this: Socket, ...args: unknown[]) {
			if (this.remotePort === port) writes++;
			return original[key === '_write' ? 'write' : 'writev'].apply(this, args);
		};
	try {
		const result = await run();
		return { result, writes };
	} finally {
		proto._write = original.write;
		proto._writev = original.writev;
	}
}

describe.runIf(process.env.TEST_DATABASE_URL)('pipelined statements on PostgreSQL', () => {
	const t = useTestDb('postgres');
	const port = Number(new URL(process.env.TEST_DATABASE_URL ?? 'postgres://x:5432').port || 5432);
	const opened: Kysely<DB>[] = [];
	afterEach(async () => {
		for (const db of opened.splice(0)) await db.destroy();
	});

	it('statements issued in one turn of the event loop share a connection and leave in one write', async () => {
		const pid = await pidOf(t.db); // connected, prepared: what follows is the steady state
		await pidOf(t.db);
		const { result, writes } = await writesDuring(port, () =>
			Promise.all(Array.from({ length: 20 }, () => pidOf(t.db)))
		);
		expect(new Set(result)).toEqual(new Set([pid]));
		expect(writes).toBe(1);
	});

	it('statements issued while others await their answers wait for them, then leave together', async () => {
		await pidOf(t.db);
		const { result, writes } = await writesDuring(port, async () => {
			const slow = sql`select pg_sleep(0.2)`.execute(t.db);
			const later: Promise<number>[] = [];
			// Ten statements, each issued in a later turn of the event loop than the one before.
			for (let i = 0; i < 10; i++) {
				await new Promise((r) => setImmediate(r));
				later.push(pidOf(t.db));
			}
			await slow;
			return Promise.all(later);
		});
		expect(result).toHaveLength(10);
		expect(writes).toBe(2);
	});

	it('a write waiting for a lock holds up no read: writes do not go on the shared connection', async () => {
		const user = await newUser(t.db);
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let locked!: () => void;
		const isLocked = new Promise<void>((r) => (locked = r));
		const transaction = t.db.transaction().execute(async (trx) => {
			await trx.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
			locked();
			await held;
		});
		await isLocked;
		// Waits for the transaction's row lock...
		const waiting = t.db
			.updateTable('users')
			.set({ full_name: 'Después' })
			.where('id', '=', user.id)
			.execute();
		// ...while reads, issued after it, are answered.
		const read = await t.db
			.selectFrom('users')
			.select('locale')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(read.locale).not.toBe('en');
		release();
		await transaction;
		await waiting;
		const after = await t.db
			.selectFrom('users')
			.select(['full_name', 'locale'])
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual({ full_name: 'Después', locale: 'en' });
	});

	it('one failing statement leaves the others issued with it untouched', async () => {
		const user = await newUser(t.db);
		const [renamed, failed, read] = await Promise.allSettled([
			t.db
				.updateTable('users')
				.set({ full_name: 'Nombre nuevo' })
				.where('id', '=', user.id)
				.execute(),
			sql`select 1 / 0`.execute(t.db),
			t.db.selectFrom('users').select('id').where('id', '=', user.id).execute()
		]);
		expect(renamed.status).toBe('fulfilled');
		expect(failed.status).toBe('rejected');
		expect(read.status === 'fulfilled' && read.value).toEqual([{ id: user.id }]);
		const stored = await t.db
			.selectFrom('users')
			.select('full_name')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(stored.full_name).toBe('Nombre nuevo');
	});

	it('a transaction has a connection of its own: its writes are unseen until commit, and undone together on rollback', async () => {
		const user = await newUser(t.db);
		const name = () =>
			t.db
				.selectFrom('users')
				.select('full_name')
				.where('id', '=', user.id)
				.executeTakeFirstOrThrow();
		const shared = await pidOf(t.db);

		await expect(
			t.db.transaction().execute(async (trx) => {
				expect(await pidOf(trx)).not.toBe(shared);
				await trx
					.updateTable('users')
					.set({ full_name: 'Dentro' })
					.where('id', '=', user.id)
					.execute();
				await trx.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
				expect((await name()).full_name).not.toBe('Dentro');
				throw new Error('deshacer');
			})
		).rejects.toThrow('deshacer');
		const after = await t.db
			.selectFrom('users')
			.select(['full_name', 'locale'])
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(after.full_name).not.toBe('Dentro');
		expect(after.locale).not.toBe('en');

		// BEGIN leaves with the transaction's first statement; COMMIT is the second and last write.
		const { writes } = await writesDuring(port, () =>
			t.db
				.transaction()
				.execute((trx) =>
					trx
						.updateTable('users')
						.set({ full_name: 'Confirmado' })
						.where('id', '=', user.id)
						.execute()
				)
		);
		expect(writes).toBe(2);
		expect((await name()).full_name).toBe('Confirmado');
	});

	it('a batch in a transaction leaves with BEGIN in one write; COMMIT is the second', async () => {
		const user = await newUser(t.db);
		const rename = (trx: Kysely<DB>, name: string) =>
			trx.updateTable('users').set({ full_name: name }).where('id', '=', user.id);
		const { result, writes } = await writesDuring(port, () =>
			t.db.transaction().execute(async (trx) => {
				const [, read] = await batch(trx, [
					rename(trx, 'En lote'),
					trx.selectFrom('users').select('full_name').where('id', '=', user.id),
					trx.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id)
				]);
				return read.rows;
			})
		);
		expect(result).toEqual([{ full_name: 'En lote' }]);
		expect(writes).toBe(2);
	});

	it('starting and submitting a quiz are two writes each: the batch with BEGIN, then COMMIT', async () => {
		const course = findCourse('ley-263-policia')!;
		const module = course.modules.find((m) => m.quiz) as QuizModule;
		const user = await newUser(t.db);
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const now = new Date();
		const start = () =>
			t.db.transaction().execute((trx) => startQuizIn(trx, enrolment, course, module, now, []));
		const started = await writesDuring(port, start);
		expect(started.writes).toBe(2);
		const begun = started.result;
		if (!begun.ok) throw new Error('not started');
		const submitted = await writesDuring(port, () =>
			submitAttempt(t.db, begun.attempt, enrolment, course, module, {}, now, {
				earlier: [],
				touched: true
			})
		);
		expect(submitted.result.ok).toBe(true);
		expect(submitted.writes).toBe(2);
		const [progress] = await t.db
			.selectFrom('module_progress')
			.select(['read_at', 'quiz_percent'])
			.where('enrolment_id', '=', enrolment.id)
			.execute();
		expect(progress).toEqual({ read_at: now.toISOString(), quiz_percent: 0 });
	});

	it('a session lock and a hand-written BEGIN take a connection of their own, for the whole of db.connection()', async () => {
		const shared = await pidOf(t.db);
		const held = await t.db.connection().execute(async (c) => {
			await sql`select pg_advisory_lock(${4242}::bigint)`.execute(c);
			const own = await pidOf(c);
			// Seen from the shared connection: the lock is another backend's.
			const holders = await sql<{
				pid: number;
			}>`select pid from pg_locks where locktype = 'advisory' and objid = 4242`.execute(t.db);
			await sql`select pg_advisory_unlock(${4242}::bigint)`.execute(c);
			return { own, holders: holders.rows.map((r) => r.pid) };
		});
		expect(held.own).not.toBe(shared);
		expect(held.holders).toEqual([held.own]);

		const user = await newUser(t.db);
		await t.db.connection().execute(async (c) => {
			await sql`begin`.execute(c);
			await c.updateTable('users').set({ full_name: 'A mano' }).where('id', '=', user.id).execute();
			await sql`rollback`.execute(c);
		});
		const stored = await t.db
			.selectFrom('users')
			.select('full_name')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(stored.full_name).not.toBe('A mano');
	});

	it('answers again after the shared connection is cut', async () => {
		const db = createDatabase(process.env.TEST_DATABASE_URL!, { poolSize: 2 });
		opened.push(db);
		const before = await pidOf(db);
		const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
		await admin.connect();
		await admin.query('select pg_terminate_backend($1)', [before]);
		await admin.end();
		// The statement in flight when the connection drops may fail; the next ones reconnect.
		await pidOf(db).catch(() => null);
		const after = await pidOf(db);
		expect(after).not.toBe(before);
	});

	it('openConnections opens the whole pool and the shared connection before the first request, and keeps them', async () => {
		const db = createDatabase(process.env.TEST_DATABASE_URL!, { poolSize: 3 });
		opened.push(db);
		const pool = pgPoolOf(db)!;
		expect(pool.totalCount).toBe(0);
		expect(await openConnections(db)).toBe(4);
		expect({ total: pool.totalCount, idle: pool.idleCount }).toEqual({ total: 3, idle: 3 });
		// pg-pool closes idle connections only above `min`: a fixed-size pool keeps them all.
		expect(pool.options.min).toBe(3);
		const shared = await pidOf(db); // already open: no new connection
		const { writes } = await writesDuring(port, () =>
			Promise.all(Array.from({ length: 3 }, () => db.transaction().execute((trx) => pidOf(trx))))
		);
		expect(writes).toBe(6); // three transactions, two writes each, and no login among them
		expect(pool.totalCount).toBe(3);
		expect(await pidOf(db)).toBe(shared);
	});

	it('DATABASE_PIPELINE=0: every statement takes a pool connection, one write each', async () => {
		const db = createDatabase(process.env.TEST_DATABASE_URL!, { poolSize: 4, pipeline: false });
		opened.push(db);
		await Promise.all(Array.from({ length: 4 }, () => pidOf(db)));
		const { result, writes } = await writesDuring(port, () =>
			Promise.all(Array.from({ length: 4 }, () => pidOf(db)))
		);
		expect(new Set(result).size).toBeGreaterThan(1);
		expect(writes).toBe(4);

		// A batch, too, is one write per statement.
		const pid = () => db.selectNoFrom(sql<number>`pg_backend_pid()`.as('pid'));
		const batched = await writesDuring(port, () =>
			db.transaction().execute((trx) => batch(trx, [pid(), pid(), pid()]))
		);
		expect(batched.writes).toBe(4); // BEGIN with the first statement, two more, COMMIT
	});
});
