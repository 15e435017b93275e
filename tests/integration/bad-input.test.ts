/**
 * Input that used to reach the database and fail there (PostgreSQL especially) with a 500: huge
 * ids, NUL bytes, races on unique names, impossible dates; and the paginated cohort listing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { requireCohort } from '../../src/lib/server/cohorts/access';
import { runImport, saveDraft, takeDraft } from '../../src/lib/server/cohorts/import';
import { KeyForm } from '../../src/lib/server/cohorts/keys';
import {
	cohortLearnerPage,
	createCohort,
	LEARNERS_PER_PAGE,
	listCohortLearners,
	type CohortLearner
} from '../../src/lib/server/cohorts/repository';
import { CohortForm, LEARNER_FILTER_STATES } from '../../src/lib/server/cohorts/form';
import { findCourse } from '../../src/lib/server/courses/catalog';
import { isUniqueViolation } from '../../src/lib/server/db/errors';
import type { Course } from '../../src/lib/server/courses/types';
import type { DB } from '../../src/lib/server/db/schema';
import { addInstitution, addUnit } from '../../src/lib/server/institutions/admin';
import { loadAuthUser } from '../../src/lib/server/users/repository';
import { newInstitution, newUser } from '../helpers/factories';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

const ORIGIN = 'https://aula.test';
const cohortForm = {
	name: 'Cohorte de prueba',
	courseSlug: 'frontera',
	startsOn: '2026-03-01',
	endsOn: '2026-03-31',
	deadlineOn: '2026-04-15',
	requiresAttendance: false,
	inPersonOn: null,
	inPersonPlace: null
};

describe('dates that do not exist are refused', () => {
	const raw = {
		name: 'Cohorte',
		courseSlug: 'frontera',
		startsOn: '2026-03-01',
		endsOn: '2026-03-31',
		deadlineOn: '2026-04-15'
	};
	it.each([
		['startsOn', '2026-13-01'],
		['startsOn', '0000-00-00'],
		['endsOn', '2026-02-30'],
		['deadlineOn', '9999-12-31']
	])('%s = %s', (field, value) => {
		const r = CohortForm.safeParse({ ...raw, [field]: value });
		expect(r.success).toBe(false);
		expect(r.error?.issues.map((i) => i.message)).toContain('error_date_invalid');
	});
	it('and a key expiry of 9999-99-99', () => {
		expect(KeyForm.safeParse({ expiresOn: '9999-99-99' }).success).toBe(false);
		expect(KeyForm.safeParse({ expiresOn: '2027-02-28' }).data?.expiresOn).toBe('2027-02-28');
	});
});

describe.each(DIALECTS)('bad input on %s', (dialect) => {
	let t: TestDb;
	let course: Course;
	beforeAll(async () => {
		process.env.CERT_KEY_FILE = `/tmp/aula-test-cert-key-${process.pid}.pem`;
		t = await createTestDb(dialect);
		course = findCourse('frontera')!;
	});
	afterAll(() => t.destroy());

	it('answers ids past the integer range with 404, before any query', async () => {
		const inst = await newInstitution(t.db);
		const admin = (await loadAuthUser(
			t.db,
			(await newUser(t.db, { institutionId: inst.id, role: 'admin' })).id
		))!;
		for (const id of ['2147483648', '999999999999999999999', '1e+21', '-1', '0', '1.5', '12abc']) {
			await expect(requireCohort(t.db, admin, id), id).rejects.toMatchObject({ status: 404 });
		}
	});

	it('stores an uploaded CSV with NUL bytes without them', async () => {
		const inst = await newInstitution(t.db);
		const coord = await newUser(t.db, {
			institutionId: inst.id,
			role: 'coordinator',
			scope: inst.id
		});
		const cohort = await createCohort(t.db, coord.id, inst.id, cohortForm);
		const id = await saveDraft(
			t.db,
			cohort,
			coord.id,
			`Ana\u0000 Quispe;ana-nul-${dialect}@example.org;\u0000\n`
		);
		expect(await takeDraft(t.db, cohort, coord.id, id)).toBe(
			`Ana Quispe;ana-nul-${dialect}@example.org;\n`
		);
		const result = await runImport(
			t.db,
			coord.id,
			cohort,
			course,
			`Luis\u0000 Mamani;luis-nul-${dialect}@example.org;`,
			ORIGIN
		);
		expect(result).toMatchObject({ ok: true, created: 1 });
		const [learner] = await listCohortLearners(t.db, cohort, course);
		expect(learner.fullName).toBe('Luis Mamani');
	});

	// Two connections race for real on PostgreSQL; SQLite's IMMEDIATE transactions queue the same
	// requests, and better-sqlite3 connections in one process would block each other, so one is used.
	let second: Kysely<DB> | undefined;
	/** `n` calls of `run` at the same moment, alternating between two app instances' connections. */
	const race = <T>(n: number, run: (db: Kysely<DB>) => Promise<T>) => {
		const other = (second ??= dialect === 'postgres' ? t.openSecond() : t.db);
		return Promise.all(Array.from({ length: n }, (_, i) => run(i % 2 ? other : t.db)));
	};

	it('recognises a unique violation on this dialect', async () => {
		const name = `Ministerio Único ${dialect}`;
		const row = {
			name,
			short_name: null,
			country: 'BO' as const,
			sector: 'government',
			department: null,
			created_at: new Date().toISOString()
		};
		await t.db.insertInto('institutions').values(row).execute();
		const error = await t.db
			.insertInto('institutions')
			.values(row)
			.execute()
			.catch((e: unknown) => e);
		expect(isUniqueViolation(error)).toBe(true);
	});

	it('creates an institution or a unit once when two instances create it at the same moment', async () => {
		const admin = await newUser(t.db, { role: 'admin' });
		const form = {
			name: `Defensoría del Pueblo ${dialect}`,
			shortName: null,
			country: 'BO' as const,
			sector: 'justice' as const,
			department: null
		};
		const made = await race(6, (db) => addInstitution(db, admin.id, form));
		expect(made.filter((r) => r !== 'duplicate')).toHaveLength(1);
		const inst = made.find((r) => r !== 'duplicate')!;
		const units = await race(6, (db) => addUnit(db, admin.id, inst.id, 'Oficina Central', null));
		expect(units.filter((r) => r !== 'duplicate')).toHaveLength(1);
	});

	it('imports the same file from two instances at once without an error: one set of accounts', async () => {
		const inst = await newInstitution(t.db);
		const coord = await newUser(t.db, {
			institutionId: inst.id,
			role: 'coordinator',
			scope: inst.id
		});
		const cohort = await createCohort(t.db, coord.id, inst.id, cohortForm);
		const csv = Array.from(
			{ length: 40 },
			(_, i) => `Persona Paralela;par-${i}-${dialect}@example.org;`
		).join('\n');
		const results = await race(4, (db) => runImport(db, coord.id, cohort, course, csv, ORIGIN));
		for (const r of results) expect(r.ok || r.reason === 'conflict').toBe(true);
		expect(results.reduce((n, r) => n + (r.ok ? r.created : 0), 0)).toBe(40);
		expect(await listCohortLearners(t.db, cohort, course)).toHaveLength(40);
	});

	it('pages and filters the learners of a large cohort in the database, agreeing with the listing', async () => {
		const inst = await newInstitution(t.db);
		const coord = await newUser(t.db, {
			institutionId: inst.id,
			role: 'coordinator',
			scope: inst.id
		});
		const cohort = await createCohort(t.db, coord.id, inst.id, cohortForm);
		const csv = Array.from(
			{ length: 130 },
			(_, i) => `Persona ${String(i).padStart(3, '0')};page-${i}-${dialect}@example.org;`
		).join('\n');
		expect(await runImport(t.db, coord.id, cohort, course, csv, ORIGIN)).toMatchObject({
			ok: true,
			created: 130
		});
		const all = await listCohortLearners(t.db, cohort, course);
		// Some progress (i % 5 modules read and passed), some completed, some withdrawn.
		for (const [i, l] of all.entries()) {
			const done = i % (course.modules.length + 1);
			for (const m of course.modules.slice(0, done)) {
				await t.db
					.insertInto('module_progress')
					.values({
						enrolment_id: l.enrolmentId,
						module_slug: m.slug,
						read_at: '2026-03-02T00:00:00.000Z',
						passed_at: '2026-03-02T00:00:00.000Z',
						quiz_percent: 100,
						completed_at: '2026-03-02T00:00:00.000Z'
					})
					.execute();
			}
			if (i % 7 === 0)
				await t.db
					.updateTable('enrolments')
					.set({ completed_at: '2026-03-05T00:00:00.000Z' })
					.where('id', '=', l.enrolmentId)
					.execute();
			if (i % 11 === 0)
				await t.db
					.updateTable('enrolments')
					.set({ status: 'withdrawn', withdrawn_at: '2026-03-05T00:00:00.000Z' })
					.where('id', '=', l.enrolmentId)
					.execute();
		}
		const during = new Date('2026-03-20T12:00:00Z');
		const afterDeadline = new Date('2026-05-01T12:00:00Z');
		for (const now of [during, afterDeadline]) {
			const everyone = await listCohortLearners(t.db, cohort, course, {}, now);
			const expected = (state: (typeof LEARNER_FILTER_STATES)[number], l: CohortLearner) =>
				state === 'overdue' ? l.overdue : state === 'behind' ? l.behind : l.state === state;
			for (const state of LEARNER_FILTER_STATES) {
				const want = everyone.filter((l) => expected(state, l)).map((l) => l.enrolmentId);
				const got = (await listCohortLearners(t.db, cohort, course, { state }, now)).map(
					(l) => l.enrolmentId
				);
				expect(got, `${state} at ${now.toISOString()}`).toEqual(want);
			}
		}
		const first = await cohortLearnerPage(t.db, cohort, course, {}, 1, during);
		expect(first).toMatchObject({ matching: 130, page: 1, pages: 3 });
		expect(first.learners).toHaveLength(LEARNERS_PER_PAGE);
		expect(first.learners[0].fullName).toBe('Persona 000');
		const last = await cohortLearnerPage(t.db, cohort, course, {}, 99, during);
		expect(last.page).toBe(3);
		expect(last.learners.map((l) => l.fullName)).toEqual(all.slice(100).map((l) => l.fullName));
		const search = await cohortLearnerPage(t.db, cohort, course, { q: 'persona 12' }, 1, during);
		expect(search.learners.map((l) => l.fullName)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Persona 12${i}`)
		);
		expect(search.matching).toBe(10);
	});
});
