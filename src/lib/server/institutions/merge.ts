/**
 * Admin moves between institutions: transferring one person, and merging a duplicate institution
 * into the one to keep. Both audited, each in one transaction. Certificates keep their holder and
 * the institution name printed on them; only their institution link follows a merge.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import type { DB } from '../db/schema';
import { trackReportFacts } from '../reports/rollup';

export type TransferResult = 'ok' | 'user-not-found' | 'institution-not-found' | 'same';

/** Moves a person to another institution (their unit is cleared: units belong to one institution). */
export async function transferPerson(
	db: Kysely<DB>,
	actorId: number,
	userId: number,
	institutionId: number,
	now = new Date()
): Promise<TransferResult> {
	return db.transaction().execute(async (trx) => {
		const user = await trx
			.selectFrom('users')
			.select(['id', 'institution_id'])
			.where('id', '=', userId)
			.executeTakeFirst();
		if (!user) return 'user-not-found';
		const target = await trx
			.selectFrom('institutions')
			.select('id')
			.where('id', '=', institutionId)
			.executeTakeFirst();
		if (!target) return 'institution-not-found';
		if (user.institution_id === institutionId) return 'same';
		await trackReportFacts(trx, [userId], (trx) =>
			trx
				.updateTable('users')
				.set({ institution_id: institutionId, unit_id: null, updated_at: now.toISOString() })
				.where('id', '=', userId)
				.execute()
		);
		await recordAudit(
			trx,
			{
				actorId,
				action: 'user.transfer',
				targetType: 'user',
				targetId: userId,
				details: { from: user.institution_id, to: institutionId }
			},
			now
		);
		return 'ok';
	});
}

export type MergeResult =
	| { ok: true; users: number; units: number; cohorts: number; certificates: number }
	| { ok: false; reason: 'not-found' | 'same' };

/**
 * Merges institution `fromId` into `intoId` and deletes `fromId`: its people, units, coordinators,
 * cohorts, certificates and sent-mail records move over. A unit whose name already exists in the
 * institution kept is folded into that unit.
 */
export async function mergeInstitutions(
	db: Kysely<DB>,
	actorId: number,
	fromId: number,
	intoId: number,
	now = new Date()
): Promise<MergeResult> {
	if (fromId === intoId) return { ok: false, reason: 'same' };
	return db.transaction().execute(async (tx) => {
		const both = await tx
			.selectFrom('institutions')
			.select(['id', 'name'])
			.where('id', 'in', [fromId, intoId])
			.execute();
		if (both.length !== 2) return { ok: false as const, reason: 'not-found' as const };
		// Everyone of the merged institution changes institution (and maybe unit) in the reports.
		const moving = await tx
			.selectFrom('users')
			.select('id')
			.where((eb) =>
				eb.or([
					eb('institution_id', '=', fromId),
					eb(
						'unit_id',
						'in',
						eb.selectFrom('units').select('id').where('institution_id', '=', fromId)
					)
				])
			)
			.execute();
		return trackReportFacts(
			tx,
			moving.map((u) => u.id),
			async (trx) => {
				const keptUnits = new Map(
					(
						await trx
							.selectFrom('units')
							.select(['id', 'name'])
							.where('institution_id', '=', intoId)
							.execute()
					).map((u) => [u.name, u.id])
				);
				const movedUnits = await trx
					.selectFrom('units')
					.select(['id', 'name'])
					.where('institution_id', '=', fromId)
					.execute();
				for (const u of movedUnits) {
					const same = keptUnits.get(u.name);
					if (same === undefined) {
						await trx
							.updateTable('units')
							.set({ institution_id: intoId })
							.where('id', '=', u.id)
							.execute();
					} else {
						await trx
							.updateTable('users')
							.set({ unit_id: same })
							.where('unit_id', '=', u.id)
							.execute();
						await trx.deleteFrom('units').where('id', '=', u.id).execute();
					}
				}
				const users = await trx
					.updateTable('users')
					.set({ institution_id: intoId, updated_at: now.toISOString() })
					.where('institution_id', '=', fromId)
					.executeTakeFirst();
				await trx
					.updateTable('user_roles')
					.set({ institution_id: intoId })
					.where('institution_id', '=', fromId)
					.execute();
				const cohorts = await trx
					.updateTable('cohorts')
					.set({ institution_id: intoId })
					.where('institution_id', '=', fromId)
					.executeTakeFirst();
				const certificates = await trx
					.updateTable('certificates')
					.set({ institution_id: intoId })
					.where('institution_id', '=', fromId)
					.executeTakeFirst();
				await trx
					.updateTable('outbox')
					.set({ institution_id: intoId })
					.where('institution_id', '=', fromId)
					.execute();
				await trx.deleteFrom('institutions').where('id', '=', fromId).execute();
				const result = {
					ok: true as const,
					users: Number(users.numUpdatedRows),
					units: movedUnits.length,
					cohorts: Number(cohorts.numUpdatedRows),
					certificates: Number(certificates.numUpdatedRows)
				};
				const from = both.find((i) => i.id === fromId)!;
				await recordAudit(
					trx,
					{
						actorId,
						action: 'institution.merge',
						targetType: 'institution',
						targetId: intoId,
						details: { from: fromId, fromName: from.name, ...result }
					},
					now
				);
				return result;
			}
		);
	});
}
