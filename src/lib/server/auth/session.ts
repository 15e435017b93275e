/**
 * Sessions in the Lucia design: the cookie holds `<id>.<secret>`; the database keeps the id and
 * the SHA-256 of the secret, compared in constant time. 30-day sliding expiry, renewed when
 * less than half is left.
 */
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { Kysely } from 'kysely';
import type { DB, Enrolment, Session } from '../db/schema';
import type { AuthUser } from './roles';
import { hashSecret, randomToken } from './random';
import { compiledOnce } from '../db/compiled';

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

export type ValidSession = {
	session: Session;
	user: AuthUser;
	/** The expiry moved forward: the cookie must be sent again with the new date. */
	renewed: boolean;
	/** With `enrolmentIn`: the user's enrolment in that course, null when there is none. */
	enrolment?: Enrolment | null;
};

/**
 * One row per role (or one with null role): the user's columns repeat, which costs less than
 * another round trip. Compiled once (compiled.ts): it runs on every request.
 */
const sessionQuery = compiledOnce(['id', 'course'], (db, values) =>
	db
		.selectFrom('sessions as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.leftJoin('user_roles as r', 'r.user_id', 's.user_id')
		// A course page's guard needs the enrolment next: read in the same round trip.
		.leftJoin('enrolments as e', (join) =>
			join.onRef('e.user_id', '=', 's.user_id').on('e.course_slug', '=', values.course)
		)
		.select([
			'e.id as e_id',
			'e.course_slug as e_course_slug',
			'e.course_version as e_course_version',
			'e.status as e_status',
			'e.source as e_source',
			'e.enrolled_at as e_enrolled_at',
			'e.last_module as e_last_module',
			'e.last_activity_at as e_last_activity_at',
			'e.completed_at as e_completed_at',
			'e.completed_version as e_completed_version',
			'e.final_score as e_final_score',
			'e.cohort_id as e_cohort_id',
			'e.attended_at as e_attended_at',
			'e.withdrawn_at as e_withdrawn_at',
			's.id',
			's.user_id',
			's.secret_hash',
			's.created_at',
			's.expires_at',
			's.last_seen_at',
			's.user_agent',
			's.ip',
			'u.email',
			'u.full_name',
			'u.locale',
			'u.country',
			'u.institution_id',
			'u.unit_id',
			'r.role',
			'r.institution_id as role_institution_id'
		])
		.where('s.id', '=', values.id)
		.orderBy('r.role')
);

/**
 * The live session for a cookie token with its user and roles, in one query (it runs on every
 * request), renewing the session when due; null for an unknown, tampered or expired token.
 */
export async function validateSession(
	db: Kysely<DB>,
	token: string,
	now = new Date(),
	options: { enrolmentIn?: string } = {}
): Promise<ValidSession | null> {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
	const { rows } = await sessionQuery(db, { id, course: options.enrolmentIn ?? '' });
	const row = rows[0];
	if (!row) return null;
	const enc = new TextEncoder();
	if (!constantTimeEqual(enc.encode(hashSecret(secret)), enc.encode(row.secret_hash))) return null;
	const session: Session = {
		id: row.id,
		user_id: row.user_id,
		secret_hash: row.secret_hash,
		created_at: row.created_at,
		expires_at: row.expires_at,
		last_seen_at: row.last_seen_at,
		user_agent: row.user_agent,
		ip: row.ip
	};
	const nowMs = now.getTime();
	const expires = Date.parse(session.expires_at);
	if (nowMs >= expires) {
		await invalidateSession(db, id);
		return null;
	}
	const renewed = expires - nowMs < RENEW_BELOW_MS;
	if (renewed || nowMs - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
		session.last_seen_at = now.toISOString();
		if (renewed) session.expires_at = new Date(nowMs + SESSION_TTL_MS).toISOString();
		await db
			.updateTable('sessions')
			.set({ last_seen_at: session.last_seen_at, expires_at: session.expires_at })
			.where('id', '=', id)
			.execute();
	}
	const user: AuthUser = {
		id: row.user_id,
		email: row.email,
		fullName: row.full_name,
		locale: row.locale,
		country: row.country,
		institutionId: row.institution_id,
		unitId: row.unit_id,
		roles: rows.flatMap((r) =>
			r.role ? [{ role: r.role, institutionId: r.role_institution_id }] : []
		)
	};
	if (options.enrolmentIn === undefined) return { session, user, renewed };
	const enrolment: Enrolment | null =
		row.e_id === null
			? null
			: ({
					id: row.e_id,
					user_id: row.user_id,
					course_slug: row.e_course_slug!,
					course_version: row.e_course_version!,
					status: row.e_status!,
					source: row.e_source!,
					enrolled_at: row.e_enrolled_at!,
					last_module: row.e_last_module,
					last_activity_at: row.e_last_activity_at,
					completed_at: row.e_completed_at,
					completed_version: row.e_completed_version,
					final_score: row.e_final_score,
					cohort_id: row.e_cohort_id,
					attended_at: row.e_attended_at,
					withdrawn_at: row.e_withdrawn_at
				} satisfies Record<keyof Enrolment, unknown>);
	return { session, user, renewed, enrolment };
}

/** Returns the live session for a cookie token (renewing it when due), or null. */
export async function validateSessionToken(
	db: Kysely<DB>,
	token: string,
	now = new Date()
): Promise<Session | null> {
	return (await validateSession(db, token, now))?.session ?? null;
}

export async function invalidateSession(db: Kysely<DB>, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Logs a user out everywhere, optionally keeping the session they are using now. */
/** Ends one of the person's own sessions; another person's session id does nothing. */
export async function revokeOwnSession(
	db: Kysely<DB>,
	userId: number,
	sessionId: string
): Promise<void> {
	await db
		.deleteFrom('sessions')
		.where('id', '=', sessionId)
		.where('user_id', '=', userId)
		.execute();
}

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
