/**
 * Account flows: register, activate, log in, reset and change a password.
 * None of them tells a caller whether an email is registered: the answers to the outside are the
 * same either way, and the owner of the address learns the rest by email.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/errors';
import type { Country, DB } from '../db/schema';
import { t } from '../i18n';
import { sendMail } from '../mail';
import {
	createUser,
	findUserByEmail,
	getUser,
	markEmailVerified,
	normalizeEmail,
	setPasswordHash
} from '../users/repository';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import { invalidateUserSessions } from './session';
import {
	ACCOUNT_MAIL_RULE,
	ACCOUNT_RULE,
	IP_RULE,
	REGISTRATION_IP_RULE,
	accountKey,
	clearFailures,
	ipKey,
	lockedUntil,
	mailKey,
	recordFailure,
	registrationKey,
	takeAllowance,
	type Allowance
} from './throttle';
import { consumeToken, issueToken } from './tokens';

export type Registration = {
	fullName: string;
	email: string;
	password: string;
	country: Country;
	institutionId: number;
	unitId: number | null;
	jobTitle: string | null;
	locale: 'es' | 'en';
};

/**
 * Creates an unverified account and mails its activation link (or, for a known email, a notice).
 * Refused when the address `ip` has signed up too often; account mails to one address are capped
 * (ACCOUNT_MAIL_RULE), past which the answer is the same but no mail leaves.
 */
export async function registerAccount(
	db: Kysely<DB>,
	r: Registration,
	origin: string,
	ip: string,
	now = new Date()
): Promise<Allowance> {
	const allowed = await takeAllowance(db, registrationKey(ip), REGISTRATION_IP_RULE, now);
	if (!allowed.ok) return allowed;
	const email = normalizeEmail(r.email);
	// Hash before looking the email up, so both paths take the same time.
	const passwordHash = await hashPassword(r.password);
	const existing = await findUserByEmail(db, email);
	if (existing) {
		if (!(await takeAllowance(db, mailKey('exists', email), ACCOUNT_MAIL_RULE, now)).ok)
			return { ok: true };
		await sendMail(db, {
			to: email,
			subject: t('mail_exists_subject', {}, existing.locale),
			text: t(
				'mail_exists_body',
				{ login: `${origin}/ingresar`, reset: `${origin}/recuperar` },
				existing.locale
			)
		});
		return { ok: true };
	}
	let token: string;
	try {
		token = await db.transaction().execute(async (trx) => {
			const user = await createUser(trx, {
				email,
				fullName: r.fullName,
				passwordHash,
				country: r.country,
				institutionId: r.institutionId,
				unitId: r.unitId,
				jobTitle: r.jobTitle,
				locale: r.locale
			});
			return issueToken(trx, user.id, 'verify', now);
		});
	} catch (e) {
		// The same address registered by a parallel request a moment ago: that one mails its owner.
		if (isUniqueViolation(e)) return { ok: true };
		throw e;
	}
	await takeAllowance(db, mailKey('verify', email), ACCOUNT_MAIL_RULE, now);
	// The person's name stays out of account mails: anyone can type any address and any name.
	await sendMail(db, {
		to: email,
		subject: t('mail_verify_subject', {}, r.locale),
		text: t('mail_verify_body', { link: `${origin}/activar/${token}` }, r.locale)
	});
	return { ok: true };
}

/** Uses an activation link; returns the account's id, or null when the link is not valid. */
export function activateAccount(db: Kysely<DB>, token: string): Promise<number | null> {
	return db.transaction().execute(async (trx) => {
		const userId = await consumeToken(trx, token, 'verify');
		if (userId !== null) await markEmailVerified(trx, userId);
		return userId;
	});
}

export type LoginResult =
	| { ok: true; userId: number; locale: 'es' | 'en' }
	| { ok: false; reason: 'invalid' | 'unverified' }
	| { ok: false; reason: 'locked'; minutes: number };

