/**
 * Sessions in the Lucia design: the cookie holds `<id>.<secret>`; the database keeps the id and
 * the SHA-256 of the secret, compared in constant time. 30-day sliding expiry, renewed when
 * less than half is left.
 */
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { Kysely } from 'kysely';
import type { DB, Session } from '../db/schema';
import { hashSecret, randomToken } from './random';

export const SESSION_COOKIE = 'aula_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_BELOW_MS = SESSION_TTL_MS / 2;
// Writing last_seen_at on every request would turn each page view into a write.
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export type SessionMeta = { userAgent?: string | null; ip?: string | null };

export async function createSession(
	db: Kysely<DB>,
	userId: number,
	meta: SessionMeta = {},
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const id = randomToken(15);
	const secret = randomToken(20);
	const session: Session = {
		id,
		user_id: userId,
		secret_hash: hashSecret(secret),
		created_at: now.toISOString(),
		expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
		last_seen_at: now.toISOString(),
		user_agent: meta.userAgent?.slice(0, 300) ?? null,
		ip: meta.ip ?? null
	};
	await db.insertInto('sessions').values(session).execute();
	return { token: `${id}.${secret}`, session };
}

/** Returns the live session for a cookie token (renewing it when due), or null. */
export async function validateSessionToken(
	db: Kysely<DB>,
	token: string,
	now = new Date()
): Promise<Session | null> {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
	const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
	if (!session) return null;
	const enc = new TextEncoder();
	if (!constantTimeEqual(enc.encode(hashSecret(secret)), enc.encode(session.secret_hash))) return null;
	const nowMs = now.getTime();
	const expires = Date.parse(session.expires_at);
	if (nowMs >= expires) {
		await invalidateSession(db, id);
		return null;
	}
	const renew = expires - nowMs < RENEW_BELOW_MS;
	if (renew || nowMs - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
		session.last_seen_at = now.toISOString();
		if (renew) session.expires_at = new Date(nowMs + SESSION_TTL_MS).toISOString();
		await db
			.updateTable('sessions')
			.set({ last_seen_at: session.last_seen_at, expires_at: session.expires_at })
			.where('id', '=', id)
			.execute();
	}
	return session;
}

export async function invalidateSession(db: Kysely<DB>, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Logs a user out everywhere, optionally keeping the session they are using now. */
export async function invalidateUserSessions(
	db: Kysely<DB>,
	userId: number,
	exceptSessionId?: string
): Promise<void> {
	let q = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
	await q.execute();
}

export function listUserSessions(db: Kysely<DB>, userId: number, now = new Date()) {
	return db
		.selectFrom('sessions')
		.select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', now.toISOString())
		.orderBy('last_seen_at', 'desc')
		.execute();
}
