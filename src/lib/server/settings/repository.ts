/** Settings an admin edits in the app (Administración → Ajustes), each change audited. */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { DB } from '../db/schema';

export async function getSettings(db: Kysely<DB>, keys: string[]): Promise<Map<string, string>> {
	if (keys.length === 0) return new Map();
	const rows = await db
		.selectFrom('settings')
		.select(['key', 'value'])
		.where('key', 'in', keys)
		.execute();
	return new Map(rows.map((r) => [r.key, r.value]));
}

/**
 * Sets (or, with '', clears) each value and records what changed in the audit log, in one
 * transaction. Unchanged values write nothing. Returns the keys that changed.
 */
export async function saveSettings(
	db: Kysely<DB>,
	actorId: number,
	values: Record<string, string>,
	now = new Date()
): Promise<string[]> {
	return db.transaction().execute(async (tx) => {
		const before = await getSettings(tx, Object.keys(values));
		const changed: string[] = [];
		for (const [key, value] of Object.entries(values)) {
			const old = before.get(key) ?? '';
			if (old === value) continue;
			changed.push(key);
			if (value === '') await tx.deleteFrom('settings').where('key', '=', key).execute();
			else
				await tx
					.insertInto('settings')
					.values({ key, value, updated_at: now.toISOString(), updated_by: actorId })
					.onConflict((oc) =>
						oc
							.column('key')
							.doUpdateSet({ value, updated_at: now.toISOString(), updated_by: actorId })
					)
					.execute();
			await recordAudit(
				tx,
				{
					actorId,
					action: 'settings.update',
					targetType: 'setting',
					targetId: key,
					details: { before: old, after: value }
				},
				now
			);
		}
		return changed;
	});
}
