/**
 * Every report figure against a data set small enough to count by hand. The hand count is written
 * beside the data; period: 2025-03-01 to 2025-05-31, i.e. 2025-03-01T00:00:00.000Z ≤ date <
 * 2025-06-01T00:00:00.000Z.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figures, ReportData } from '../../src/lib/server/reports/aggregate';
import {
	enrolmentExportRows,
	institutionPeople,
	type EnrolmentExportRow
} from '../../src/lib/server/reports/enrolment-rows';
import {
	NO_DEPARTMENT,
	periodBounds,
	type ReportFilter
} from '../../src/lib/server/reports/filters';
import { assembleReport, foldFactRows } from '../../src/lib/server/reports/aggregate';
import { factRows } from '../../src/lib/server/reports/fact-rows';
import { peopleTrained } from '../../src/lib/server/reports/people-trained';
import {
	councilReport,
	institutionReport,
	personFilter,
	reportFacts,
	reportNames,
	reportOptions
} from '../../src/lib/server/reports/query';
import { rebuildReportRollup } from '../../src/lib/server/reports/rollup';
import {
	certificateAt,
	courseVersion,
	enrolmentAt,
	reportInstitution,
	reportLearner,
	reportUnit
} from '../helpers/report-fixtures';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db';

const PERIOD: ReportFilter = {
	from: '2025-03-01',
	to: '2025-05-31',
	country: 'all',
	course: null,
	department: null
};

/*
 * People                                   department (unit's, else institution's)
 *   p1 Ana    Alfa (BO, La Paz), unit Oruro   Oruro
 *   p2 Bruno  Alfa, no unit                   La Paz
 *   p5 Carla  Alfa, unit Central (no dept.)   La Paz
 *   p3 Diego  Beta (PE, no department)        Sin departamento
 *   p4 Elena  no institution (BO)             Sin departamento
 * Course versions: c1/c1v1 4 h, c1/c1v2 5 h (newer title "Curso Uno, 2.ª ed."), c2/c2v1 2.5 h.
 *
 * Enrolment  who course status     enrolled       last activity   completed (version, score)   certificate
 *   e1       p1  c1  completed     03-01 00:00 ✓  04-10 ✓         04-10 ✓ (c1v2 5 h, 80)        04-11 ✓
 *   e2       p1  c2  completed     02-28 23:59 ✗  05-31 23:59 ✓   05-31 23:59 ✓ (c2v1 2.5 h, 90) 06-01 00:00 ✗
 *   e3       p2  c1  withdrawn     03-20 (✗ withdrawn) 03-21 ✓    —                              —
 *   e4       p2  c2  active        05-05 ✓        06-02 ✗         —                              —
 *   e5       p3  c1  completed     04-01 ✓        06-15 ✗         06-15 ✗ (c1v1, 70)             06-15 ✗
 *   e6       p3  c2  completed     2024-12-01 ✗   03-05 ✓         03-05 ✓ (c2v1 2.5 h, 60)       03-05 ✓ revoked
 *   e7       p4  c1  active        04-20 ✓        05-01 ✓         —                              —
 *   e8       p4  c2  completed     01-10 ✗        02-01 ✗         02-01 ✗ (c2v1, 50)             02-01 ✗
 *   e9       p5  c1  completed     03-10 ✓        03-25 ✓         03-25 ✓ (c1v1 4 h, no score)   03-26 ✓
 *
 * Totals: enrolled e1 e4 e5 e7 e9 = 5; of those completed (ever) e1 e5 e9 = 3 → rate 3/5 = 0.6;
 * active e1 e2 e3 e6 e7 e9 = 6; completed e1 e2 e6 e9 = 4; mean score (80 + 90 + 60) / 3 = 76.67
 * (e9 has none); certificates e1 e9 = 2, revoked e6 = 1; hours 5 + 2.5 + 2.5 + 4 = 14;
 * people trained p1 p3 p5 = 3.
 */
