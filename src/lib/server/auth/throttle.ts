/**
 * Login throttling kept in the database, so it holds across app instances.
 * Keys are `account:<email>` (whether or not the account exists, so a lock reveals nothing)
 * and `ip:<address>`.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

export type ThrottleRule = { maxFailures: number; windowMs: number; lockMs: number };

export const ACCOUNT_RULE: ThrottleRule = {
	maxFailures: 10,
	windowMs: 15 * 60 * 1000,
	lockMs: 15 * 60 * 1000
};
export const IP_RULE: ThrottleRule = {
	maxFailures: 50,
	windowMs: 15 * 60 * 1000,
	lockMs: 15 * 60 * 1000
};

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The latest `locked_until` among the keys still in force, or null when none is locked. */
export async function lockedUntil(
	db: Kysely<DB>,
	keys: string[],
	now = new Date()
): Promise<Date | null> {
	const row = await db
		.selectFrom('login_throttle')
		.select((eb) => eb.fn.max('locked_until').as('until'))
		.where('key', 'in', keys)
		.where('locked_until', '>', now.toISOString())
		.executeTakeFirst();
	return row?.until ? new Date(row.until) : null;
}

/** Counts one failure against a key; locks it when the rule's limit is reached. Atomic per key. */
export async function recordFailure(
	db: Kysely<DB>,
	key: string,
	rule: ThrottleRule,
	now = new Date()
): Promise<number> {
	const nowIso = now.toISOString();
	const windowStart = new Date(now.getTime() - rule.windowMs).toISOString();
	const stale = sql<boolean>`login_throttle.window_start < ${windowStart}`;
	const row = await db
		.insertInto('login_throttle')
		.values({ key, failures: 1, window_start: nowIso, locked_until: null })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				failures: sql`CASE WHEN ${stale} THEN 1 ELSE login_throttle.failures + 1 END`,
				window_start: sql`CASE WHEN ${stale} THEN ${nowIso} ELSE login_throttle.window_start END`
			})
		)
		.returning('failures')
		.executeTakeFirstOrThrow();
	if (row.failures >= rule.maxFailures) {
		await db
			.updateTable('login_throttle')
			.set({ locked_until: new Date(now.getTime() + rule.lockMs).toISOString() })
			.where('key', '=', key)
			.execute();
	}
	return row.failures;
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
