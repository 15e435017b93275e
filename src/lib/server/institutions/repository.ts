import type { Kysely } from 'kysely';
import type { Country, DB, Institution, Unit } from '../db/schema';
import { SEED_INSTITUTIONS, type SeedInstitution } from './seed-data';

export function listInstitutions(db: Kysely<DB>, country?: Country): Promise<Institution[]> {
	let q = db.selectFrom('institutions').selectAll();
	if (country) q = q.where('country', '=', country);
	return q.orderBy('country').orderBy('name').execute();
}

export function getInstitution(db: Kysely<DB>, id: number): Promise<Institution | undefined> {
	return db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUnits(db: Kysely<DB>, institutionId?: number): Promise<Unit[]> {
	let q = db.selectFrom('units').selectAll();
	if (institutionId !== undefined) q = q.where('institution_id', '=', institutionId);
	return q.orderBy('institution_id').orderBy('name').execute();
}

export function getUnit(db: Kysely<DB>, id: number): Promise<Unit | undefined> {
	return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export type InstitutionInput = {
	name: string;
	shortName: string | null;
	country: Country;
	sector: string;
	department: string | null;
};

export function createInstitution(db: Kysely<DB>, i: InstitutionInput, now = new Date()) {
	return db
		.insertInto('institutions')
		.values({
			name: i.name,
			short_name: i.shortName,
			country: i.country,
			sector: i.sector,
			department: i.department,
			created_at: now.toISOString()
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function updateInstitution(db: Kysely<DB>, id: number, i: InstitutionInput) {
	await db
		.updateTable('institutions')
		.set({
			name: i.name,
			short_name: i.shortName,
			country: i.country,
			sector: i.sector,
			department: i.department
		})
		.where('id', '=', id)
		.execute();
}

export function createUnit(
	db: Kysely<DB>,
	institutionId: number,
	name: string,
	department: string | null,
	now = new Date()
) {
	return db
		.insertInto('units')
		.values({ institution_id: institutionId, name, department, created_at: now.toISOString() })
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function findInstitutionByName(db: Kysely<DB>, country: Country, name: string) {
	return db
		.selectFrom('institutions')
		.selectAll()
		.where('country', '=', country)
		.where('name', '=', name)
		.executeTakeFirst();
}

/** Adds the seed institutions and units that are missing; never changes existing rows. */
export async function seedInstitutions(
	db: Kysely<DB>,
	list: SeedInstitution[] = SEED_INSTITUTIONS
): Promise<number> {
	let added = 0;
	await db.transaction().execute(async (trx) => {
		for (const s of list) {
			let inst = await findInstitutionByName(trx, s.country, s.name);
			if (!inst) {
				inst = await createInstitution(trx, {
					name: s.name,
					shortName: s.shortName ?? null,
					country: s.country,
					sector: s.sector,
					department: s.department ?? null
				});
				added++;
			}
			for (const u of s.units ?? []) {
				await trx
					.insertInto('units')
					.values({
						institution_id: inst.id,
						name: u.name,
						department: u.department ?? null,
						created_at: new Date().toISOString()
					})
					.onConflict((oc) => oc.columns(['institution_id', 'name']).doNothing())
					.execute();
			}
		}
	});
	return added;
}
