/**
 * One app instance at a time prepares the database (migrations, seeding, backfills); the others
 * wait for it, then find the work done. Kysely's own migration lock is not enough: on SQLite it
 * does nothing, and seeding and backfills run outside it.
 *
 * PostgreSQL: a session advisory lock on a connection of its own. SQLite: the exclusive lock of
 * a small lock database beside the data file (`aula.db.startup-lock`). Both are released by the
 * server or the operating system when a process dies, so a crash never leaves a stale lock.
 */
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/connect';
import type { DB } from '../db/schema';

/** Arbitrary, and not Kysely's migration lock (3853314791062309107), which runs inside ours. */
const PG_STARTUP_LOCK = '7428731020176410913';

export async function withStartupLock<T>(
	url: string,
	db: Kysely<DB>,
	work: () => Promise<T>
): Promise<T> {
	if (dialectOf(url) === 'postgres') {
		// The work runs on the pool's other connections: this one only holds the lock.
		return db.connection().execute(async (conn) => {
			await sql`select pg_advisory_lock(${PG_STARTUP_LOCK}::bigint)`.execute(conn);
			try {
				return await work();
			} finally {
				await sql`select pg_advisory_unlock(${PG_STARTUP_LOCK}::bigint)`.execute(conn);
			}
		});
	}
	if (url === ':memory:' || url === 'file::memory:') return work();
	const lock = new SQLite(`${resolve(url.slice('file:'.length))}.startup-lock`);
	try {
		// busy_timeout would block the event loop while waiting; poll instead.
		lock.pragma('busy_timeout = 0');
		for (;;) {
			try {
				lock.exec('begin exclusive');
				break;
			} catch (e) {
				if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
				await sleep(50);
			}
		}
		try {
			return await work();
		} finally {
			lock.exec('rollback');
		}
	} finally {
		lock.close();
	}
}
