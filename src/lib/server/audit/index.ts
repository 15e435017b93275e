import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export type AuditEntry = {
	actorId: number | null;
	action: string;
	targetType: string;
	targetId?: string | number | null;
	details?: Record<string, unknown>;
};

/** Appends to the audit log; call inside the transaction of the change it records. */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry, now = new Date()) {
	await db
		.insertInto('audit_log')
		.values({
			at: now.toISOString(),
			actor_id: entry.actorId,
			action: entry.action,
			target_type: entry.targetType,
			target_id: entry.targetId == null ? null : String(entry.targetId),
			details: entry.details ? JSON.stringify(entry.details) : null
		})
		.execute();
}

export function listAudit(db: Kysely<DB>, limit = 100) {
	return db
		.selectFrom('audit_log')
		.leftJoin('users', 'users.id', 'audit_log.actor_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.action',
			'audit_log.target_type',
			'audit_log.target_id',
			'audit_log.details',
			'users.full_name as actor_name'
		])
		.orderBy('audit_log.id', 'desc')
		.limit(limit)
		.execute();
}
