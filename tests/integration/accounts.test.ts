import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	activateAccount,
	changePassword,
	logIn,
	registerAccount,
	requestPasswordReset,
	resetPassword
} from '../../src/lib/server/auth/accounts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import {
	ACCOUNT_RULE,
	accountKey,
	lockedUntil,
	recordFailure
} from '../../src/lib/server/auth/throttle';
import { findUserByEmail } from '../../src/lib/server/users/repository';
import { newInstitution, newUser, TEST_PASSWORD } from '../helpers/factories';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

const ORIGIN = 'http://aula.test';

async function lastMailTo(t: TestDb, to: string) {
	return t.db
		.selectFrom('outbox')
		.selectAll()
		.where('to_address', '=', to)
		.orderBy('id', 'desc')
		.executeTakeFirst();
}

function linkIn(body: string, path: string): string {
	const match = body.match(new RegExp(`${ORIGIN}${path}/([a-z2-7]+)`));
	if (!match) throw new Error(`no ${path} link in mail:\n${body}`);
	return match[1];
}

describe.each(DIALECTS)('account flows on %s', (dialect) => {
	let t: TestDb;
	let institutionId: number;
	beforeAll(async () => {
		t = await createTestDb(dialect);
		institutionId = (await newInstitution(t.db)).id;
	});
	afterAll(() => t.destroy());

	const registration = (email: string) => ({
		fullName: 'Ana Quispe',
		email,
		password: 'una frase bastante larga',
		country: 'BO' as const,
		institutionId,
		unitId: null,
		jobTitle: null,
		locale: 'es' as const
	});

	it('registers an unverified account, mails an activation link, and activation works once', async () => {
		await registerAccount(t.db, registration('Ana@Example.org'), ORIGIN, '10.0.0.1');
		const user = await findUserByEmail(t.db, 'ana@example.org');
		expect(user?.email_verified_at).toBeNull();
		expect(user?.password_hash).toMatch(/^\$argon2id\$/);
		const mail = await lastMailTo(t, 'ana@example.org');
		expect(mail?.subject).toContain('Active');
		const token = linkIn(mail!.body_text, '/activar');

		const before = await logIn(
			t.db,
			{ email: 'ana@example.org', password: 'una frase bastante larga', ip: '10.0.0.1' },
			ORIGIN
		);
		expect(before).toEqual({ ok: false, reason: 'unverified' });

		expect(await activateAccount(t.db, token)).toBe(user!.id);
		expect(await activateAccount(t.db, token)).toBeNull();
		const after = await logIn(
			t.db,
			{ email: 'ANA@example.org ', password: 'una frase bastante larga', ip: '10.0.0.1' },
			ORIGIN
		);
		expect(after).toMatchObject({ ok: true, userId: user!.id });
	});

	it('does not reveal or duplicate an existing email on registration', async () => {
		const existing = await newUser(t.db);
		const count = async () =>
			(await t.db.selectFrom('users').select('id').where('email', '=', existing.email).execute())
				.length;
		await registerAccount(t.db, registration(existing.email.toUpperCase()), ORIGIN, '10.0.0.1');
		expect(await count()).toBe(1);
		const mail = await lastMailTo(t, existing.email);
		expect(mail?.subject).toContain('Ya tiene una cuenta');
		expect(mail?.body_text).not.toContain('/activar/');
	});

	it('gives the same answer for a wrong password and an unknown email', async () => {
		const user = await newUser(t.db);
		const wrong = await logIn(
			t.db,
			{ email: user.email, password: 'not the password', ip: '10.0.0.2' },
			ORIGIN
		);
		const unknown = await logIn(
			t.db,
			{ email: 'nobody@example.org', password: 'whatever it is', ip: '10.0.0.2' },
			ORIGIN
		);
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
	});

	it('locks an account after ten wrong passwords, even with the right one, then lets it in later', async () => {
		const user = await newUser(t.db);
		const now = new Date();
		for (let i = 0; i < 10; i++) {
			const r = await logIn(
				t.db,
				{ email: user.email, password: `wrong-${i}`, ip: `10.1.0.${i}` },
				ORIGIN,
				now
			);
			expect(r).toEqual({ ok: false, reason: 'invalid' });
		}
		const locked = await logIn(
			t.db,
			{ email: user.email, password: TEST_PASSWORD, ip: '10.1.1.1' },
			ORIGIN,
			now
		);
		expect(locked).toEqual({ ok: false, reason: 'locked', minutes: 15 });
		const later = new Date(now.getTime() + 16 * 60 * 1000);
		expect(
			await logIn(
				t.db,
				{ email: user.email, password: TEST_PASSWORD, ip: '10.1.1.1' },
				ORIGIN,
				later
			)
		).toMatchObject({ ok: true });
	});

	it('does not lock after nine failures, and a success clears the count', async () => {
		const user = await newUser(t.db);
		for (let i = 0; i < 9; i++)
			await logIn(t.db, { email: user.email, password: 'nope-nope', ip: '10.2.0.1' }, ORIGIN);
		expect(
			await logIn(t.db, { email: user.email, password: TEST_PASSWORD, ip: '10.2.0.1' }, ORIGIN)
		).toMatchObject({ ok: true });
		for (let i = 0; i < 9; i++)
			await logIn(t.db, { email: user.email, password: 'nope-nope', ip: '10.2.0.1' }, ORIGIN);
		expect(
			await logIn(t.db, { email: user.email, password: TEST_PASSWORD, ip: '10.2.0.1' }, ORIGIN)
		).toMatchObject({ ok: true });
	});

	it('counts failures across app instances (two connections to one database)', async () => {
		const second = t.openSecond();
		const key = accountKey('shared@example.org');
		const now = new Date();
		await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				recordFailure(i % 2 ? t.db : second, key, ACCOUNT_RULE, now)
			)
		);
		const row = await t.db
			.selectFrom('login_throttle')
			.selectAll()
			.where('key', '=', key)
			.executeTakeFirstOrThrow();
		expect(row.failures).toBe(10);
		expect(await lockedUntil(second, [key], now)).not.toBeNull();
	});

	it('resets a password from the mailed link: single use, old sessions closed', async () => {
		const user = await newUser(t.db);
		const { token: sessionToken } = await createSession(t.db, user.id);
		await requestPasswordReset(t.db, user.email, ORIGIN);
		const token = linkIn((await lastMailTo(t, user.email))!.body_text, '/recuperar');
		expect(await resetPassword(t.db, token, 'otra frase larga y nueva')).toBe(user.id);
		expect(await resetPassword(t.db, token, 'y otra más distinta aún')).toBeNull();
		expect(await validateSessionToken(t.db, sessionToken)).toBeNull();
		expect(
			await logIn(t.db, { email: user.email, password: TEST_PASSWORD, ip: '10.3.0.1' }, ORIGIN)
		).toEqual({ ok: false, reason: 'invalid' });
		expect(
			await logIn(
				t.db,
				{ email: user.email, password: 'otra frase larga y nueva', ip: '10.3.0.1' },
				ORIGIN
			)
		).toMatchObject({ ok: true });
	});

	it('sends nothing for an unknown email and caps reset mails per hour', async () => {
		await requestPasswordReset(t.db, 'ghost@example.org', ORIGIN);
		expect(await lastMailTo(t, 'ghost@example.org')).toBeUndefined();
		const user = await newUser(t.db);
		for (let i = 0; i < 5; i++) await requestPasswordReset(t.db, user.email, ORIGIN);
		const mails = await t.db
			.selectFrom('outbox')
			.select('id')
			.where('to_address', '=', user.email)
			.execute();
		expect(mails).toHaveLength(3);
	});

	it('changes a password only with the current one, keeping the current session', async () => {
		const user = await newUser(t.db);
		const here = await createSession(t.db, user.id);
		const elsewhere = await createSession(t.db, user.id);
		expect(
			await changePassword(t.db, user.id, 'wrong current', 'nueva frase secreta', here.session.id)
		).toBe('wrong-password');
		expect(
			await changePassword(t.db, user.id, TEST_PASSWORD, 'nueva frase secreta', here.session.id)
		).toBe('ok');
		expect(await validateSessionToken(t.db, here.token)).not.toBeNull();
		expect(await validateSessionToken(t.db, elsewhere.token)).toBeNull();
	});
	const mailsTo = async (to: string, subject: RegExp) =>
		(
			await t.db.selectFrom('outbox').select('subject').where('to_address', '=', to).execute()
		).filter((r) => subject.test(r.subject)).length;

	it('sends at most three activation mails an hour however often an unactivated account logs in', async () => {
		const now = new Date();
		await registerAccount(t.db, registration('flood-login@example.org'), ORIGIN, '10.9.0.1', now);
		for (let i = 0; i < 15; i++) {
			const r = await logIn(
				t.db,
				{ email: 'flood-login@example.org', password: 'una frase bastante larga', ip: '10.9.0.1' },
				ORIGIN,
				now
			);
			expect(r).toEqual({ ok: false, reason: 'unverified' });
		}
		expect(await mailsTo('flood-login@example.org', /Active/)).toBe(3);
		const later = new Date(now.getTime() + 61 * 60 * 1000);
		await logIn(
			t.db,
			{ email: 'flood-login@example.org', password: 'una frase bastante larga', ip: '10.9.0.1' },
			ORIGIN,
			later
		);
		expect(await mailsTo('flood-login@example.org', /Active/)).toBe(4);
	});

	it('sends at most three "you already have an account" notices an hour to one address', async () => {
		const existing = await newUser(t.db);
		for (let i = 0; i < 10; i++) {
			expect(
				await registerAccount(t.db, registration(existing.email), ORIGIN, `10.9.1.${i}`)
			).toEqual({ ok: true });
		}
		expect(await mailsTo(existing.email, /Ya tiene una cuenta/)).toBe(3);
	});

	it('refuses the 21st registration from one address within an hour, whatever the emails', async () => {
		const now = new Date();
		const results = [];
		for (let i = 0; i < 25; i++) {
			results.push(
				await registerAccount(t.db, registration(`burst-${i}@example.org`), ORIGIN, '10.9.2.1', now)
			);
		}
		expect(results.filter((r) => r.ok)).toHaveLength(20);
		expect(results[20]).toEqual({ ok: false, minutes: 60 });
		const accounts = await t.db
			.selectFrom('users')
			.select('id')
			.where('email', 'like', 'burst-%')
			.execute();
		expect(accounts).toHaveLength(20);
		// Another address is not affected, and the first one may sign up again an hour later.
		expect(
			await registerAccount(t.db, registration('burst-other@example.org'), ORIGIN, '10.9.2.2', now)
		).toEqual({ ok: true });
		const later = new Date(now.getTime() + 61 * 60 * 1000);
		expect(
			await registerAccount(
				t.db,
				registration('burst-later@example.org'),
				ORIGIN,
				'10.9.2.1',
				later
			)
		).toEqual({ ok: true });
	});

	it('creates one account when the same address registers on two instances at once', async () => {
		// better-sqlite3 connections in one process would block each other: SQLite queues on one.
		const second = dialect === 'postgres' ? t.openSecond() : t.db;
		const results = await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				registerAccount(
					i % 2 ? second : t.db,
					registration('race@example.org'),
					ORIGIN,
					`10.9.3.${i}`
				)
			)
		);
		expect(results).toEqual(Array(6).fill({ ok: true }));
		const accounts = await t.db
			.selectFrom('users')
			.select('id')
			.where('email', '=', 'race@example.org')
			.execute();
		expect(accounts).toHaveLength(1);
	});

	it('keeps the typed name out of account mails', async () => {
		const phishing = {
			...registration('named@example.org'),
			fullName: 'Aviso su cuenta será bloqueada'
		};
		await registerAccount(t.db, phishing, ORIGIN, '10.9.4.1');
		const mail = await lastMailTo(t, 'named@example.org');
		expect(mail!.body_text.split('\n')[0]).toBe('Hola:');
		expect(mail!.body_text).not.toContain('Aviso');
	});
});
