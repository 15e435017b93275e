import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/lib/server/audit';
import { canSeeInstitution, institutionScope } from '../../src/lib/server/auth/roles';
import { addInstitution } from '../../src/lib/server/institutions/admin';
import { listInstitutions, listUnits, seedInstitutions } from '../../src/lib/server/institutions/repository';
import { SEED_INSTITUTIONS } from '../../src/lib/server/institutions/seed-data';
import { assignRole, removeRole } from '../../src/lib/server/users/role-admin';
import { listUsers, loadAuthUser } from '../../src/lib/server/users/repository';
import { newInstitution, newUser } from '../helpers/factories';
import { createTestDb, useTestDb, DIALECTS } from '../helpers/test-db';

describe.each(DIALECTS)('institutions and roles on %s', (dialect) => {
	const t = useTestDb(dialect);

	it('seeds the institutions of both countries once, however often it runs', async () => {
		const first = await seedInstitutions(t.db);
		expect(first).toBe(SEED_INSTITUTIONS.length);
		expect(await seedInstitutions(t.db)).toBe(0);
		const all = await listInstitutions(t.db);
		expect(all).toHaveLength(SEED_INSTITUTIONS.length);
		const names = (c: 'BO' | 'PE') => all.filter((i) => i.country === c).map((i) => i.name);
		expect(names('BO')).toContain('Policía Boliviana');
		expect(names('BO')).toContain('Defensoría del Pueblo');
		expect(names('BO').filter((n) => n.startsWith('Consejo Departamental'))).toHaveLength(9);
		expect(names('PE')).toContain('Ministerio de la Mujer y Poblaciones Vulnerables');
		const police = all.find((i) => i.name === 'Policía Boliviana')!;
		expect(await listUnits(t.db, police.id)).toHaveLength(9);
	});

	it('refuses a duplicate institution name within a country', async () => {
		const admin = await newUser(t.db, { role: 'admin' });
		const form = { name: 'Ministerio de Educación', shortName: null, country: 'BO' as const, sector: 'education' as const, department: null };
		expect(await addInstitution(t.db, admin.id, form)).toBe('duplicate');
		expect(await addInstitution(t.db, admin.id, { ...form, country: 'PE' })).toMatchObject({ name: 'Ministerio de Educación', country: 'PE' });
	});

	it('makes someone coordinator of one institution, audited, and scopes what they see', async () => {
		const a = await newInstitution(t.db);
		const b = await newInstitution(t.db);
		const admin = await newUser(t.db, { role: 'admin' });
		const coordinator = await newUser(t.db, { institutionId: a.id });
		const colleague = await newUser(t.db, { institutionId: a.id });
		const outsider = await newUser(t.db, { institutionId: b.id });

		expect(await assignRole(t.db, admin.id, coordinator.id, 'coordinator', null)).toBe('scope-required');
		expect(await assignRole(t.db, admin.id, coordinator.id, 'coordinator', a.id)).toBeNull();

		const me = (await loadAuthUser(t.db, coordinator.id))!;
		expect(institutionScope(me)).toEqual([a.id]);
		expect(canSeeInstitution(me, a.id)).toBe(true);
		expect(canSeeInstitution(me, b.id)).toBe(false);
		const visible = await listUsers(t.db, { institutionIds: institutionScope(me) });
		expect(visible.map((u) => u.id).sort()).toEqual([coordinator.id, colleague.id].sort());
		expect(visible.map((u) => u.id)).not.toContain(outsider.id);

		const audit = await listAudit(t.db);
		expect(audit[0]).toMatchObject({ action: 'role.grant', target_id: String(coordinator.id) });
		expect(JSON.parse(audit[0].details!)).toEqual({ role: 'coordinator', institutionId: a.id });
	});

	it('never removes the last admin', async () => {
		const fresh = await createTestDb(dialect);
		try {
			const only = await newUser(fresh.db, { role: 'admin' });
			expect(await removeRole(fresh.db, only.id, only.id, 'admin')).toBe('last-admin');
			const second = await newUser(fresh.db, { role: 'admin' });
			expect(await removeRole(fresh.db, second.id, only.id, 'admin')).toBeNull();
			expect((await loadAuthUser(fresh.db, only.id))!.roles).toEqual([]);
		} finally {
			await fresh.destroy();
		}
	});

	it('enforces unique emails in the database', async () => {
		const u = await newUser(t.db);
		await expect(
			t.db
				.insertInto('users')
				.values({ ...u, id: undefined as never, created_at: u.created_at })
				.execute()
		).rejects.toThrow();
	});
});
