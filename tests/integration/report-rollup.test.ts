/**
 * The monthly report roll-up: kept in step by the application's own writes, filled by its
 * migration from data already there, and safe when two app instances change one person at once.
 * (Every integration suite that writes through the app also ends by checking it: see
 * rollupDifferences.)
 */
import { describe, expect, it } from 'vitest';
import { backfill } from '../../migrations/2026-11-23-07-report-rollup';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { Course } from '../../src/lib/server/courses/types';
import { enrol, recordVisit } from '../../src/lib/server/enrolment/repository';
import { transferPerson } from '../../src/lib/server/institutions/merge';
import { councilReport } from '../../src/lib/server/reports/query';
import { rollupRows, trackReportFacts } from '../../src/lib/server/reports/rollup';
import { newInstitution, newUser } from '../helpers/factories';
import { courseVersion, enrolmentAt, reportLearner } from '../helpers/report-fixtures';
import { useTestDb, DIALECTS, rollupDifferences } from '../helpers/test-db';

const YEAR = {
	from: '2026-01-01',
	to: '2026-12-31',
	country: 'all',
	course: null,
	department: null
} as const;

describe.each(DIALECTS)('report roll-up on %s', (dialect) => {
	const t = useTestDb(dialect);
	const course = findCourse('frontera')!;

	const activeByMonth = async (institutionId: number) =>
		Object.fromEntries(
			(await rollupRows(t.db, { first: '2026-01', last: '2026-12' }))
				.filter((r) => r.institutionId === institutionId && r.active !== 0)
				.map((r) => [r.month, r.active])
		);

	it('moves an enrolment to the month of its latest activity, and only then', async () => {
		const inst = await newInstitution(t.db);
		const user = await newUser(t.db, { institutionId: inst.id });
		const enrolment = await enrol(t.db, user.id, course, 'self', new Date('2026-03-10T10:00:00Z'));
		expect(await activeByMonth(inst.id)).toEqual({ '2026-03': 1 });
		// Same month: the quick path, nothing moves.
		await recordVisit(t.db, enrolment, course.modules[0].slug, new Date('2026-03-20T10:00:00Z'));
		expect(await activeByMonth(inst.id)).toEqual({ '2026-03': 1 });
		// A new month: March loses it, May gains it; the report says so.
		await recordVisit(t.db, enrolment, course.modules[0].slug, new Date('2026-05-02T10:00:00Z'));
		expect(await activeByMonth(inst.id)).toEqual({ '2026-05': 1 });
		const report = await councilReport(t.db, YEAR);
		const months = Object.fromEntries(report.months.map((m) => [m.month, m.figures]));
		expect([
			months['2026-03'].enrolled,
			months['2026-03'].active,
			months['2026-05'].active
		]).toEqual([1, 0, 1]);
		expect(await rollupDifferences(t.db)).toEqual([]);
	});

	it('follows a person to their new institution', async () => {
		const [from, to] = [await newInstitution(t.db), await newInstitution(t.db)];
		const admin = await newUser(t.db, { role: 'admin' });
		const user = await newUser(t.db, { institutionId: from.id });
		await enrol(t.db, user.id, course, 'self', new Date('2026-04-01T10:00:00Z'));
		const enrolledIn = async (id: number) =>
			(await councilReport(t.db, YEAR)).groups.find((g) => g.id === id)?.figures.enrolled ?? 0;
		expect([await enrolledIn(from.id), await enrolledIn(to.id)]).toEqual([1, 0]);
		expect(await transferPerson(t.db, admin.id, user.id, to.id)).toBe('ok');
		expect([await enrolledIn(from.id), await enrolledIn(to.id)]).toEqual([0, 1]);
		expect(await rollupDifferences(t.db)).toEqual([]);
	});

	it('is filled by its migration from the enrolments and certificates already there', async () => {
		const inst = await newInstitution(t.db);
		const learner = await reportLearner(t.db, 'Persona Histórica', 'PE', inst.id);
		await courseVersion(
			t.db,
			'historico',
			'h1',
			'Curso Histórico',
			2.5,
			'2024-01-01T00:00:00.000Z'
		);
		// Written directly, as rows that existed before the roll-up did.
		await enrolmentAt(t.db, {
			userId: learner.id,
			course: 'historico',
			version: 'h1',
			status: 'completed',
			enrolledAt: '2024-05-02T00:00:00.000Z',
			lastActivityAt: '2024-06-30T23:59:59.999Z',
			completedAt: '2024-06-30T23:59:59.999Z',
			completedVersion: 'h1',
			finalScore: 87.35
		});
		expect((await rollupDifferences(t.db)).length).toBeGreaterThan(0);
		await t.db.deleteFrom('report_rollup').execute();
		await backfill(t.db as unknown as Parameters<typeof backfill>[0]);
		expect(await rollupDifferences(t.db)).toEqual([]);
		const [june] = (await rollupRows(t.db, { first: '2024-06', last: '2024-06' })).filter(
			(r) => r.institutionId === inst.id
		);
		expect(june).toMatchObject({
			completed: 1,
			scoreCenti: 8735,
			scoreCount: 1,
			hoursCenti: 250,
			country: 'PE'
		});
	});

	it('counts each change once when two app instances change one person at the same time', async () => {
		const inst = await newInstitution(t.db);
		const user = await newUser(t.db, { institutionId: inst.id });
		const enrolment = await enrol(t.db, user.id, course, 'self', new Date('2026-01-05T10:00:00Z'));
		// better-sqlite3 is synchronous, so on SQLite both "instances" share one connection (as one
		// app does); on PostgreSQL they are two pools, and the person's row lock orders them.
		const second = dialect === 'sqlite' ? t.db : t.openSecond();
		const visits = Array.from({ length: 12 }, (_, i) => {
			const at = new Date(Date.UTC(2026, i % 12, 15, 10));
			return recordVisit(i % 2 ? second : t.db, enrolment, course.modules[0].slug, at);
		});
		await Promise.all(visits);
		const active = Object.values(await activeByMonth(inst.id)).reduce((a, b) => a + b, 0);
		expect(active).toBe(1);
		expect(await rollupDifferences(t.db)).toEqual([]);
	});

	it('counts a change once when tracked changes nest in one transaction', async () => {
		const inst = await newInstitution(t.db);
		const user = await newUser(t.db, { institutionId: inst.id });
		// enrol() tracks itself; here it runs inside an outer tracked change of the same person.
		await trackReportFacts(t.db, [user.id], (trx) =>
			enrol(trx, user.id, course, 'self', new Date('2026-02-02T10:00:00Z'))
		);
		expect(await activeByMonth(inst.id)).toEqual({ '2026-02': 1 });
		expect(await rollupDifferences(t.db)).toEqual([]);
	});
});
