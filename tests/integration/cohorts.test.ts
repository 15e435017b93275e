import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireCohort } from '../../src/lib/server/cohorts/access';
import { applyImport, previewImport, runImport, saveDraft, takeDraft } from '../../src/lib/server/cohorts/import';
import {
	createCohort,
	listCohortLearners,
	listCohorts,
	listInstitutionOutbox,
	recordAttendance,
	withdrawLearner
} from '../../src/lib/server/cohorts/repository';
import type { CohortForm } from '../../src/lib/server/cohorts/form';
import { sendReminders } from '../../src/lib/server/cohorts/reminders';
import { rebuildReportRollup } from '../../src/lib/server/reports/rollup';
import { findCourse } from '../../src/lib/server/courses/catalog';
import { transferPerson } from '../../src/lib/server/institutions/merge';
import type { Course } from '../../src/lib/server/courses/types';
import type { DB } from '../../src/lib/server/db/schema';
import { markModuleRead, recordQuizResult } from '../../src/lib/server/enrolment/completion';
import { createUnit } from '../../src/lib/server/institutions/repository';
import { loadAuthUser } from '../../src/lib/server/users/repository';
import { newInstitution, newUser } from '../helpers/factories';
import { createTestDb, DIALECTS, rollupDifferences, type TestDb } from '../helpers/test-db';

const ORIGIN = 'https://aula.test';
const form = (over: Partial<CohortForm> = {}): CohortForm => ({
	name: 'Frontera, consulados en Argentina, marzo',
	courseSlug: 'frontera',
	startsOn: '2026-03-01',
	endsOn: '2026-03-31',
	deadlineOn: '2026-04-15',
	requiresAttendance: false,
	inPersonOn: null,
	inPersonPlace: null,
	...over
});

/** Row counts of every table an import may write. */
async function counts(db: TestDb['db']) {
	const tables: (keyof DB)[] = ['users', 'enrolments', 'user_tokens', 'outbox', 'audit_log'];
	const out: Record<string, number> = {};
	for (const table of tables) {
		const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		out[table] = Number(r.n);
	}
	return out;
}

