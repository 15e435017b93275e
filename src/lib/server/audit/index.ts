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

export type AuditFilter = {
	/** An exact action (`cohort.import`) or a prefix ending in a dot (`cohort.`). */
	action?: string;
	/** Part of the actor's name or email. */
	actor?: string;
	/** Calendar days, YYYY-MM-DD, inclusive. */
	from?: string;
	to?: string;
};

export function listAudit(db: Kysely<DB>, limit = 100, filter: AuditFilter = {}) {
	let q = db
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
		]);
	if (filter.action) {
		q = filter.action.endsWith('.')
			? q.where('audit_log.action', 'like', `${filter.action.replace(/[%_]/g, '')}%`)
			: q.where('audit_log.action', '=', filter.action);
	}
	if (filter.actor) {
		const like = `%${filter.actor.trim().toLowerCase().replace(/[%_]/g, '')}%`;
		q = q.where((eb) => eb.or([eb(eb.fn('lower', ['users.full_name']), 'like', like), eb('users.email', 'like', like)]));
	}
	// Timestamps are ISO strings: a day's entries sort between "YYYY-MM-DD" and "YYYY-MM-DD~".
	if (filter.from) q = q.where('audit_log.at', '>=', filter.from);
	if (filter.to) q = q.where('audit_log.at', '<=', `${filter.to}~`);
	return q.orderBy('audit_log.id', 'desc').limit(limit).execute();
}

/** The actions the log holds, for a filter list. */
export async function auditActions(db: Kysely<DB>): Promise<string[]> {
	const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
	return rows.map((r) => r.action);
}
