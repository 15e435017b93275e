/** A cohort's pace: pure date arithmetic, so the dashboard and its SQL filter agree. */
import type { Cohort } from '../db/schema';

export const today = (now = new Date()) => now.toISOString().slice(0, 10);

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a learner is behind the cohort's pace: their share of modules done is below the share of
 * the time from start to deadline that has passed (all of it once the deadline is past).
 * @example isBehind(40, { starts_on: '2026-03-01', deadline_on: '2026-03-11' }, '2026-03-07') // true (60 % expected)
 */
export function isBehind(
	percent: number,
	cohort: Pick<Cohort, 'starts_on' | 'deadline_on'>,
	day: string
): boolean {
	const start = Date.parse(cohort.starts_on);
	const span = Math.max(DAY_MS, Date.parse(cohort.deadline_on) - start);
	const expected = Math.min(1, Math.max(0, (Date.parse(day) - start) / span)) * 100;
	return percent < expected;
}

/**
 * The fewest modules done that is not behind the cohort's pace today (isBehind, evaluated for each
 * possible count), so the "behind" filter runs in SQL and agrees with what the page shows.
 */
export function behindBelow(cohort: Cohort, total: number, day: string): number {
	let d = 0;
	while (d <= total && isBehind(total ? (100 * d) / total : 0, cohort, day)) d++;
	return d;
}
