import { describe, expect, it } from 'vitest';
import { createKey, listKeys, redeemKey, revokeKey } from '../../src/lib/server/cohorts/keys';
import { createCohort } from '../../src/lib/server/cohorts/repository';
import type { CohortForm } from '../../src/lib/server/cohorts/form';
import { findCourse } from '../../src/lib/server/courses/catalog';
import { enrol, getEnrolment } from '../../src/lib/server/enrolment/repository';
import { decideRequest, listPendingRequests, requestEnrolment } from '../../src/lib/server/enrolment/requests';
import { newInstitution, newUser } from '../helpers/factories';
import { useTestDb, DIALECTS, rollupDifferences } from '../helpers/test-db';

const cohortForm: CohortForm = {
	name: 'Cohorte con clave',
	courseSlug: 'frontera',
	startsOn: '2026-03-01',
	endsOn: '2026-03-31',
	deadlineOn: '2026-04-30',
	requiresAttendance: false,
	inPersonOn: null,
	inPersonPlace: null
};
const who = (u: { id: number; institution_id: number | null }) => ({ id: u.id, institutionId: u.institution_id });

describe.each(DIALECTS)('enrolment keys and requests on %s', (dialect) => {
	const t = useTestDb(dialect);

	it('enrols people of the institution with a key, within its expiry and usage limit', async () => {
		const a = await newInstitution(t.db);
		const b = await newInstitution(t.db);
		const coord = await newUser(t.db, { institutionId: a.id, role: 'coordinator', scope: a.id });
		const cohort = await createCohort(t.db, coord.id, a.id, cohortForm);
		const key = await createKey(t.db, coord.id, cohort, { expiresOn: '2026-06-30', maxUses: 2 });
		const when = new Date('2026-06-30T20:00:00Z');
		const [p1, p2, p3] = [await newUser(t.db, { institutionId: a.id }), await newUser(t.db, { institutionId: a.id }), await newUser(t.db, { institutionId: a.id })];
		const outsider = await newUser(t.db, { institutionId: b.id });

		expect(await redeemKey(t.db, who(outsider), key.code, findCourse, when)).toEqual({ ok: false, problem: 'other-institution' });
		const typed = key.code.toLowerCase().replace('-', ' ');
		const r1 = await redeemKey(t.db, who(p1), typed, findCourse, when);
		expect(r1.ok && r1.enrolment).toMatchObject({ cohort_id: cohort.id, source: 'key', status: 'active' });
		// Using it again changes nothing and uses nothing up.
		expect((await redeemKey(t.db, who(p1), key.code, findCourse, when)).ok).toBe(true);
		// Someone enrolled on their own joins the cohort.
		await enrol(t.db, p2.id, findCourse('frontera')!, 'self');
		expect((await redeemKey(t.db, who(p2), key.code, findCourse, when)).ok).toBe(true);
		expect((await getEnrolment(t.db, p2.id, 'frontera'))!.cohort_id).toBe(cohort.id);
		expect(await redeemKey(t.db, who(p3), key.code, findCourse, when)).toEqual({ ok: false, problem: 'exhausted' });
		expect((await listKeys(t.db, cohort.id))[0].uses).toBe(2);

		const late = await createKey(t.db, coord.id, cohort, { expiresOn: '2026-06-30', maxUses: null });
		expect(await redeemKey(t.db, who(p3), late.code, findCourse, new Date('2026-07-01T00:00:01Z'))).toEqual({ ok: false, problem: 'expired' });
		expect(await revokeKey(t.db, coord.id, cohort, late.id)).toBe(true);
		expect(await redeemKey(t.db, who(p3), late.code, findCourse, when)).toEqual({ ok: false, problem: 'unknown' });
		expect(await redeemKey(t.db, who(p3), 'NOPE-NOPE', findCourse, when)).toEqual({ ok: false, problem: 'unknown' });
		expect(await getEnrolment(t.db, p3.id, 'frontera')).toBeUndefined();
	});

	it('queues a request for the coordinator of the person’s institution only', async () => {
		const a = await newInstitution(t.db);
		const b = await newInstitution(t.db);
		const coordA = await newUser(t.db, { institutionId: a.id, role: 'coordinator', scope: a.id });
		const coordB = await newUser(t.db, { institutionId: b.id, role: 'coordinator', scope: b.id });
		const person = await newUser(t.db, { institutionId: a.id });
		const other = await newUser(t.db, { institutionId: a.id });
		const req = await requestEnrolment(t.db, person.id, 'ley-263-policia');
		expect(req.status).toBe('pending');
		expect((await requestEnrolment(t.db, person.id, 'ley-263-policia')).id).toBe(req.id);

		expect((await listPendingRequests(t.db, [b.id])).map((r) => r.id)).not.toContain(req.id);
		expect((await listPendingRequests(t.db, [a.id])).map((r) => r.id)).toContain(req.id);
		expect(await decideRequest(t.db, coordB.id, [b.id], req.id, true, findCourse)).toBe('forbidden');
		expect(await getEnrolment(t.db, person.id, 'ley-263-policia')).toBeUndefined();

		expect(await decideRequest(t.db, coordA.id, [a.id], req.id, true, findCourse)).toBe('ok');
		expect(await decideRequest(t.db, coordA.id, [a.id], req.id, false, findCourse)).toBe('decided');
		expect((await getEnrolment(t.db, person.id, 'ley-263-policia'))!.source).toBe('coordinator');

		const rejected = await requestEnrolment(t.db, other.id, 'ley-263-policia');
		expect(await decideRequest(t.db, coordA.id, [a.id], rejected.id, false, findCourse)).toBe('ok');
		expect(await getEnrolment(t.db, other.id, 'ley-263-policia')).toBeUndefined();
		expect((await requestEnrolment(t.db, other.id, 'ley-263-policia')).status).toBe('pending');
		const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'enrolment.request.%').execute();
		expect(audit.map((e) => e.action).sort()).toEqual(['enrolment.request.approve', 'enrolment.request.reject']);
	});

	it('kept the monthly report roll-up in step with every change above', async () => {
		expect(await rollupDifferences(t.db)).toEqual([]);
	});
});
