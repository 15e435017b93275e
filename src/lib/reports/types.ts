/**
 * The report as plain data: what the report queries return, the pages show and the CSV, XLSX and
 * PDF renderers turn into files. Shared by server and pages (types only).
 */
export type Country = 'BO' | 'PE';

/** The department filter value for people whose unit and institution name no department. */
export const NO_DEPARTMENT = 'ninguno';
export type CountryFilter = Country | 'all';

export type ReportFilter = {
	/** First day of the period, YYYY-MM-DD (UTC). */
	from: string;
	/** Last day of the period, YYYY-MM-DD, inclusive. */
	to: string;
	country: CountryFilter;
	/** A course slug, or null for every course. */
	course: string | null;
	/** A department name, the "no department" value, or null for every department. */
	department: string | null;
};

export type Figures = {
	/** Enrolments created in the period, not withdrawn. */
	enrolled: number;
	/** Enrolments whose last activity falls in the period. */
	active: number;
	/** Enrolments completed in the period. */
	completed: number;
	/** Share (0–1) of the enrolments created in the period that are completed; null without any. */
	completionRate: number | null;
	/** Mean final score (percent) of the completions in the period; null without any. */
	averageScore: number | null;
	/** Certificates issued in the period and not revoked. */
	certificates: number;
	/** Certificates issued in the period and since revoked (counted apart). */
	revoked: number;
	/** Sum of the hours of the course version completed, over the completions in the period. */
	hours: number;
	/** Distinct people who completed a course in the period; null where it cannot be summed (months). */
	trained: number | null;
};

export type GroupRow = {
	/** Institution id (council report) or unit id (institution report); null for "none". */
	id: number | null;
	name: string | null;
	shortName: string | null;
	country: Country | null;
	figures: Figures;
};

export type CourseRow = { slug: string; title: string; figures: Figures };
export type MonthRow = { month: string; figures: Figures };
export type CountryRow = { country: Country; figures: Figures };

export type ReportData = {
	kind: 'council' | 'institution';
	filter: ReportFilter;
	/** The institution of an institution report. */
	institution: { id: number; name: string; country: Country } | null;
	generatedAt: string;
	total: Figures;
	/** Per-country totals: both countries when the filter is "both", else the one chosen. */
	countries: CountryRow[];
	/** Institutions (council) or units (institution report). */
	groups: GroupRow[];
	courses: CourseRow[];
	months: MonthRow[];
};