export async function logIn(
	db: Kysely<DB>,
	input: { email: string; password: string; ip: string },
	origin: string,
	now = new Date()
): Promise<LoginResult> {
	const email = normalizeEmail(input.email);
	const keys = [accountKey(email), ipKey(input.ip)];
	const until = await lockedUntil(db, keys, now);
	if (until) {
		return {
			ok: false,
			reason: 'locked',
			minutes: Math.ceil((until.getTime() - now.getTime()) / 60000)
		};
	}
	const user = await findUserByEmail(db, email);
	const valid = user?.password_hash
		? await verifyPassword(user.password_hash, input.password)
		: await verifyAgainstDummy(input.password);
	if (!user || !valid) {
		await recordFailure(db, keys[0], ACCOUNT_RULE, now);
		await recordFailure(db, keys[1], IP_RULE, now);
		return { ok: false, reason: 'invalid' };
	}
	await clearFailures(db, keys[0]);
	if (!user.email_verified_at) {
		// A fresh link each time, up to ACCOUNT_MAIL_RULE: logging in again and again must not flood the inbox.
		if ((await takeAllowance(db, mailKey('verify', email), ACCOUNT_MAIL_RULE, now)).ok) {
			const token = await issueToken(db, user.id, 'verify', now);
			await sendMail(db, {
				to: email,
				subject: t('mail_verify_subject', {}, user.locale),
				text: t('mail_verify_body', { link: `${origin}/activar/${token}` }, user.locale)
			});
		}
		return { ok: false, reason: 'unverified' };
	}
	return { ok: true, userId: user.id, locale: user.locale };
}

// More reset mails than this per account and hour are silently dropped (mail-bombing guard).
const RESETS_PER_HOUR = 3;

export async function requestPasswordReset(
	db: Kysely<DB>,
	emailInput: string,
	origin: string,
	now = new Date()
): Promise<void> {
	const user = await findUserByEmail(db, emailInput);
	if (!user) return;
	const recent = await db
		.selectFrom('user_tokens')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', user.id)
		.where('purpose', '=', 'reset')
		.where('created_at', '>', new Date(now.getTime() - 3600_000).toISOString())
		.executeTakeFirstOrThrow();
	if (Number(recent.n) >= RESETS_PER_HOUR) return;
	const token = await issueToken(db, user.id, 'reset', now);
	await sendMail(db, {
		to: user.email,
		subject: t('mail_reset_subject', {}, user.locale),
		text: t('mail_reset_body', { link: `${origin}/recuperar/${token}` }, user.locale)
	});
}

/**
 * Accepts an invitation (an account a coordinator created): sets its first password. Returns the
 * account's id, or null when the link is not valid (used, expired, unknown).
 */
export async function acceptInvitation(
	db: Kysely<DB>,
	token: string,
	newPassword: string
): Promise<number | null> {
	const hash = await hashPassword(newPassword);
	return db.transaction().execute((trx) => passwordFromLink(trx, token, 'invite', hash));
}

/**
 * Uses a one-time link to set the account's password; following the link proves the address is
 * theirs. Returns the account's id, or null when the link is not valid. Call inside a transaction.
 */
async function passwordFromLink(
	trx: Kysely<DB>,
	token: string,
	purpose: 'invite' | 'reset',
	hash: string
): Promise<number | null> {
	const userId = await consumeToken(trx, token, purpose);
	if (userId === null) return null;
	await setPasswordHash(trx, userId, hash);
	await markEmailVerified(trx, userId);
	return userId;
}

/** Sets a new password from a reset link; logs the account out everywhere. Null if the link is bad. */
export async function resetPassword(
	db: Kysely<DB>,
	token: string,
	newPassword: string
): Promise<number | null> {
	const hash = await hashPassword(newPassword);
	return db.transaction().execute(async (trx) => {
		const userId = await passwordFromLink(trx, token, 'reset', hash);
		if (userId === null) return null;
		await invalidateUserSessions(trx, userId);
		const user = await getUser(trx, userId);
		if (user) await clearFailures(trx, accountKey(user.email));
		return userId;
	});
}

export async function changePassword(
	db: Kysely<DB>,
	userId: number,
	current: string,
	next: string,
	keepSessionId: string
): Promise<'ok' | 'wrong-password'> {
	const user = await getUser(db, userId);
	if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) {
		return 'wrong-password';
	}
	const hash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await setPasswordHash(trx, userId, hash);
		await invalidateUserSessions(trx, userId, keepSessionId);
	});
	return 'ok';
}
