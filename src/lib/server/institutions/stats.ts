import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** Registered people per institution: counts only, never names (what the Council may see). */
export function registeredPerInstitution(db: Kysely<DB>) {
	return db
		.selectFrom('institutions')
		.leftJoin('users', 'users.institution_id', 'institutions.id')
		.select((eb) => [
			'institutions.id',
			'institutions.name',
			'institutions.country',
			eb.fn.count<number>('users.id').as('people')
		])
		.groupBy(['institutions.id', 'institutions.name', 'institutions.country'])
		.orderBy('institutions.country')
		.orderBy('institutions.name')
		.execute();
}
