import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/lib/server/audit';
import { createCohort } from '../../src/lib/server/cohorts/repository';
import { findCourse } from '../../src/lib/server/courses/catalog';
import { enrol } from '../../src/lib/server/enrolment/repository';
import { markModuleRead, recordQuizResult } from '../../src/lib/server/enrolment/completion';
import { mergeInstitutions, transferPerson } from '../../src/lib/server/institutions/merge';
import { createUnit, getInstitution } from '../../src/lib/server/institutions/repository';
import { rolesOf } from '../../src/lib/server/users/repository';
import { newInstitution, newUser } from '../helpers/factories';
import { createTestDb, DIALECTS, rollupDifferences, type TestDb } from '../helpers/test-db';

describe.each(DIALECTS)('institution transfer and merge on %s', (dialect) => {
	let t: TestDb;
	beforeAll(async () => {
		process.env.CERT_KEY_FILE = `/tmp/aula-test-cert-key-${process.pid}.pem`;
		t = await createTestDb(dialect);
	});
	afterAll(() => t.destroy());

	async function certify(userId: number) {
		const course = findCourse('frontera')!;
		const e = await enrol(t.db, userId, course, 'self');
		for (const m of course.modules) {
			await t.db.transaction().execute((trx) => recordQuizResult(trx, e, course, m, 100, true));
			await markModuleRead(t.db, e, course, m);
		}
		return t.db.selectFrom('certificates').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
	}

	it('transfers a person; their certificate stays theirs, as issued', async () => {
		const a = await newInstitution(t.db);
		const b = await newInstitution(t.db);
		const admin = await newUser(t.db, { role: 'admin' });
		const person = await newUser(t.db, { institutionId: a.id });
		const cert = await certify(person.id);
		expect(await transferPerson(t.db, admin.id, person.id, b.id)).toBe('ok');
		expect(await transferPerson(t.db, admin.id, person.id, b.id)).toBe('same');
		expect(await transferPerson(t.db, admin.id, person.id, 999999)).toBe('institution-not-found');
		const moved = await t.db.selectFrom('users').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
		expect(moved.institution_id).toBe(b.id);
		const after = await t.db.selectFrom('certificates').selectAll().where('id', '=', cert.id).executeTakeFirstOrThrow();
		expect(after).toEqual(cert);
		const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.transfer').execute();
		expect(audit.map((e) => e.target_id)).toContain(String(person.id));
	});

	it('merges a duplicate institution without losing people, units, coordinators, cohorts or certificates', async () => {
		const keep = await newInstitution(t.db);
		const dup = await newInstitution(t.db);
		const admin = await newUser(t.db, { role: 'admin' });
		const sameName = await createUnit(t.db, keep.id, 'Consulado en Salta', null);
		const dupSame = await createUnit(t.db, dup.id, 'Consulado en Salta', null);
		const dupOnly = await createUnit(t.db, dup.id, 'Consulado en Iquique', null);
		const person = await newUser(t.db, { institutionId: dup.id });
		await t.db.updateTable('users').set({ unit_id: dupSame.id }).where('id', '=', person.id).execute();
		const coordinator = await newUser(t.db, { institutionId: dup.id, role: 'coordinator', scope: dup.id });
		const cohort = await createCohort(t.db, coordinator.id, dup.id, {
			name: 'Cohorte', courseSlug: 'frontera', startsOn: '2026-03-01', endsOn: '2026-03-31', deadlineOn: '2026-04-30', requiresAttendance: false, inPersonOn: null, inPersonPlace: null
		});
		const cert = await certify(person.id);

		expect(await mergeInstitutions(t.db, admin.id, dup.id, dup.id)).toEqual({ ok: false, reason: 'same' });
		expect(await mergeInstitutions(t.db, admin.id, dup.id, keep.id)).toEqual({ ok: true, users: 2, units: 2, cohorts: 1, certificates: 1 });

		expect(await getInstitution(t.db, dup.id)).toBeUndefined();
		const moved = await t.db.selectFrom('users').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
		expect(moved).toMatchObject({ institution_id: keep.id, unit_id: sameName.id });
		const units = await t.db.selectFrom('units').select(['id', 'institution_id']).where('id', 'in', [dupSame.id, dupOnly.id]).execute();
		expect(units).toEqual([{ id: dupOnly.id, institution_id: keep.id }]);
		expect(await rolesOf(t.db, coordinator.id)).toEqual([{ role: 'coordinator', institutionId: keep.id }]);
		expect((await t.db.selectFrom('cohorts').select('institution_id').where('id', '=', cohort.id).executeTakeFirstOrThrow()).institution_id).toBe(keep.id);
		const certAfter = await t.db.selectFrom('certificates').selectAll().where('id', '=', cert.id).executeTakeFirstOrThrow();
		expect(certAfter).toEqual({ ...cert, institution_id: keep.id });
		const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'institution.merge').execute();
		expect(JSON.parse(audit.at(-1)!.details!)).toMatchObject({ from: dup.id, users: 2 });
	});

	it('filters the audit log by action, actor and date', async () => {
		const a = await newInstitution(t.db);
		const b = await newInstitution(t.db);
		const admin = await newUser(t.db, { role: 'admin' });
		const person = await newUser(t.db, { institutionId: a.id });
		await transferPerson(t.db, admin.id, person.id, b.id, new Date('2026-05-10T12:00:00Z'));
		const byAction = await listAudit(t.db, 100, { action: 'user.transfer' });
		expect(byAction.length).toBeGreaterThan(0);
		expect(byAction.every((e) => e.action === 'user.transfer')).toBe(true);
		expect((await listAudit(t.db, 100, { action: 'user.' })).every((e) => e.action.startsWith('user.'))).toBe(true);
		const byActor = await listAudit(t.db, 100, { actor: admin.email });
		expect(byActor.length).toBeGreaterThan(0);
		expect(byActor.every((e) => e.actor_name === admin.full_name)).toBe(true);
		expect((await listAudit(t.db, 100, { from: '2026-05-10', to: '2026-05-10' })).map((e) => e.target_id)).toContain(String(person.id));
		expect((await listAudit(t.db, 100, { from: '2026-05-11', to: '2026-05-11', action: 'user.transfer' })).map((e) => e.target_id)).not.toContain(String(person.id));
	});

	it('kept the monthly report roll-up in step with every change above', async () => {
		expect(await rollupDifferences(t.db)).toEqual([]);
	});
});
