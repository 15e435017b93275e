import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** What a browser sends as the id of an action it queued offline (crypto.randomUUID() and the like). */
export const CLIENT_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Remembers a queued action's client id for its user. Returns false when the id was already
 * claimed: the action was done before and this is a replay. Call inside the action's transaction,
 * so that a failed action leaves its id free for the next replay.
 */
export async function claimClientAction(
	db: Kysely<DB>,
	userId: number,
	clientId: string,
	kind: string,
	now = new Date()
): Promise<boolean> {
	const res = await db
		.insertInto('client_actions')
		.values({ user_id: userId, client_id: clientId, kind, created_at: now.toISOString() })
		.onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
		.executeTakeFirst();
	return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}
