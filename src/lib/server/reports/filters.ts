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
