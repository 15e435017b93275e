import { describe, expect, it } from 'vitest';
import {
	addSums,
	assembleReport,
	emptySums,
	factDelta,
	foldFactRows,
	mergeFactRows,
	type FactRow,
	type CellFact,
	type GroupFact,
	type Names
} from './aggregate';

const names: Names = {
	institutions: new Map([
		[1, { name: 'Policía Boliviana', shortName: null, country: 'BO' as const }],
		[2, { name: 'Poder Judicial', shortName: null, country: 'PE' as const }]
	]),
	units: new Map([[10, { name: 'FELCC La Paz' }]]),
	courses: new Map([['frontera', { title: 'Frontera' }]])
};
const group = (
	institutionId: number | null,
	unitId: number | null,
	country: 'BO' | 'PE',
	s: Partial<GroupFact>
): GroupFact => ({ ...emptySums(), institutionId, unitId, country, ...s });
const cell = (course: string, month: string, s: Partial<CellFact>): CellFact => ({
	...emptySums(),
	course,
	month,
	...s
});
const filter = {
	from: '2025-01-01',
	to: '2025-03-31',
	country: 'all' as const,
	course: null,
	department: null
};

describe('assembleReport', () => {
	const report = assembleReport({
		kind: 'council',
		filter,
		institution: null,
		groups: [
			group(1, 10, 'BO', {
				enrolled: 4,
				enrolledCompleted: 1,
				active: 3,
				completed: 2,
				scoreCenti: 17000,
				scoreCount: 2,
				hoursCenti: 800
			}),
			group(1, null, 'BO', { enrolled: 4, enrolledCompleted: 3 }),
			group(1, 10, 'BO', { certificates: 2, revoked: 1 }),
			group(2, null, 'PE', { active: 1 }),
			group(null, null, 'PE', {})
		],
		cells: [
			cell('frontera', '2025-02', {
				enrolled: 8,
				enrolledCompleted: 4,
				completed: 2,
				hoursCenti: 800
			}),
			cell('otro', '2025-03', { active: 4 })
		],
		trained: [
			{ institutionId: 1, unitId: 10, country: 'BO', people: 2 },
			{ institutionId: 2, unitId: null, country: 'PE', people: 1 }
		],
		names,
		now: new Date('2026-01-01T00:00:00Z')
	});

	it('adds the groups up into totals, rates and means', () => {
		expect(report.total).toEqual({
			enrolled: 8,
			active: 4,
			completed: 2,
			completionRate: 0.5,
			averageScore: 85,
			certificates: 2,
			revoked: 1,
			hours: 8,
			trained: 3
		});
	});

	it('splits by country and by institution (units together), leaving out groups without activity', () => {
		expect(report.countries.map((c) => [c.country, c.figures.enrolled, c.figures.trained])).toEqual(
			[
				['BO', 8, 2],
				['PE', 0, 1]
			]
		);
		expect(
			report.groups.map((g) => [
				g.name,
				g.figures.enrolled,
				g.figures.certificates,
				g.figures.trained
			])
		).toEqual([
			['Policía Boliviana', 8, 2, 2],
			['Poder Judicial', 0, 0, 1]
		]);
		expect(report.groups[1].figures.completionRate).toBeNull();
		expect(report.groups[1].figures.averageScore).toBeNull();
	});

	it('fills every month of the period and names courses by title (or slug)', () => {
		expect(
			report.months.map((m) => [m.month, m.figures.enrolled, m.figures.active, m.figures.trained])
		).toEqual([
			['2025-01', 0, 0, null],
			['2025-02', 8, 0, null],
			['2025-03', 0, 4, null]
		]);
		expect(report.courses.map((c) => [c.title, c.figures.completed, c.figures.trained])).toEqual([
			['Frontera', 2, 2],
			['otro', 0, 0]
		]);
	});

	it('groups by unit for an institution report, and keeps the chosen course even without activity', () => {
		const r = assembleReport({
			kind: 'institution',
			filter: { ...filter, course: 'frontera' },
			institution: { id: 1, name: 'Policía Boliviana', country: 'BO' },
			groups: [group(1, 10, 'BO', { enrolled: 1 }), group(1, null, 'BO', { enrolled: 2 })],
			cells: [],
			trained: [],
			names
		});
		expect(r.groups.map((g) => [g.name, g.country, g.figures.enrolled])).toEqual([
			['FELCC La Paz', 'BO', 1],
			[null, 'BO', 2]
		]);
		expect(r.courses.map((c) => c.slug)).toEqual(['frontera']);
	});
});

