/**
 * How report figures read, in the pages and in the CSV, XLSX and PDF files: their names and
 * their number formats, in the reader's language.
 */
import { m } from '$lib/paraglide/messages';
import { NO_DEPARTMENT, type Figures, type GroupRow, type ReportData } from './types';

export type Locale = 'es' | 'en';

/** Every figure, in the order the tables show them. */
export const FIGURE_KEYS = [
	'enrolled',
	'active',
	'completed',
	'completionRate',
	'averageScore',
	'certificates',
	'revoked',
	'hours',
	'trained'
] as const satisfies readonly (keyof Figures)[];

export type FigureKey = (typeof FIGURE_KEYS)[number];

const LABELS: Record<FigureKey, (locale: Locale) => string> = {
	enrolled: (locale) => m.report_fig_enrolled({}, { locale }),
	active: (locale) => m.report_fig_active({}, { locale }),
	completed: (locale) => m.report_fig_completed({}, { locale }),
	completionRate: (locale) => m.report_fig_completion_rate({}, { locale }),
	averageScore: (locale) => m.report_fig_average_score({}, { locale }),
	certificates: (locale) => m.report_fig_certificates({}, { locale }),
	revoked: (locale) => m.report_fig_revoked({}, { locale }),
	hours: (locale) => m.report_fig_hours({}, { locale }),
	trained: (locale) => m.report_fig_trained({}, { locale })
};

export const figureLabel = (key: FigureKey, locale: Locale) => LABELS[key](locale);

const intl = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'es-BO');
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
	const key = `${locale}:${digits}`;
	let f = numberFormats.get(key);
	if (!f)
		numberFormats.set(
			key,
			(f = new Intl.NumberFormat(intl(locale), {
				maximumFractionDigits: digits,
				minimumFractionDigits: 0
			}))
		);
	return f;
}

/** 12345.5 → "12.345,5" (es) / "12,345.5" (en); null → "—". */
export function formatNumber(v: number | null, locale: Locale, digits = 0): string {
	return v === null ? '—' : numberFormat(locale, digits).format(v);
}

/** A figure as people read it: rates as percentages, scores and hours with one decimal. */
export function formatFigure(key: FigureKey, v: number | null, locale: Locale): string {
	if (v === null) return '—';
	if (key === 'completionRate') return `${formatNumber(v * 100, locale, 1)} %`;
	if (key === 'averageScore') return formatNumber(v, locale, 1);
	if (key === 'hours') return formatNumber(v, locale, 1);
	return formatNumber(v, locale);
}

/** The same figure for machines (CSV, spreadsheets): plain numbers, rates as percentages, rounded. */
export function figureValue(key: FigureKey, v: number | null): number | null {
	if (v === null) return null;
	if (key === 'completionRate') return Math.round(v * 1000) / 10;
	if (key === 'averageScore' || key === 'hours') return Math.round(v * 100) / 100;
	return v;
}

/** "2025-03" → "mar 2025" / "Mar 2025". */
export function monthLabel(month: string, locale: Locale): string {
	const d = new Date(`${month}-01T12:00:00Z`);
	return new Intl.DateTimeFormat(intl(locale), { month: 'short', year: 'numeric', timeZone: 'UTC' })
		.format(d)
		.replace('.', '');
}

/** "2025-03-01" → "1 mar 2025". */
export function dayLabel(day: string, locale: Locale): string {
	return new Intl.DateTimeFormat(intl(locale), {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	})
		.format(new Date(`${day}T12:00:00Z`))
		.replace('.', '');
}

export function periodLabel(f: ReportData['filter'], locale: Locale): string {
	return m.report_period_value(
		{ from: dayLabel(f.from, locale), to: dayLabel(f.to, locale) },
		{ locale }
	);
}

/** A generation time in Bolivia's time zone. */
export function generatedLabel(iso: string, locale: Locale): string {
	return new Intl.DateTimeFormat(intl(locale), {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: 'America/La_Paz'
	}).format(new Date(iso));
}

/** An institution or unit row's name; rows without one are "no institution" / "no unit". */
export function groupName(g: GroupRow, kind: ReportData['kind'], locale: Locale): string {
	if (g.name) return g.name;
	return kind === 'council'
		? m.report_no_institution({}, { locale })
		: m.report_no_unit({}, { locale });
}

/** Short label for charts: the short name when there is one, with the country on the Council's. */
export function groupShortName(
	g: GroupRow,
	kind: ReportData['kind'],
	locale: Locale,
	max = 34
): string {
	const name = g.shortName ?? groupName(g, kind, locale);
	const short = name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name;
	return kind === 'council' && g.country ? `${short} (${g.country})` : short;
}

export function countryName(country: 'BO' | 'PE' | 'all', locale: Locale): string {
	if (country === 'BO') return m.country_BO({}, { locale });
	if (country === 'PE') return m.country_PE({}, { locale });
	return m.report_country_all({}, { locale });
}

/** The filters of a report in words, for file headers and the PDF cover. */
export function filterLabels(r: ReportData, locale: Locale) {
	const f = r.filter;
	return {
		period: periodLabel(f, locale),
		country: r.institution
			? countryName(r.institution.country, locale)
			: countryName(f.country, locale),
		course: f.course
			? (r.courses.find((c) => c.slug === f.course)?.title ?? f.course)
			: m.report_course_all({}, { locale }),
		department:
			f.department === NO_DEPARTMENT
				? m.report_no_department({}, { locale })
				: (f.department ?? m.report_department_all({}, { locale }))
	};
}

export function statusName(status: 'active' | 'completed' | 'withdrawn', locale: Locale): string {
	if (status === 'completed') return m.report_status_completed({}, { locale });
	if (status === 'withdrawn') return m.report_status_withdrawn({}, { locale });
	return m.report_status_active({}, { locale });
}