type Expected = Omit<Figures, 'completionRate' | 'averageScore'> & {
	completionRate: number | null;
	averageScore: number | null;
};
const fig = (
	enrolled: number,
	rate: number | null,
	active: number,
	completed: number,
	averageScore: number | null,
	certificates: number,
	revoked: number,
	hours: number,
	trained: number | null
): Expected => ({
	enrolled,
	completionRate: rate,
	active,
	completed,
	averageScore,
	certificates,
	revoked,
	hours,
	trained
});

function expectFigures(actual: Figures | undefined, expected: Expected, label: string) {
	expect(actual, label).toBeDefined();
	const { completionRate, averageScore, ...exact } = expected;
	const { completionRate: rate, averageScore: score, ...rest } = actual!;
	expect(rest, label).toEqual(exact);
	for (const [got, want, name] of [
		[rate, completionRate, 'completionRate'],
		[score, averageScore, 'averageScore']
	] as const) {
		if (want === null) expect(got, `${label} ${name}`).toBeNull();
		else expect(got, `${label} ${name}`).toBeCloseTo(want, 10);
	}
}

const TOTAL = fig(5, 3 / 5, 6, 4, 230 / 3, 2, 1, 14, 3);
// Bolivia: p1 p2 p4 p5 → enrolled e1 e4 e7 e9 = 4 (completed e1 e9 → 0.5); active e1 e2 e3 e7 e9 = 5;
// completed e1 e2 e9 = 3, mean (80 + 90) / 2 = 85; certificates e1 e9 = 2; hours 5 + 2.5 + 4 = 11.5; trained p1 p5.
const BOLIVIA = fig(4, 0.5, 5, 3, 85, 2, 0, 11.5, 2);
// Perú: p3 → enrolled e5 (completed later) → 1/1; active e6; completed e6 (60, 2.5 h); e6's certificate revoked.
const PERU = fig(1, 1, 1, 1, 60, 0, 1, 2.5, 1);
// Alfa: p1 p2 p5 → enrolled e1 e4 e9 = 3 (e1 e9 completed → 2/3); active e1 e2 e3 e9 = 4; completed e1 e2 e9 = 3
// (mean 85); certificates e1 e9; hours 11.5; trained p1 p5.
const ALFA = fig(3, 2 / 3, 4, 3, 85, 2, 0, 11.5, 2);
// No institution: p4 → enrolled e7 (not completed → 0/1); active e7; nothing else (e8 is all before the period).
const NONE = fig(1, 0, 1, 0, null, 0, 0, 0, 0);
// c1: e1 e3 e5 e7 e9 → enrolled e1 e5 e7 e9 = 4 (e1 e5 e9 completed → 0.75); active e1 e3 e7 e9 = 4;
// completed e1 e9 = 2 (mean 80; e9 none); certificates e1 e9; hours 5 + 4 = 9; trained = completions = 2.
const C1 = fig(4, 0.75, 4, 2, 80, 2, 0, 9, 2);
// c2: e2 e4 e6 e8 → enrolled e4 (0/1); active e2 e6; completed e2 e6 (mean 75); revoked e6; hours 5.
const C2 = fig(1, 0, 2, 2, 75, 0, 1, 5, 2);
// Months: March: enrolled e1 e9 (both completed → 1); active e3 e6 e9; completed e6 e9 (mean 60); certificate e9,
// revoked e6; hours 2.5 + 4. April: enrolled e5 e7 (e5 completed → 0.5); active e1; completed e1 (80, 5 h);
// certificate e1. May: enrolled e4 (0/1); active e2 e7; completed e2 (90, 2.5 h).
const MARCH = fig(2, 1, 3, 2, 60, 1, 1, 6.5, null);
const APRIL = fig(2, 0.5, 1, 1, 80, 1, 0, 5, null);
const MAY = fig(1, 0, 2, 1, 90, 0, 0, 2.5, null);