const fact = (
	key: Pick<FactRow, 'institutionId' | 'unitId' | 'country' | 'course' | 'month'>,
	s: Partial<FactRow>
): FactRow => ({ ...emptySums(), ...key, ...s });
const unitA = { institutionId: 1, unitId: 10, country: 'BO' as const, course: 'c1' };
const noneB = { institutionId: null, unitId: null, country: 'PE' as const, course: 'c1' };

describe('fact rows', () => {
	it('merges rows of the same key and keeps the others apart', () => {
		const merged = mergeFactRows([
			fact({ ...unitA, month: '2025-03' }, { enrolled: 2, enrolledCompleted: 1 }),
			fact({ ...unitA, month: '2025-03' }, { completed: 1, scoreCenti: 8050, scoreCount: 1 }),
			fact({ ...unitA, month: '2025-04' }, { active: 1 }),
			fact({ ...noneB, month: '2025-03' }, { certificates: 1 })
		]);
		expect(merged).toHaveLength(3);
		expect(merged[0]).toEqual(
			fact(
				{ ...unitA, month: '2025-03' },
				{ enrolled: 2, enrolledCompleted: 1, completed: 1, scoreCenti: 8050, scoreCount: 1 }
			)
		);
	});

	it('folds each row into its group and into its course and month', () => {
		const { groups, cells } = foldFactRows([
			fact({ ...unitA, month: '2025-03' }, { enrolled: 2, hoursCenti: 450 }),
			fact({ ...noneB, month: '2025-04' }, { active: 3 })
		]);
		expect(groups).toEqual([
			{ ...emptySums(), institutionId: 1, unitId: 10, country: 'BO', enrolled: 2, hoursCenti: 450 },
			{ ...emptySums(), institutionId: null, unitId: null, country: 'PE', active: 3 }
		]);
		expect(cells).toEqual([
			{ ...emptySums(), course: 'c1', month: '2025-03', enrolled: 2, hoursCenti: 450 },
			{ ...emptySums(), course: 'c1', month: '2025-04', active: 3 }
		]);
	});

	it('gives the change between two shares of the counts, leaving out what did not change', () => {
		// An activity moved from March to April, and the enrolment was completed in April.
		const before = [
			fact({ ...unitA, month: '2025-03' }, { enrolled: 1, active: 1 }),
			fact({ ...noneB, month: '2025-01' }, { enrolled: 1 })
		];
		const after = [
			fact({ ...unitA, month: '2025-03' }, { enrolled: 1, enrolledCompleted: 1 }),
			fact(
				{ ...unitA, month: '2025-04' },
				{ active: 1, completed: 1, scoreCenti: 9000, scoreCount: 1 }
			),
			fact({ ...noneB, month: '2025-01' }, { enrolled: 1 })
		];
		expect(factDelta(before, after)).toEqual([
			fact({ ...unitA, month: '2025-03' }, { enrolledCompleted: 1, active: -1 }),
			fact(
				{ ...unitA, month: '2025-04' },
				{ active: 1, completed: 1, scoreCenti: 9000, scoreCount: 1 }
			)
		]);
		expect(factDelta(after, after)).toEqual([]);
	});

	it('keeps score and hour sums exact, in hundredths', () => {
		const total = [0.1, 0.2, 0.7].reduce(
			(s, h) =>
				addSums(s, fact({ ...unitA, month: '2025-03' }, { hoursCenti: Math.round(h * 100) })),
			emptySums()
		);
		expect(total.hoursCenti).toBe(100);
	});
});
