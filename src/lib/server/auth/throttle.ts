/**
 * Throttling kept in the database, so it holds across app instances (worker processes).
 * Login failures: keys `account:<email>` (whether or not the account exists, so a lock reveals
 * nothing) and `ip:<address>`. Rate limits (`takeAllowance`): `mail:<kind>:<email>` for account
 * mails to one recipient and `register:<address>` for sign-ups from one address.
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

/** Counts one event against a key in a fixed window (a new one starts once it is `windowMs` old). Atomic per key. */
function countEvent(db: Kysely<DB>, key: string, windowMs: number, now: Date) {
	const nowIso = now.toISOString();
	const windowStart = new Date(now.getTime() - windowMs).toISOString();
	const stale = sql<boolean>`login_throttle.window_start < ${windowStart}`;
	return db
		.insertInto('login_throttle')
		.values({ key, failures: 1, window_start: nowIso, locked_until: null })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				failures: sql`CASE WHEN ${stale} THEN 1 ELSE login_throttle.failures + 1 END`,
				window_start: sql`CASE WHEN ${stale} THEN ${nowIso} ELSE login_throttle.window_start END`
			})
		)
		.returning(['failures', 'window_start'])
		.executeTakeFirstOrThrow();
}

/** Counts one failure against a key; locks it when the rule's limit is reached. Atomic per key. */
export async function recordFailure(
	db: Kysely<DB>,
	key: string,
	rule: ThrottleRule,
	now = new Date()
): Promise<number> {
	const row = await countEvent(db, key, rule.windowMs, now);
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

export type RateRule = { max: number; windowMs: number };

/** Account mails (activation, "you already have an account") to one address: as many as password resets. */
export const ACCOUNT_MAIL_RULE: RateRule = { max: 3, windowMs: 60 * 60 * 1000 };
/** Sign-ups from one IP address. A classroom behind one NAT stays under it; a script does not. */
export const REGISTRATION_IP_RULE: RateRule = { max: 20, windowMs: 60 * 60 * 1000 };

export const mailKey = (kind: string, email: string) =>
	`mail:${kind}:${email.trim().toLowerCase()}`;
export const registrationKey = (ip: string) => `register:${ip}`;

export type Allowance = { ok: true } | { ok: false; minutes: number };

/**
 * Takes one use of `key` under `rule`: allowed while the window holds at most `rule.max` uses.
 * Every call counts, refused ones included, and the count is atomic, so parallel requests on
 * several processes cannot slip past the limit together.
 */
export async function takeAllowance(
	db: Kysely<DB>,
	key: string,
	rule: RateRule,
	now = new Date()
): Promise<Allowance> {
	const row = await countEvent(db, key, rule.windowMs, now);
	if (row.failures <= rule.max) return { ok: true };
	const ends = new Date(row.window_start).getTime() + rule.windowMs;
	return { ok: false, minutes: Math.max(1, Math.ceil((ends - now.getTime()) / 60000)) };
}