describe.each(DIALECTS)('reports on %s', (dialect) => {
	let t: TestDb;
	let alfa: { id: number; name: string; country: 'BO' | 'PE' };
	let beta: { id: number };
	let units: { oruro: number; central: number };
	const rowsOf = async (f: ReportFilter, pageSize?: number) => {
		const pages: EnrolmentExportRow[][] = [];
		for await (const page of enrolmentExportRows(t.db, f, undefined, pageSize)) pages.push(page);
		return pages;
	};

	beforeAll(async () => {
		t = await createTestDb(dialect);
		const db = t.db;
		alfa = await reportInstitution(db, 'Institución Alfa', 'BO', 'La Paz');
		beta = await reportInstitution(db, 'Institución Beta', 'PE', null);
		units = {
			oruro: (await reportUnit(db, alfa.id, 'Unidad Oruro', 'Oruro')).id,
			central: (await reportUnit(db, alfa.id, 'Unidad Central', null)).id
		};
		const p1 = await reportLearner(db, 'Ana Alfa', 'BO', alfa.id, units.oruro);
		const p2 = await reportLearner(db, 'Bruno Alfa', 'BO', alfa.id);
		const p5 = await reportLearner(db, 'Carla Alfa', 'BO', alfa.id, units.central);
		const p3 = await reportLearner(db, 'Diego Beta', 'PE', beta.id);
		const p4 = await reportLearner(db, 'Elena Sin Institución', 'BO', null);
		await courseVersion(db, 'c1', 'c1v1', 'Curso Uno', 4, '2024-01-01T00:00:00.000Z');
		await courseVersion(db, 'c1', 'c1v2', 'Curso Uno, 2.ª ed.', 5, '2025-01-01T00:00:00.000Z');
		await courseVersion(db, 'c2', 'c2v1', 'Curso Dos', 2.5, '2024-01-01T00:00:00.000Z');
		const done = (at: string, version: string, score: number | null) => ({
			status: 'completed' as const,
			lastActivityAt: at,
			completedAt: at,
			completedVersion: version,
			finalScore: score
		});
		const e1 = await enrolmentAt(db, {
			userId: p1.id,
			course: 'c1',
			version: 'c1v1',
			enrolledAt: '2025-03-01T00:00:00.000Z',
			...done('2025-04-10T12:00:00.000Z', 'c1v2', 80)
		});
		await certificateAt(db, e1, '2025-04-11T09:00:00.000Z');
		const e2 = await enrolmentAt(db, {
			userId: p1.id,
			course: 'c2',
			version: 'c2v1',
			enrolledAt: '2025-02-28T23:59:59.999Z',
			...done('2025-05-31T23:59:59.999Z', 'c2v1', 90)
		});
		await certificateAt(db, e2, '2025-06-01T00:00:00.000Z');
		await enrolmentAt(db, {
			userId: p2.id,
			course: 'c1',
			version: 'c1v1',
			status: 'withdrawn',
			enrolledAt: '2025-03-20T10:00:00.000Z',
			lastActivityAt: '2025-03-21T10:00:00.000Z'
		});
		await enrolmentAt(db, {
			userId: p2.id,
			course: 'c2',
			version: 'c2v1',
			status: 'active',
			enrolledAt: '2025-05-05T10:00:00.000Z',
			lastActivityAt: '2025-06-02T10:00:00.000Z'
		});
		const e5 = await enrolmentAt(db, {
			userId: p3.id,
			course: 'c1',
			version: 'c1v1',
			enrolledAt: '2025-04-01T10:00:00.000Z',
			...done('2025-06-15T10:00:00.000Z', 'c1v1', 70)
		});
		await certificateAt(db, e5, '2025-06-15T10:00:00.000Z');
		const e6 = await enrolmentAt(db, {
			userId: p3.id,
			course: 'c2',
			version: 'c2v1',
			enrolledAt: '2024-12-01T10:00:00.000Z',
			...done('2025-03-05T10:00:00.000Z', 'c2v1', 60)
		});
		await certificateAt(db, e6, '2025-03-05T11:00:00.000Z', '2025-03-10T00:00:00.000Z');
		await enrolmentAt(db, {
			userId: p4.id,
			course: 'c1',
			version: 'c1v1',
			status: 'active',
			enrolledAt: '2025-04-20T10:00:00.000Z',
			lastActivityAt: '2025-05-01T10:00:00.000Z'
		});
		const e8 = await enrolmentAt(db, {
			userId: p4.id,
			course: 'c2',
			version: 'c2v1',
			enrolledAt: '2025-01-10T10:00:00.000Z',
			...done('2025-02-01T10:00:00.000Z', 'c2v1', 50)
		});
		await certificateAt(db, e8, '2025-02-01T10:00:00.000Z');
		const e9 = await enrolmentAt(db, {
			userId: p5.id,
			course: 'c1',
			version: 'c1v1',
			enrolledAt: '2025-03-10T10:00:00.000Z',
			...done('2025-03-25T10:00:00.000Z', 'c1v1', null)
		});
		await certificateAt(db, e9, '2025-03-26T10:00:00.000Z');
		// The rows above were written directly (as seed:large does), so the roll-up is rebuilt once.
		await rebuildReportRollup(db);
	});
	afterAll(() => t.destroy());

	it('counts every figure of the Council report: totals, countries, institutions, courses, months', async () => {
		const r = await councilReport(t.db, PERIOD);
		expectFigures(r.total, TOTAL, 'total');
		expect(r.countries.map((c) => c.country)).toEqual(['BO', 'PE']);
		expectFigures(r.countries[0].figures, BOLIVIA, 'Bolivia');
		expectFigures(r.countries[1].figures, PERU, 'Perú');
		expect(r.groups.map((g) => [g.name, g.country])).toEqual([
			['Institución Alfa', 'BO'],
			['Institución Beta', 'PE'],
			[null, null]
		]);
		expectFigures(r.groups[0].figures, ALFA, 'Alfa');
		expectFigures(r.groups[1].figures, PERU, 'Beta');
		expectFigures(r.groups[2].figures, NONE, 'no institution');
		expect(r.courses.map((c) => [c.slug, c.title])).toEqual([
			['c2', 'Curso Dos'],
			['c1', 'Curso Uno, 2.ª ed.']
		]);
		expectFigures(r.courses[0].figures, C2, 'c2');
		expectFigures(r.courses[1].figures, C1, 'c1');
		expect(r.months.map((m) => m.month)).toEqual(['2025-03', '2025-04', '2025-05']);
		expectFigures(r.months[0].figures, MARCH, 'March');
		expectFigures(r.months[1].figures, APRIL, 'April');
		expectFigures(r.months[2].figures, MAY, 'May');
	});

	it('filters by country: Bolivia alone is the Bolivian column of the binational view', async () => {
		const r = await councilReport(t.db, { ...PERIOD, country: 'BO' });
		expectFigures(r.total, BOLIVIA, 'total');
		expect(r.countries.map((c) => c.country)).toEqual(['BO']);
		expect(r.groups.map((g) => g.name)).toEqual(['Institución Alfa', null]);
		expectFigures(r.groups[0].figures, ALFA, 'Alfa');
		expectFigures(r.groups[1].figures, NONE, 'no institution');
		const peru = await councilReport(t.db, { ...PERIOD, country: 'PE' });
		expectFigures(peru.total, PERU, 'Perú');
	});

	it('filters by course, keeping the binational split', async () => {
		const r = await councilReport(t.db, { ...PERIOD, course: 'c1' });
		// c1 with people trained = p1 (e1) and p5 (e9).
		expectFigures(r.total, C1, 'total');
		// c1 in Bolivia: e1 e3 e7 e9 → enrolled e1 e7 e9 (e1 e9 completed → 2/3); active e1 e3 e7 e9; completed e1 e9
		// (mean 80); certificates e1 e9; hours 9; trained 2. In Perú: e5 → enrolled 1 (completed later → 1/1).
		expectFigures(r.countries[0].figures, fig(3, 2 / 3, 4, 2, 80, 2, 0, 9, 2), 'c1 Bolivia');
		expectFigures(r.countries[1].figures, fig(1, 1, 0, 0, null, 0, 0, 0, 0), 'c1 Perú');
		expect(r.courses.map((c) => c.slug)).toEqual(['c1']);
	});

	it('filters by department: unit first, then institution, else none', async () => {
		// La Paz: p2 (Alfa, no unit) and p5 (unit without department) → e3 e4 e9: enrolled e4 e9 (e9 completed → 0.5);
		// active e3 e9; completed e9 (no score, 4 h); certificate e9; trained p5.
		const laPaz = await councilReport(t.db, { ...PERIOD, department: 'La Paz' });
		expectFigures(laPaz.total, fig(2, 0.5, 2, 1, null, 1, 0, 4, 1), 'La Paz');
		// Oruro: p1 → e1 e2: enrolled e1 (completed → 1); active e1 e2; completed e1 e2 (mean 85, 7.5 h); certificate e1.
		const oruro = await councilReport(t.db, { ...PERIOD, department: 'Oruro' });
		expectFigures(oruro.total, fig(1, 1, 2, 2, 85, 1, 0, 7.5, 1), 'Oruro');
		// None: p3 and p4 → e5 e6 e7 e8: enrolled e5 e7 (e5 completed → 0.5); active e6 e7; completed e6 (60, 2.5 h),
		// its certificate revoked; trained p3.
		const none = await councilReport(t.db, { ...PERIOD, department: NO_DEPARTMENT });
		expectFigures(none.total, fig(2, 0.5, 2, 1, 60, 0, 1, 2.5, 1), 'no department');
		// La Paz by institution and month: all of it is Alfa's; March: enrolled e9 (completed → 1), active e3 e9,
		// completed e9 (4 h), certificate e9; April nothing; May: enrolled e4 (→ 0).
		expect(laPaz.groups.map((g) => g.name)).toEqual(['Institución Alfa']);
		expectFigures(laPaz.groups[0].figures, fig(2, 0.5, 2, 1, null, 1, 0, 4, 1), 'La Paz, Alfa');
		expectFigures(laPaz.months[0].figures, fig(1, 1, 2, 1, null, 1, 0, 4, null), 'La Paz, March');
		expectFigures(
			laPaz.months[1].figures,
			fig(0, null, 0, 0, null, 0, 0, 0, null),
			'La Paz, April'
		);
		expectFigures(laPaz.months[2].figures, fig(1, 0, 0, 0, null, 0, 0, 0, null), 'La Paz, May');
	});

	it('counts the days of a month the period cuts from the enrolments themselves', async () => {
		// 2025-03-06 to 2025-05-31: March is cut, so e1's enrolment (03-01) and all of e6 (03-05) fall
		// out. Enrolled e4 e5 e7 e9 (e5 e9 completed → 0.5); active e1 e2 e3 e7 e9; completed e1 e2 e9
		// (mean 85, 11.5 h); certificates e1 e9; trained p1 p5.
		const r = await councilReport(t.db, { ...PERIOD, from: '2025-03-06' });
		expectFigures(r.total, fig(4, 0.5, 5, 3, 85, 2, 0, 11.5, 2), 'from 6 March');
		// April 10 alone: e1 completed and last active that day (80, 5 h); p1 trained.
		const day = await councilReport(t.db, { ...PERIOD, from: '2025-04-10', to: '2025-04-10' });
		expectFigures(day.total, fig(0, null, 1, 1, 80, 0, 0, 5, 1), '10 April');
	});

	it('gets the same report from the roll-up as from the enrolments, whatever days the period cuts', async () => {
		const now = new Date('2026-01-01T00:00:00Z');
		const names = await reportNames(t.db, null);
		const periods = [
			PERIOD,
			{ from: '2025-03-05', to: '2025-05-30' },
			{ from: '2025-02-28', to: '2025-04-10' },
			{ from: '2024-12-01', to: '2025-06-30' },
			{ from: '2025-05-31', to: '2025-06-01' }
		];
		const filters: [Partial<ReportFilter>, { institutionId: number | null }][] = [
			[{}, { institutionId: null }],
			[{ department: 'La Paz' }, { institutionId: null }],
			[{ department: NO_DEPARTMENT, course: 'c2' }, { institutionId: null }],
			[{}, { institutionId: alfa.id }],
			[{ country: 'PE' }, { institutionId: null }]
		];
		for (const period of periods) {
			for (const [extra, scope] of filters) {
				const f = { ...PERIOD, ...period, ...extra };
				const assemble = (facts: Awaited<ReturnType<typeof reportFacts>>) =>
					assembleReport({ kind: 'council', filter: f, institution: null, ...facts, names, now });
				const fromEnrolments = {
					...foldFactRows(
						await factRows(t.db, {
							window: periodBounds(f),
							person: personFilter(f, scope),
							course: f.course
						})
					),
					trained: await peopleTrained(t.db, f, scope)
				};
				expect(assemble(await reportFacts(t.db, f, scope)), JSON.stringify([f, scope])).toEqual(
					assemble(fromEnrolments)
				);
			}
		}
	});

	it('breaks an institution down by unit and lists its own people only', async () => {
		const r = await institutionReport(t.db, alfa, PERIOD);
		expectFigures(r.total, ALFA, 'Alfa');
		expect(r.groups.map((g) => g.name)).toEqual(['Unidad Central', 'Unidad Oruro', null]);
		// Central (p5): e9 → enrolled 1 (completed → 1), active 1, completed 1 (no score, 4 h), certificate 1.
		expectFigures(r.groups[0].figures, fig(1, 1, 1, 1, null, 1, 0, 4, 1), 'Central');
		// Oruro (p1): e1 e2 → enrolled e1 (→ 1), active 2, completed 2 (mean 85, 7.5 h), certificate e1.
		expectFigures(r.groups[1].figures, fig(1, 1, 2, 2, 85, 1, 0, 7.5, 1), 'Oruro');
		// No unit (p2): e3 e4 → enrolled e4 (→ 0), active e3.
		expectFigures(r.groups[2].figures, fig(1, 0, 1, 0, null, 0, 0, 0, 0), 'no unit');
		// Its months: March: enrolled e1 e9 (both completed → 1); active e3 e9; completed e9 (no score, 4 h);
		// certificate e9. April: active e1; completed e1 (80, 5 h); certificate e1. May: enrolled e4 (→ 0);
		// active e2; completed e2 (90, 2.5 h).
		expect(r.months.map((m) => m.month)).toEqual(['2025-03', '2025-04', '2025-05']);
		expectFigures(r.months[0].figures, fig(2, 1, 2, 1, null, 1, 0, 4, null), 'Alfa March');
		expectFigures(r.months[1].figures, fig(0, null, 1, 1, 80, 1, 0, 5, null), 'Alfa April');
		expectFigures(r.months[2].figures, fig(1, 0, 1, 1, 90, 0, 0, 2.5, null), 'Alfa May');
		// Its courses: c1 (e1 e3 e9): enrolled e1 e9 (→ 1), active e1 e3 e9, completed e1 e9 (80; 9 h), 2 certificates.
		// c2 (e2 e4): enrolled e4 (→ 0), active e2, completed e2 (90, 2.5 h); e2's certificate is in June.
		expect(r.courses.map((c) => c.slug)).toEqual(['c2', 'c1']);
		expectFigures(r.courses[0].figures, fig(1, 0, 1, 1, 90, 0, 0, 2.5, 1), 'Alfa c2');
		expectFigures(r.courses[1].figures, fig(2, 1, 3, 2, 80, 2, 0, 9, 2), 'Alfa c1');
		// With a course chosen, the same single pass keeps only that course.
		const alfaC2 = await institutionReport(t.db, alfa, { ...PERIOD, course: 'c2' });
		expectFigures(alfaC2.total, fig(1, 0, 1, 1, 90, 0, 0, 2.5, 1), 'Alfa, c2 only');

		// In the period: e1 e2 (Ana), e3 e4 (Bruno), e9 (Carla); nobody from Beta or without institution.
		const people = await institutionPeople(t.db, alfa.id, PERIOD, { limit: 50, offset: 0 });
		expect(people.total).toBe(5);
		expect(people.rows.map((p) => [p.fullName, p.course, p.status])).toEqual([
			['Ana Alfa', 'c1', 'completed'],
			['Ana Alfa', 'c2', 'completed'],
			['Bruno Alfa', 'c1', 'withdrawn'],
			['Bruno Alfa', 'c2', 'active'],
			['Carla Alfa', 'c1', 'completed']
		]);
		const second = await institutionPeople(t.db, alfa.id, PERIOD, { limit: 2, offset: 2 });
		expect(second.rows.map((p) => p.fullName)).toEqual(['Bruno Alfa', 'Bruno Alfa']);
		// Beta's report lists Diego's two enrolments (e5 created, e6 completed in the period), and only his.
		const betaPeople = await institutionPeople(t.db, beta.id, PERIOD, { limit: 50, offset: 0 });
		expect(betaPeople.rows.map((p) => [p.fullName, p.course])).toEqual([
			['Diego Beta', 'c1'],
			['Diego Beta', 'c2']
		]);
	});

	it('exports the enrolments of the period in pages, without names', async () => {
		// Every enrolment but e8 touches the period: 8 rows, in pages of 3.
		const pages = await rowsOf(PERIOD, 3);
		expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
		const rows = pages.flat();
		expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
		expect(new Set(rows.map((r) => r.id)).size).toBe(8);
		for (const r of rows) expect(Object.keys(r)).not.toContain('fullName');
		expect(JSON.stringify(rows)).not.toMatch(/Ana|Bruno|Carla|Diego|Elena|example\.org/);
		const e1 = rows.find((r) => r.enrolledAt === '2025-03-01T00:00:00.000Z')!;
		expect(e1).toMatchObject({
			country: 'BO',
			institution: 'Institución Alfa',
			unit: 'Unidad Oruro',
			department: 'Oruro',
			course: 'c1',
			status: 'completed',
			completedVersion: 'c1v2',
			finalScore: 80,
			hours: 5,
			certificateIssuedAt: '2025-04-11T09:00:00.000Z',
			certificateRevokedAt: null
		});
		// Bolivia only: e1 e2 e3 e4 e7 e9.
		expect((await rowsOf({ ...PERIOD, country: 'BO' })).flat()).toHaveLength(6);
	});

	it('offers the courses ever served and the departments in use', async () => {
		const options = await reportOptions(t.db);
		expect(options.courses).toEqual([
			{ slug: 'c2', title: 'Curso Dos' },
			{ slug: 'c1', title: 'Curso Uno, 2.ª ed.' }
		]);
		expect(options.departments).toEqual(['La Paz', 'Oruro']);
	});

	it('reports nothing, not an error, for a period without activity', async () => {
		const r: ReportData = await councilReport(t.db, {
			...PERIOD,
			from: '2030-01-01',
			to: '2030-01-31'
		});
		expectFigures(r.total, fig(0, null, 0, 0, null, 0, 0, 0, 0), 'empty');
		expect(r.groups).toEqual([]);
		expect(r.months.map((m) => m.month)).toEqual(['2030-01']);
	});
});
