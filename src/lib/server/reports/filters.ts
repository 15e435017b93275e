/**
 * The report filters, from a page's query string: period (desde/hasta, inclusive dates), country,
 * course and department. Anything malformed falls back to its default instead of failing, so a
 * shared link with a typo still shows a report.
 */
import { z } from 'zod';
import type { ReportFilter } from '../../reports/types';

export type { CountryFilter, ReportFilter } from '../../reports/types';

export { NO_DEPARTMENT } from '../../reports/types';

const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine(
		(s) =>
			!Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
			new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
	)
	.refine((s) => s >= '2000-01-01' && s <= '2099-12-31');

const QueryParams = z.object({
	desde: day.optional().catch(undefined),
	hasta: day.optional().catch(undefined),
	pais: z.enum(['BO', 'PE', 'all']).optional().catch(undefined),
	curso: z
		.string()
		.regex(/^[a-z0-9][a-z0-9-]{0,80}$/)
		.optional()
		.catch(undefined),
	departamento: z.string().trim().min(1).max(80).optional().catch(undefined)
});

/** The default period: the current calendar year up to today. */
export function defaultPeriod(today: Date): { from: string; to: string } {
	const iso = today.toISOString().slice(0, 10);
	return { from: `${iso.slice(0, 4)}-01-01`, to: iso };
}

/**
 * @example parseReportFilter(new URLSearchParams('desde=2025-01-01&hasta=2025-12-31&pais=BO'))
 *   // { from: '2025-01-01', to: '2025-12-31', country: 'BO', course: null, department: null }
 */
export function parseReportFilter(params: URLSearchParams, today = new Date()): ReportFilter {
	const p = QueryParams.parse(Object.fromEntries(params));
	const fallback = defaultPeriod(today);
	let from = p.desde ?? fallback.from;
	let to = p.hasta ?? fallback.to;
	// A period typed backwards is still clearly meant: swap rather than show nothing.
	if (from > to) [from, to] = [to, from];
	return {
		from,
		to,
		country: p.pais ?? 'all',
		course: p.curso ?? null,
		department: p.departamento ?? null
	};
}

/** The same filter as a query string (for export links and the institution report's links). */
export function filterQuery(f: ReportFilter, extra: Record<string, string | number> = {}): string {
	const params = new URLSearchParams({ desde: f.from, hasta: f.to, pais: f.country });
	if (f.course) params.set('curso', f.course);
	if (f.department) params.set('departamento', f.department);
	for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
	return params.toString();
}

/** The period as half-open ISO bounds: from ≤ date < toExclusive (dates are UTC ISO strings). */
export function periodBounds(f: Pick<ReportFilter, 'from' | 'to'>): {
	from: string;
	toExclusive: string;
} {
	const next = new Date(`${f.to}T00:00:00.000Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return { from: `${f.from}T00:00:00.000Z`, toExclusive: next.toISOString() };
}

/** Every month the period touches, as YYYY-MM. */
export function monthsOf(f: Pick<ReportFilter, 'from' | 'to'>): string[] {
	const months: string[] = [];
	let y = Number(f.from.slice(0, 4));
	let mo = Number(f.from.slice(5, 7));
	const last = f.to.slice(0, 7);
	for (;;) {
		const key = `${y}-${String(mo).padStart(2, '0')}`;
		months.push(key);
		if (key >= last) return months;
		mo = mo === 12 ? 1 : mo + 1;
		if (mo === 1) y++;
	}
}

/** A half-open span of time, as UTC ISO strings: from ≤ date < toExclusive. */
export type Window = { from: string; toExclusive: string };

/**
 * How a period is read: the whole months it covers come from the monthly roll-up, the days before
 * the first whole month and after the last one from the enrolments themselves.
 * @example splitPeriod({ from: '2026-01-01', to: '2026-11-23' })
 *   // { months: { first: '2026-01', last: '2026-10' },
 *   //   windows: [{ from: '2026-11-01T00:00:00.000Z', toExclusive: '2026-11-24T00:00:00.000Z' }] }
 */
export function splitPeriod(f: Pick<ReportFilter, 'from' | 'to'>): {
	months: { first: string; last: string } | null;
	windows: Window[];
} {
	const { from, toExclusive } = periodBounds(f);
	const monthStart = (iso: string) => `${iso.slice(0, 7)}-01T00:00:00.000Z`;
	const addMonths = (month: string, n: number) => {
		const d = new Date(`${month}-01T00:00:00.000Z`);
		d.setUTCMonth(d.getUTCMonth() + n);
		return d.toISOString().slice(0, 7);
	};
	// The first month that starts on or after `from`, and the last that ends on or before `to`.
	const first = from === monthStart(from) ? from.slice(0, 7) : addMonths(from.slice(0, 7), 1);
	const last = addMonths(toExclusive.slice(0, 7), -1);
	if (first > last) return { months: null, windows: [{ from, toExclusive }] };
	const windows: Window[] = [];
	const wholeFrom = `${first}-01T00:00:00.000Z`;
	const wholeTo = monthStart(toExclusive);
	if (from < wholeFrom) windows.push({ from, toExclusive: wholeFrom });
	if (wholeTo < toExclusive) windows.push({ from: wholeTo, toExclusive });
	return { months: { first, last }, windows };
}
