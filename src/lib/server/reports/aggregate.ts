/**
 * Pure report arithmetic. The database hands over small pre-grouped counts ("facts"): one set per
 * institution × unit × country, one per course × month. This file adds them up by institution or
 * unit, by country, by course and by month, and turns sums into rates and means. No I/O here.
 */
import type { Country, CourseRow, Figures, GroupRow, ReportData } from '../../reports/types';
import { monthsOf } from './filters';

export type { Figures, GroupRow, CourseRow, ReportData } from '../../reports/types';

/** Additive counts: any set of facts can be summed field by field. */
export type Sums = {
	/** Enrolments created in the period, not withdrawn. */
	enrolled: number;
	/** Of those, the ones completed (at any time up to now): the completion rate's numerator. */
	enrolledCompleted: number;
	/** Enrolments whose last activity falls in the period. */
	active: number;
	/** Enrolments completed in the period. */
	completed: number;
	/** Sum and count of final scores of the completions in the period (for the mean). */
	scoreSum: number;
	scoreCount: number;
	/** Hours of the course version completed, summed over the completions in the period. */
	hours: number;
	/** Certificates issued in the period and not revoked, and those revoked. */
	certificates: number;
	revoked: number;
};

/** Counts for one institution × unit × country (people are in exactly one). */
export type GroupFact = Sums & {
	institutionId: number | null;
	unitId: number | null;
	country: Country;
};

/** Counts for one course × month (each figure in the month of its own date). */
export type CellFact = Sums & { course: string; month: string };

/** Distinct people with a completion in the period, per institution × unit × country. */
export type TrainedFact = {
	institutionId: number | null;
	unitId: number | null;
	country: Country;
	people: number;
};

export type { CountryRow, MonthRow } from '../../reports/types';

type Dims = { institutionId: number | null; unitId: number | null; country: Country };

/**
 * A row of the institution report's single pass: enrolments of one unit and course grouped by the
 * month of each date, that month null when the date is outside the period (or the enrolment does
 * not count as enrolled). `scoreSum`, `scoreCount` and `hours` matter only where `completedMonth` is set.
 */
export type PassRow = Dims & {
	course: string;
	enrolledMonth: string | null;
	activeMonth: string | null;
	completedMonth: string | null;
	n: number;
	nCompleted: number;
	scoreSum: number;
	scoreCount: number;
	hours: number;
};

/** Folds pass rows into the per-group and per-course-and-month counts. */
export function foldPassRows(rows: PassRow[]): { groups: GroupFact[]; cells: CellFact[] } {
	const groups: GroupFact[] = [];
	const cells: CellFact[] = [];
	for (const r of rows) {
		const enrolled: Partial<Sums> = r.enrolledMonth
			? { enrolled: r.n, enrolledCompleted: r.nCompleted }
			: {};
		const active: Partial<Sums> = r.activeMonth ? { active: r.n } : {};
		const completed: Partial<Sums> = r.completedMonth
			? { completed: r.n, scoreSum: r.scoreSum, scoreCount: r.scoreCount, hours: r.hours }
			: {};
		const dims = { institutionId: r.institutionId, unitId: r.unitId, country: r.country };
		groups.push({ ...emptySums(), ...dims, ...enrolled, ...active, ...completed });
		if (r.enrolledMonth)
			cells.push({ ...emptySums(), course: r.course, month: r.enrolledMonth, ...enrolled });
		if (r.activeMonth)
			cells.push({ ...emptySums(), course: r.course, month: r.activeMonth, ...active });
		if (r.completedMonth)
			cells.push({ ...emptySums(), course: r.course, month: r.completedMonth, ...completed });
	}
	return { groups, cells };
}

/** Certificates grouped by group × course × month of issue, as both kinds of counts. */
export function passCertificateFacts(
	rows: (Dims & { course: string; month: string; certificates: number; revoked: number })[]
) {
	return {
		groups: rows.map((r): GroupFact => ({
			...emptySums(),
			institutionId: r.institutionId,
			unitId: r.unitId,
			country: r.country,
			certificates: r.certificates,
			revoked: r.revoked
		})),
		cells: rows.map((r): CellFact => ({
			...emptySums(),
			course: r.course,
			month: r.month,
			certificates: r.certificates,
			revoked: r.revoked
		}))
	};
}

export type Names = {
	institutions: Map<number, { name: string; shortName: string | null; country: Country }>;
	units: Map<number, { name: string }>;
	courses: Map<string, { title: string }>;
};

export const emptySums = (): Sums => ({
	enrolled: 0,
	enrolledCompleted: 0,
	active: 0,
	completed: 0,
	scoreSum: 0,
	scoreCount: 0,
	hours: 0,
	certificates: 0,
	revoked: 0
});

