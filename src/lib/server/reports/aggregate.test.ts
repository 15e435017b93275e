import { describe, expect, it } from 'vitest';
import {
	addSums,
	assembleReport,
	emptySums,
	foldPassRows,
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
				scoreSum: 170,
				scoreCount: 2,
				hours: 8
			}),
			group(1, null, 'BO', { enrolled: 4, enrolledCompleted: 3 }),
			group(1, 10, 'BO', { certificates: 2, revoked: 1 }),
			group(2, null, 'PE', { active: 1 }),
			group(null, null, 'PE', {})
		],
		cells: [
			cell('frontera', '2025-02', { enrolled: 8, enrolledCompleted: 4, completed: 2, hours: 8 }),
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

describe('foldPassRows', () => {
	it('counts each row in the group and in the month of each of its dates inside the period', () => {
		const { groups, cells } = foldPassRows([
			{
				institutionId: 1,
				unitId: 10,
				country: 'BO',
				course: 'c1',
				enrolledMonth: '2025-03',
				activeMonth: '2025-04',
				completedMonth: '2025-04',
				n: 2,
				nCompleted: 2,
				scoreSum: 170,
				scoreCount: 2,
				hours: 10
			},
			// Enrolled before the period: only its activity counts; its completion sums are ignored.
			{
				institutionId: 1,
				unitId: 10,
				country: 'BO',
				course: 'c1',
				enrolledMonth: null,
				activeMonth: '2025-03',
				completedMonth: null,
				n: 1,
				nCompleted: 1,
				scoreSum: 99,
				scoreCount: 1,
				hours: 4
			}
		]);
		const total = groups.reduce((s, g) => addSums(s, g), emptySums());
		expect(total).toEqual({
			enrolled: 2,
			enrolledCompleted: 2,
			active: 3,
			completed: 2,
			scoreSum: 170,
			scoreCount: 2,
			hours: 10,
			certificates: 0,
			revoked: 0
		});
		expect(cells.map((c) => [c.month, c.enrolled, c.active, c.completed])).toEqual([
			['2025-03', 2, 0, 0],
			['2025-04', 0, 2, 0],
			['2025-04', 0, 0, 2],
			['2025-03', 0, 1, 0]
		]);
	});
});
