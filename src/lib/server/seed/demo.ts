/** Demo accounts, one per role, for a fresh non-production database. Printed at start. */
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password';
import type { DB, Role } from '../db/schema';
import { findInstitutionByName } from '../institutions/repository';
import { createUser, grantRole } from '../users/repository';

export const DEMO_PASSWORD = 'aula-demo-2026';

type DemoAccount = {
	email: string;
	fullName: string;
	role: Role;
	institution: string;
	unit?: string;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ email: 'admin@aula.demo', fullName: 'Administración Aula', role: 'admin', institution: 'Ministerio de Justicia y Transparencia Institucional' },
	{ email: 'formadora@aula.demo', fullName: 'Formadora Demo', role: 'trainer', institution: 'Ministerio de Justicia y Transparencia Institucional' },
	{ email: 'coordinador@aula.demo', fullName: 'Coordinador Cancillería Demo', role: 'coordinator', institution: 'Ministerio de Relaciones Exteriores' },
	{ email: 'consejo@aula.demo', fullName: 'Consejo Plurinacional Demo', role: 'council', institution: 'Ministerio de Justicia y Transparencia Institucional' },
	{ email: 'consular@aula.demo', fullName: 'Funcionaria Consular Demo', role: 'learner', institution: 'Ministerio de Relaciones Exteriores', unit: 'Consulado General en Buenos Aires' },
	{ email: 'policia@aula.demo', fullName: 'Policía Demo', role: 'learner', institution: 'Policía Boliviana', unit: 'División Trata y Tráfico de Personas – FELCC La Paz' }
];

/** Creates the demo accounts when the database has no users; returns the ones created. */
export async function seedDemoAccounts(db: Kysely<DB>): Promise<DemoAccount[]> {
	const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	if (any) return [];
	const hash = await hashPassword(DEMO_PASSWORD);
	await db.transaction().execute(async (trx) => {
		for (const a of DEMO_ACCOUNTS) {
			const inst = await findInstitutionByName(trx, 'BO', a.institution);
			const unit = a.unit && inst
				? await trx.selectFrom('units').select('id').where('institution_id', '=', inst.id).where('name', '=', a.unit).executeTakeFirst()
				: undefined;
			const user = await createUser(trx, {
				email: a.email,
				fullName: a.fullName,
				passwordHash: hash,
				country: 'BO',
				institutionId: inst?.id ?? null,
				unitId: unit?.id ?? null,
				verified: true
			});
			if (a.role !== 'learner') {
				await grantRole(trx, user.id, a.role, a.role === 'coordinator' ? (inst?.id ?? null) : null, null);
			}
		}
	});
	return DEMO_ACCOUNTS;
}