const SUM_KEYS = Object.keys(emptySums()) as (keyof Sums)[];

export function addSums(into: Sums, from: Sums): Sums {
	for (const k of SUM_KEYS) into[k] += from[k];
	return into;
}

export function toFigures(s: Sums, trained: number | null): Figures {
	return {
		enrolled: s.enrolled,
		active: s.active,
		completed: s.completed,
		completionRate: s.enrolled > 0 ? s.enrolledCompleted / s.enrolled : null,
		averageScore: s.scoreCount > 0 ? s.scoreSum / s.scoreCount : null,
		certificates: s.certificates,
		revoked: s.revoked,
		hours: s.hours,
		trained
	};
}

/** Sums facts by a key; facts whose key is undefined are left out. */
export function sumBy<F extends Sums, K>(
	facts: Iterable<F>,
	keyOf: (f: F) => K | undefined
): Map<K, Sums> {
	const out = new Map<K, Sums>();
	for (const f of facts) {
		const key = keyOf(f);
		if (key === undefined) continue;
		let s = out.get(key);
		if (!s) out.set(key, (s = emptySums()));
		addSums(s, f);
	}
	return out;
}

function countBy<K>(trained: TrainedFact[], keyOf: (t: TrainedFact) => K): Map<K, number> {
	const out = new Map<K, number>();
	for (const t of trained) out.set(keyOf(t), (out.get(keyOf(t)) ?? 0) + t.people);
	return out;
}

const hasAny = (s: Sums) => SUM_KEYS.some((k) => s[k] !== 0);
const collator = new Intl.Collator('es');

export type AssembleInput = {
	kind: ReportData['kind'];
	filter: ReportData['filter'];
	institution: ReportData['institution'];
	groups: GroupFact[];
	cells: CellFact[];
	trained: TrainedFact[];
	names: Names;
	now?: Date;
};

/** The whole report from the grouped counts: totals, per country, per group, per course, per month. */
export function assembleReport(input: AssembleInput): ReportData {
	const { kind, filter, groups: groupFacts, cells, trained, names } = input;
	const byUnit = kind === 'institution';
	const groupOf = (f: { institutionId: number | null; unitId: number | null }) =>
		byUnit ? f.unitId : f.institutionId;

	const total = toFigures(
		sumBy(groupFacts, () => 'all').get('all') ?? emptySums(),
		trained.reduce((n, t) => n + t.people, 0)
	);

	const countryList: Country[] = filter.country === 'all' ? ['BO', 'PE'] : [filter.country];
	const countrySums = sumBy(groupFacts, (f) => f.country);
	const countryTrained = countBy(trained, (t) => t.country);
	const countries = countryList.map((country) => ({
		country,
		figures: toFigures(countrySums.get(country) ?? emptySums(), countryTrained.get(country) ?? 0)
	}));

	const groupSums = sumBy(groupFacts, groupOf);
	const groupTrained = countBy(trained, groupOf);
	for (const id of groupTrained.keys()) if (!groupSums.has(id)) groupSums.set(id, emptySums());
	const groups: GroupRow[] = [...groupSums]
		.filter(([id, s]) => hasAny(s) || (groupTrained.get(id) ?? 0) > 0)
		.map(([id, s]) => {
			const inst = !byUnit && id !== null ? names.institutions.get(id) : undefined;
			const unit = byUnit && id !== null ? names.units.get(id) : undefined;
			return {
				id,
				name: inst?.name ?? unit?.name ?? null,
				shortName: inst?.shortName ?? null,
				country: inst?.country ?? (byUnit ? (input.institution?.country ?? null) : null),
				figures: toFigures(s, groupTrained.get(id) ?? 0)
			};
		})
		.sort(
			(a, b) =>
				Number(a.id === null) - Number(b.id === null) ||
				(a.country ?? '').localeCompare(b.country ?? '') ||
				collator.compare(a.name ?? '', b.name ?? '')
		);

	const courseSums = sumBy(cells, (f) => f.course);
	if (filter.course && !courseSums.has(filter.course)) courseSums.set(filter.course, emptySums());
	const courses: CourseRow[] = [...courseSums]
		.map(([slug, s]) => ({
			slug,
			title: names.courses.get(slug)?.title ?? slug,
			// One enrolment per person and course: people who completed a course = its completions.
			figures: toFigures(s, s.completed)
		}))
		.sort((a, b) => collator.compare(a.title, b.title));

	const monthSums = sumBy(cells, (f) => f.month);
	const months = monthsOf(filter).map((month) => ({
		month,
		figures: toFigures(monthSums.get(month) ?? emptySums(), null)
	}));

	return {
		kind,
		filter,
		institution: input.institution,
		generatedAt: (input.now ?? new Date()).toISOString(),
		total,
		countries,
		groups,
		courses,
		months
	};
}
