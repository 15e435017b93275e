/** Small factories for integration tests. */
import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { DB, Role } from '../../src/lib/server/db/schema';
import { createInstitution } from '../../src/lib/server/institutions/repository';
import { createUser, grantRole } from '../../src/lib/server/users/repository';

let n = 0;
let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct horse battery';

export async function newInstitution(db: Kysely<DB>, name = `Institución ${++n}`) {
	return createInstitution(db, { name, shortName: null, country: 'BO', sector: 'consular', department: null });
}

export async function newUser(
	db: Kysely<DB>,
	opts: { institutionId?: number | null; role?: Exclude<Role, 'learner'>; scope?: number | null; verified?: boolean } = {}
) {
	cachedHash ??= hashPassword(TEST_PASSWORD);
	const user = await createUser(db, {
		email: `persona${++n}-${Date.now()}@example.org`,
		fullName: `Persona ${n}`,
		passwordHash: await cachedHash,
		country: 'BO',
		institutionId: opts.institutionId ?? null,
		unitId: null,
		verified: opts.verified ?? true
	});
	if (opts.role) await grantRole(db, user.id, opts.role, opts.scope ?? null, null);
	return user;
}
