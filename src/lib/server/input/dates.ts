/**
 * Calendar dates typed into forms (`<input type="date">` sends `YYYY-MM-DD`). A pattern alone lets
 * `2026-13-01` and `0000-00-00` through; these must be real days, in a range that makes sense for
 * training (no cohort starts in year 0 or 9999).
 */

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** True when `value` is `YYYY-MM-DD`, a day that exists, between MIN_YEAR and MAX_YEAR. */
export function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
	// Day 0 of the next month is the last day of this one (leap years included).
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