describe.each(DIALECTS)('cohorts on %s', (dialect) => {
	let t: TestDb;
	let course: Course;
	beforeAll(async () => {
		process.env.CERT_KEY_FILE = `/tmp/aula-test-cert-key-${process.pid}.pem`;
		t = await createTestDb(dialect);
		course = findCourse('frontera')!;
	});
	afterAll(() => t.destroy());

	async function setting() {
		const a = await newInstitution(t.db);
		const b = await newInstitution(t.db);
		const unit = await createUnit(t.db, a.id, 'Consulado General en Buenos Aires', null);
		const coordA = await newUser(t.db, { institutionId: a.id, role: 'coordinator', scope: a.id });
		const coordB = await newUser(t.db, { institutionId: b.id, role: 'coordinator', scope: b.id });
		const cohortA = await createCohort(t.db, coordA.id, a.id, form());
		const cohortB = await createCohort(t.db, coordB.id, b.id, form({ name: 'Cohorte B' }));
		return { a, b, unit, coordA, coordB, cohortA, cohortB };
	}

	it('keeps a coordinator to their own institution: cohorts, learners, imports, outbox', async () => {
		const s = await setting();
		const me = (await loadAuthUser(t.db, s.coordA.id))!;
		const outsider = await newUser(t.db, { institutionId: s.b.id });

		// The guard the cohort pages and the export call: B's cohort by URL tampering is refused.
		await expect(requireCohort(t.db, me, String(s.cohortB.id))).rejects.toMatchObject({ status: 403 });
		await expect(requireCohort(t.db, me, '999999')).rejects.toMatchObject({ status: 404 });
		await expect(requireCohort(t.db, me, String(s.cohortA.id))).resolves.toMatchObject({ id: s.cohortA.id });
		expect((await listCohorts(t.db, [s.a.id])).map((c) => c.id)).toEqual([s.cohortA.id]);

		// Enrolling someone of B into A's cohort is an error row, and importing skips it.
		const csv = `nombre,correo,unidad\n${outsider.full_name},${outsider.email},\n`;
		const preview = await previewImport(t.db, s.cohortA, csv);
		expect(preview.ok && preview.rows[0]).toMatchObject({ action: 'error', errors: ['import_error_other_institution'] });
		const result = await runImport(t.db, s.coordA.id, s.cohortA, course, csv, ORIGIN);
		expect(result).toMatchObject({ ok: true, created: 0, enrolled: 0, errors: 1 });
		const rows = await t.db.selectFrom('enrolments').select('id').where('user_id', '=', outsider.id).execute();
		expect(rows).toHaveLength(0);

		// Even a B person forced into A's cohort is not listed (nor exported) to A's coordinator.
		await t.db
			.insertInto('enrolments')
			.values({ user_id: outsider.id, course_slug: course.slug, course_version: course.version, status: 'active', source: 'coordinator', enrolled_at: '2026-03-01T00:00:00.000Z', cohort_id: s.cohortA.id })
			.execute();
		await rebuildReportRollup(t.db); // written behind the app's back: count it as the migration would
		expect(await listCohortLearners(t.db, s.cohortA, course)).toEqual([]);

		// Mails to B's people sent by B's coordinator are not in A's outbox.
		await runImport(t.db, s.coordB.id, s.cohortB, course, `Nueva B,nueva-b-${dialect}@example.org,`, ORIGIN);
		expect(await listInstitutionOutbox(t.db, s.a.id, s.coordA.id)).toEqual([]);
		expect((await listInstitutionOutbox(t.db, s.b.id, s.coordB.id)).map((m) => m.to_address)).toEqual([`nueva-b-${dialect}@example.org`]);
	});

	it('imports a CSV once: new accounts invited, colleagues enrolled; the same file again changes nothing', async () => {
		const s = await setting();
		const colleague = await newUser(t.db, { institutionId: s.a.id });
		const csv = [
			'\uFEFFnombre;correo;unidad',
			`Ana Quispe;ana-${dialect}-${s.a.id}@example.org;consulado general en buenos aires`,
			`"Mamani, Luis";luis-${dialect}-${s.a.id}@example.org;`,
			`${colleague.full_name};${colleague.email};`,
			'Sin Correo;no-es-correo;',
			`Ana Otra Vez;ANA-${dialect}-${s.a.id}@example.org;`
		].join('\r\n');
		const first = await runImport(t.db, s.coordA.id, s.cohortA, course, csv, ORIGIN);
		expect(first).toEqual({ ok: true, created: 2, enrolled: 1, unchanged: 0, errors: 2 });
		const learners = await listCohortLearners(t.db, s.cohortA, course);
		expect(learners.map((l) => l.fullName).sort()).toEqual(['Ana Quispe', 'Mamani, Luis', colleague.full_name].sort());
		expect(learners.find((l) => l.fullName === 'Ana Quispe')!.unit).toBe('Consulado General en Buenos Aires');
		const ana = await t.db.selectFrom('users').selectAll().where('email', '=', `ana-${dialect}-${s.a.id}@example.org`).executeTakeFirstOrThrow();
		expect(ana).toMatchObject({ password_hash: null, institution_id: s.a.id });
		expect(ana.email_verified_at).not.toBeNull();
		const mails = await listInstitutionOutbox(t.db, s.a.id, s.coordA.id);
		expect(mails).toHaveLength(3);
		expect(mails.find((m) => m.to_address === ana.email)!.body_text).toMatch(/\/invitacion\/[a-z2-7]+/);
		const cohorts = await listCohorts(t.db, [s.a.id]);
		expect(cohorts[0]).toMatchObject({ enrolled: 3, not_started: 3, in_progress: 0, completed: 0 });

		const before = await counts(t.db);
		const again = await runImport(t.db, s.coordA.id, s.cohortA, course, csv, ORIGIN);
		expect(again).toEqual({ ok: true, created: 0, enrolled: 0, unchanged: 3, errors: 2 });
		expect(await counts(t.db)).toEqual(before);
	});

	it('gives an uploaded file back only to who uploaded it, for the same cohort', async () => {
		const s = await setting();
		const id = await saveDraft(t.db, s.cohortA, s.coordA.id, 'Ana,ana@x.bo,');
		expect(await takeDraft(t.db, s.cohortA, s.coordA.id, id)).toBe('Ana,ana@x.bo,');
		expect(await takeDraft(t.db, s.cohortB, s.coordA.id, id)).toBeNull();
		expect(await takeDraft(t.db, s.cohortA, s.coordB.id, id)).toBeNull();
		expect(await takeDraft(t.db, s.cohortA, s.coordA.id, id, new Date(Date.now() + 25 * 3600_000))).toBeNull();
	});

	it('writes nothing when an import fails part-way', async () => {
		const s = await setting();
		const existing = await newUser(t.db, { institutionId: s.a.id });
		const rows = Array.from({ length: 700 }, (_, i) => `Persona ${i},p${i}-${dialect}-${s.a.id}@example.org,`);
		const preview = await previewImport(t.db, s.cohortA, rows.join('\n'));
		if (!preview.ok) throw new Error('no preview');
		// A bad row forced past the planner: an account that already exists, as the last of a later batch.
		const forged = [...preview.rows, { ...preview.rows[0], line: 701, email: existing.email, action: 'create' as const }];
		const before = await counts(t.db);
		await expect(applyImport(t.db, s.coordA.id, s.cohortA, course, forged)).rejects.toThrow();
		expect(await counts(t.db)).toEqual(before);
		expect(await listCohortLearners(t.db, s.cohortA, course)).toEqual([]);
	});

	it('holds completion (and the certificate) until the in-person stage is attended', async () => {
		const s = await setting();
		const trainer = await newUser(t.db, { role: 'trainer' });
		const cohort = await createCohort(t.db, s.coordA.id, s.a.id, form({ requiresAttendance: true, inPersonOn: '2026-03-20', inPersonPlace: 'Consulado, Buenos Aires' }));
		const learner = await newUser(t.db, { institutionId: s.a.id });
		const early = await newUser(t.db, { institutionId: s.a.id });
		await runImport(t.db, s.coordA.id, cohort, course, `${learner.full_name},${learner.email},\n${early.full_name},${early.email},`, ORIGIN);
		const enrolmentOf = (userId: number) => t.db.selectFrom('enrolments').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();

		// The early one attends before finishing the modules: completion then comes with the last module.
		expect(await recordAttendance(t.db, trainer.id, cohort, course, [(await enrolmentOf(early.id)).id])).toEqual({ marked: 1, completed: 0 });

		for (const userId of [learner.id, early.id]) {
			const enrolment = await enrolmentOf(userId);
			for (const m of course.modules) {
				await t.db.transaction().execute((trx) => recordQuizResult(trx, enrolment, course, m, 100, true));
				await markModuleRead(t.db, enrolment, course, m);
			}
		}
		const held = await enrolmentOf(learner.id);
		expect(held.completed_at).toBeNull();
		expect(await t.db.selectFrom('certificates').select('id').where('enrolment_id', '=', held.id).execute()).toEqual([]);
		expect((await enrolmentOf(early.id)).completed_at).not.toBeNull();

		expect(await recordAttendance(t.db, trainer.id, cohort, course, [held.id])).toEqual({ marked: 1, completed: 1 });
		const done = await enrolmentOf(learner.id);
		expect(done).toMatchObject({ status: 'completed' });
		expect(done.attended_at).not.toBeNull();
		expect(await t.db.selectFrom('certificates').select('id').where('enrolment_id', '=', held.id).execute()).toHaveLength(1);
		// Recording it twice changes nothing.
		expect(await recordAttendance(t.db, trainer.id, cohort, course, [held.id])).toEqual({ marked: 0, completed: 0 });
		const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'cohort.attendance').execute();
		expect(audit.length).toBeGreaterThanOrEqual(2);
	});

	it('withdraws a learner, keeping the enrolment and its history', async () => {
		const s = await setting();
		const learner = await newUser(t.db, { institutionId: s.a.id });
		await runImport(t.db, s.coordA.id, s.cohortA, course, `${learner.full_name},${learner.email},`, ORIGIN);
		const [row] = await listCohortLearners(t.db, s.cohortA, course);
		expect(await withdrawLearner(t.db, s.coordA.id, s.cohortB, row.enrolmentId)).toBe(false);
		expect(await withdrawLearner(t.db, s.coordA.id, s.cohortA, row.enrolmentId)).toBe(true);
		expect(await listCohortLearners(t.db, s.cohortA, course, { state: 'withdrawn' })).toHaveLength(1);
		expect((await listCohorts(t.db, [s.a.id]))[0].enrolled).toBe(0);
	});

	it('stops counting and listing a learner transferred to another institution', async () => {
		const s = await setting();
		const admin = await newUser(t.db, { role: 'admin' });
		const learner = await newUser(t.db, { institutionId: s.a.id });
		await runImport(t.db, s.coordA.id, s.cohortA, course, `${learner.full_name},${learner.email},`, ORIGIN);
		expect((await listCohorts(t.db, [s.a.id]))[0].enrolled).toBe(1);
		expect(await transferPerson(t.db, admin.id, learner.id, s.b.id)).toBe('ok');
		expect((await listCohorts(t.db, [s.a.id]))[0].enrolled).toBe(0);
		expect(await listCohortLearners(t.db, s.cohortA, course)).toEqual([]);
	});

	it('reminds only the learners who have not completed, from the coordinator, audited', async () => {
		const s = await setting();
		const [one, two] = [await newUser(t.db, { institutionId: s.a.id }), await newUser(t.db, { institutionId: s.a.id })];
		await runImport(t.db, s.coordA.id, s.cohortA, course, `${one.full_name},${one.email},\n${two.full_name},${two.email},`, ORIGIN);
		const [first] = await listCohortLearners(t.db, s.cohortA, course);
		await withdrawLearner(t.db, s.coordA.id, s.cohortA, first.enrolmentId);
		expect(await sendReminders(t.db, s.coordA.id, s.cohortA, course, ORIGIN)).toBe(1);
		const mails = await listInstitutionOutbox(t.db, s.a.id, s.coordA.id);
		expect(mails.filter((m) => m.subject.startsWith('Recordatorio')).map((m) => m.to_address)).toEqual([first.email === one.email ? two.email : one.email]);
		const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'cohort.remind').execute();
		expect(audit.length).toBeGreaterThanOrEqual(1);
	});

	it('kept the monthly report roll-up in step with every change above', async () => {
		expect(await rollupDifferences(t.db)).toEqual([]);
	});
});
