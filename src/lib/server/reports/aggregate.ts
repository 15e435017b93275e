/**
 * Pure report arithmetic. The database hands over small pre-grouped counts ("facts"): one set per
 * institution × unit × country, one per course × month. This file adds them up by institution or
 * unit, by country, by course and by month, and turns sums into rates and means. No I/O here.
 */
import type { Country, CourseRow, Figures, GroupRow, ReportData } from '../../reports/types';
import { monthsOf } from './filters';

export type { Figures, GroupRow, CourseRow, ReportData } from '../../reports/types';

/**
 * Additive counts: any set of facts can be summed field by field. Scores and hours are kept in
 * hundredths, as integers, so sums are exact in whatever order they are added (the roll-up adds
 * and subtracts them for years).
 */
export type Sums = {
	/** Enrolments created in the period, not withdrawn. */
	enrolled: number;
	/** Of those, the ones completed (at any time up to now): the completion rate's numerator. */
	enrolledCompleted: number;
	/** Enrolments whose last activity falls in the period. */
	active: number;
	/** Enrolments completed in the period. */
	completed: number;
	/** Sum (in hundredths of a point) and count of final scores of the completions in the period. */
	scoreCenti: number;
	scoreCount: number;
	/** Hundredths of the hours of the course version completed, over the completions in the period. */
	hoursCenti: number;
	/** Certificates issued in the period and not revoked, and those revoked. */
	certificates: number;
	revoked: number;
};

type Dims = { institutionId: number | null; unitId: number | null; country: Country };

/** Counts for one institution × unit × country (people are in exactly one). */
export type GroupFact = Sums & Dims;

/** Counts for one course × month (each figure in the month of its own date). */
export type CellFact = Sums & { course: string; month: string };

/** Distinct people with a completion in the period, per institution × unit × country. */
export type TrainedFact = Dims & { people: number };

export type { CountryRow, MonthRow } from '../../reports/types';

/**
 * The finest grain of the counts — one institution × unit × country × course × month — as the
 * monthly roll-up stores it and as the enrolments themselves give it for a span of days.
 */
export type FactRow = GroupFact & CellFact;

/** A grain row's key: institution|unit|country|course|month. */
export const factKey = (r: Omit<FactRow, keyof Sums>) =>
	`${r.institutionId ?? ''}|${r.unitId ?? ''}|${r.country}|${r.course}|${r.month}`;

/** Adds up rows of the same grain (e.g. one query per date column) into one row per key. */
export function mergeFactRows(rows: Iterable<FactRow>): FactRow[] {
	const out = new Map<string, FactRow>();
	for (const r of rows) {
		const key = factKey(r);
		const into = out.get(key);
		if (into) addSums(into, r);
		else out.set(key, { ...r });
	}
	return [...out.values()];
}

/**
 * What changes in the roll-up when some people's counts go from `before` to `after`: one row per
 * key whose counts differ, holding the difference. Sorted by key, so that concurrent writers
 * touch roll-up rows in the same order.
 */
export function factDelta(before: FactRow[], after: FactRow[]): FactRow[] {
	const negated = before.map((r) => {
		const n: FactRow = { ...r };
		for (const k of SUM_KEYS) n[k] = -r[k];
		return n;
	});
	return mergeFactRows([...negated, ...after])
		.filter(hasAny)
		.sort((a, b) => (factKey(a) < factKey(b) ? -1 : factKey(a) > factKey(b) ? 1 : 0));
}

/** Folds grain rows into the per-group and per-course-and-month counts a report is built from. */
export function foldFactRows(rows: FactRow[]): { groups: GroupFact[]; cells: CellFact[] } {
	const groups: GroupFact[] = [];
	const cells: CellFact[] = [];
	for (const { institutionId, unitId, country, course, month, ...sums } of rows) {
		groups.push({ ...sums, institutionId, unitId, country });
		cells.push({ ...sums, course, month });
	}
	return { groups, cells };
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
	scoreCenti: 0,
	scoreCount: 0,
	hoursCenti: 0,
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
		averageScore: s.scoreCount > 0 ? s.scoreCenti / s.scoreCount / 100 : null,
		certificates: s.certificates,
		revoked: s.revoked,
		hours: s.hoursCenti / 100,
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
