/** Institution and unit edits by admins: validated form schemas and audited writes. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit';
import { orOnDuplicate } from '../db/errors';
import type { DB } from '../db/schema';
import { fields } from '../forms';
import {
	createInstitution,
	createUnit,
	findInstitutionByName,
	updateInstitution
} from './repository';
import { SECTORS } from './seed-data';

export const InstitutionForm = z.object({
	name: z
		.string({ error: 'error_required' })
		.trim()
		.min(2, 'error_required')
		.max(200, 'error_text_too_long'),
	shortName: fields.optionalText(40),
	country: fields.country,
	sector: z.enum(SECTORS, { error: 'error_required' }),
	department: fields.optionalText(80)
});
export type InstitutionForm = z.infer<typeof InstitutionForm>;

export const UnitForm = z.object({
	name: z
		.string({ error: 'error_required' })
		.trim()
		.min(2, 'error_required')
		.max(200, 'error_text_too_long'),
	department: fields.optionalText(80)
});

// The name checks below give the usual answer; the unique index settles two requests racing past them.

export async function addInstitution(db: Kysely<DB>, actorId: number, f: InstitutionForm) {
	const write = () =>
		db.transaction().execute(async (trx) => {
			if (await findInstitutionByName(trx, f.country, f.name)) return 'duplicate' as const;
			const inst = await createInstitution(trx, f);
			await recordAudit(trx, {
				actorId,
				action: 'institution.create',
				targetType: 'institution',
				targetId: inst.id,
				details: { ...f }
			});
			return inst;
		});
	return orOnDuplicate(write, 'duplicate' as const);
}

export async function editInstitution(
	db: Kysely<DB>,
	actorId: number,
	id: number,
	f: InstitutionForm
) {
	const write = () =>
		db.transaction().execute(async (trx) => {
			const same = await findInstitutionByName(trx, f.country, f.name);
			if (same && same.id !== id) return 'duplicate' as const;
			await updateInstitution(trx, id, f);
			await recordAudit(trx, {
				actorId,
				action: 'institution.update',
				targetType: 'institution',
				targetId: id,
				details: { ...f }
			});
			return 'ok' as const;
		});
	return orOnDuplicate(write, 'duplicate' as const);
}

export async function addUnit(
	db: Kysely<DB>,
	actorId: number,
	institutionId: number,
	name: string,
	department: string | null
) {
	const write = () =>
		db.transaction().execute(async (trx) => {
			const exists = await trx
				.selectFrom('units')
				.select('id')
				.where('institution_id', '=', institutionId)
				.where('name', '=', name)
				.executeTakeFirst();
			if (exists) return 'duplicate' as const;
			const unit = await createUnit(trx, institutionId, name, department);
			await recordAudit(trx, {
				actorId,
				action: 'unit.create',
				targetType: 'unit',
				targetId: unit.id,
				details: { institutionId, name }
			});
			return unit;
		});
	return orOnDuplicate(write, 'duplicate' as const);
}
