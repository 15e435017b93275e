import { describe, expect, it } from 'vitest';
import {
	createSession,
	invalidateUserSessions,
	listUserSessions,
	SESSION_TTL_MS,
	validateSession,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { grantRole, loadAuthUser } from '../../src/lib/server/users/repository';
import { consumeToken, issueToken, peekToken } from '../../src/lib/server/auth/tokens';
import { findCourse } from '../../src/lib/server/courses/catalog';
import { enrol, getEnrolment } from '../../src/lib/server/enrolment/repository';
import { newUser } from '../helpers/factories';
import { useTestDb, DIALECTS } from '../helpers/test-db';

const DAY = 24 * 60 * 60 * 1000;

describe.each(DIALECTS)('sessions and one-time tokens on %s', (dialect) => {
	const t = useTestDb(dialect);

	it('stores only the hash of the secret and validates the token', async () => {
		const user = await newUser(t.db);
		const { token, session } = await createSession(t.db, user.id);
		const [id, secret] = token.split('.');
		const row = await t.db
			.selectFrom('sessions')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.secret_hash).not.toContain(secret);
		expect(JSON.stringify(row)).not.toContain(secret);
		expect((await validateSessionToken(t.db, token))?.user_id).toBe(user.id);
		expect(session.user_id).toBe(user.id);
	});

	it('rejects a tampered secret, a malformed token and an unknown id', async () => {
		const user = await newUser(t.db);
		const { token } = await createSession(t.db, user.id);
		const [id, secret] = token.split('.');
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(await validateSessionToken(t.db, `${id}.${flipped}`)).toBeNull();
		expect(await validateSessionToken(t.db, id)).toBeNull();
		expect(await validateSessionToken(t.db, `${token}.extra`)).toBeNull();
		expect(await validateSessionToken(t.db, `nosuchid.${secret}`)).toBeNull();
	});

	it('expires after 30 days and deletes the row', async () => {
		const user = await newUser(t.db);
		const start = new Date('2026-01-01T00:00:00Z');
		const { token, session } = await createSession(t.db, user.id, {}, start);
		expect(
			await validateSessionToken(t.db, token, new Date(start.getTime() + SESSION_TTL_MS + 1))
		).toBeNull();
		const row = await t.db
			.selectFrom('sessions')
			.select('id')
			.where('id', '=', session.id)
			.executeTakeFirst();
		expect(row).toBeUndefined();
	});

	it('slides the expiry only once less than half the lifetime is left', async () => {
		const user = await newUser(t.db);
		const start = new Date('2026-02-01T00:00:00Z');
		const { token, session } = await createSession(t.db, user.id, {}, start);
		const early = await validateSessionToken(t.db, token, new Date(start.getTime() + 10 * DAY));
		expect(early?.expires_at).toBe(session.expires_at);
		const late = new Date(start.getTime() + 20 * DAY);
		const renewed = await validateSessionToken(t.db, token, late);
		expect(renewed?.expires_at).toBe(new Date(late.getTime() + SESSION_TTL_MS).toISOString());
		// Still valid after the original expiry, thanks to the renewal.
		expect(
			await validateSessionToken(t.db, token, new Date(start.getTime() + 35 * DAY))
		).not.toBeNull();
	});

	it('reads the enrolment of the course being visited in the same query, as getEnrolment would', async () => {
		const user = await newUser(t.db, { role: 'trainer' });
		await grantRole(t.db, user.id, 'coordinator', null, null);
		const course = findCourse('ley-263-policia')!;
		const enrolment = await enrol(t.db, user.id, course, 'self');
		const { token } = await createSession(t.db, user.id);
		const queries: string[] = [];
		const logged = t.db.withPlugin({
			transformQuery: (args) => (queries.push(args.node.kind), args.node),
			transformResult: async (args) => args.result
		});
		const valid = await validateSession(logged, token, new Date(), { enrolmentIn: course.slug });
		expect(queries).toEqual(['SelectQueryNode']);
		expect(valid?.enrolment).toEqual(enrolment);
		expect(valid?.enrolment).toEqual(await getEnrolment(t.db, user.id, course.slug));
		// Two roles make two rows: still one user with both roles and the one enrolment.
		expect(valid?.user.roles).toHaveLength(2);
		expect(
			(await validateSession(t.db, token, new Date(), { enrolmentIn: 'frontera' }))?.enrolment
		).toBeNull();
		expect((await validateSession(t.db, token))?.enrolment).toBeUndefined();
	});

	it('gives the session, the user and every role from one query, as loadAuthUser would', async () => {
		const user = await newUser(t.db, { role: 'trainer' });
		await grantRole(t.db, user.id, 'coordinator', null, null);
		const { token } = await createSession(t.db, user.id);
		const queries: string[] = [];
		const logged = t.db.withPlugin({
			transformQuery: (args) => (queries.push(args.node.kind), args.node),
			transformResult: async (args) => args.result
		});
		const valid = await validateSession(logged, token);
		expect(queries).toEqual(['SelectQueryNode']);
		expect(valid?.user).toEqual(await loadAuthUser(t.db, user.id));
		expect(valid?.user.roles.map((r) => r.role)).toEqual(['coordinator', 'trainer']);
		const plain = await newUser(t.db);
		const other = await createSession(t.db, plain.id);
		expect((await validateSession(t.db, other.token))?.user).toEqual(
			await loadAuthUser(t.db, plain.id)
		);
	});

	it('says the cookie must be sent again only when the expiry moved', async () => {
		const user = await newUser(t.db);
		const start = new Date('2026-04-01T00:00:00Z');
		const { token } = await createSession(t.db, user.id, {}, start);
		expect((await validateSession(t.db, token, new Date(start.getTime() + DAY)))?.renewed).toBe(
			false
		);
		// Touching last_seen_at (after 5 minutes) is not a renewal either.
		expect((await validateSession(t.db, token, new Date(start.getTime() + 2 * DAY)))?.renewed).toBe(
			false
		);
		const late = await validateSession(t.db, token, new Date(start.getTime() + 16 * DAY));
		expect(late?.renewed).toBe(true);
		expect(
			(await validateSession(t.db, token, new Date(start.getTime() + 16 * DAY + 1000)))?.renewed
		).toBe(false);
	});

	it('logs out everywhere, optionally keeping the current session', async () => {
		const user = await newUser(t.db);
		const a = await createSession(t.db, user.id);
		const b = await createSession(t.db, user.id);
		const c = await createSession(t.db, user.id);
		await invalidateUserSessions(t.db, user.id, a.session.id);
		expect(await validateSessionToken(t.db, a.token)).not.toBeNull();
		expect(await validateSessionToken(t.db, b.token)).toBeNull();
		expect(await validateSessionToken(t.db, c.token)).toBeNull();
		expect((await listUserSessions(t.db, user.id)).map((s) => s.id)).toEqual([a.session.id]);
		await invalidateUserSessions(t.db, user.id);
		expect(await listUserSessions(t.db, user.id)).toEqual([]);
	});

	it('uses a one-time token once, even when two requests race', async () => {
		const user = await newUser(t.db);
		const token = await issueToken(t.db, user.id, 'reset');
		expect(await peekToken(t.db, token, 'reset')).toBe(user.id);
		expect(await peekToken(t.db, token, 'verify')).toBeNull();
		const second = t.openSecond();
		const results = await Promise.all([
			consumeToken(t.db, token, 'reset'),
			consumeToken(second, token, 'reset')
		]);
		expect(results.filter((r) => r === user.id)).toHaveLength(1);
		expect(await consumeToken(t.db, token, 'reset')).toBeNull();
	});

	it('refuses an expired token', async () => {
		const user = await newUser(t.db);
		const issued = new Date('2026-03-01T00:00:00Z');
		const token = await issueToken(t.db, user.id, 'reset', issued);
		expect(
			await consumeToken(t.db, token, 'reset', new Date(issued.getTime() + 61 * 60 * 1000))
		).toBeNull();
	});
});
