/** One-time tokens sent by email (activation, password reset, invitation). Only their hash is stored. */
import type { Kysely } from 'kysely';
import { chunks } from '../db/chunks';
import type { DB, TokenPurpose } from '../db/schema';
import { hashSecret, randomToken } from './random';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
	verify: 7 * 24 * 60 * 60 * 1000,
	reset: 60 * 60 * 1000,
	invite: 14 * 24 * 60 * 60 * 1000
};

/** The stored row of a new token: only its hash, valid for its purpose's time to live. */
function tokenRow(userId: number, token: string, purpose: TokenPurpose, now: Date) {
	return {
		token_hash: hashSecret(token),
		user_id: userId,
		purpose,
		created_at: now.toISOString(),
		expires_at: new Date(now.getTime() + TOKEN_TTL_MS[purpose]).toISOString(),
		used_at: null
	};
}

export async function issueToken(
	db: Kysely<DB>,
	userId: number,
	purpose: TokenPurpose,
	now = new Date()
): Promise<string> {
	const token = randomToken(32);
	await db
		.insertInto('user_tokens')
		.values(tokenRow(userId, token, purpose, now))
		.execute();
	return token;
}

/**
 * One token per user in a few multi-row inserts (bulk invitations); returns user id → token.
 * @example const tokens = await issueTokens(trx, [12, 13], 'invite'); tokens.get(12)
 */
export async function issueTokens(
	db: Kysely<DB>,
	userIds: number[],
	purpose: TokenPurpose,
	now = new Date()
): Promise<Map<number, string>> {
	const tokens = new Map(userIds.map((id) => [id, randomToken(32)]));
	const rows = [...tokens].map(([userId, token]) => tokenRow(userId, token, purpose, now));
	for (const part of chunks(rows)) await db.insertInto('user_tokens').values(part).execute();
	return tokens;
}

/** The user a token belongs to while it is unused and unexpired, without using it up. */
export async function peekToken(
	db: Kysely<DB>,
	token: string,
	purpose: TokenPurpose,
	now = new Date()
): Promise<number | null> {
	if (!/^[a-z2-7]{20,80}$/.test(token)) return null;
	const row = await db
		.selectFrom('user_tokens')
		.select('user_id')
		.where('token_hash', '=', hashSecret(token))
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now.toISOString())
		.executeTakeFirst();
	return row?.user_id ?? null;
}

/**
 * Uses a token up. The conditional update makes it single-use even when two requests race:
 * only one of them changes the row. Call inside the transaction that acts on it.
 */
export async function consumeToken(
	db: Kysely<DB>,
	token: string,
	purpose: TokenPurpose,
	now = new Date()
): Promise<number | null> {
	const userId = await peekToken(db, token, purpose, now);
	if (userId === null) return null;
	const res = await db
		.updateTable('user_tokens')
		.set({ used_at: now.toISOString() })
		.where('token_hash', '=', hashSecret(token))
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return res.numUpdatedRows === 1n ? userId : null;
}
