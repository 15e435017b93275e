/**
 * CSV files of a report: UTF-8 with a byte-order mark (so Excel keeps the accents), comma
 * separated, CRLF line ends, plain numbers (rates in percent). Pure: report data in, text out;
 * the per-enrolment file streams from any async source of rows, page by page.
 */
import { m } from '$lib/paraglide/messages';
import {
	FIGURE_KEYS,
	countryName,
	figureLabel,
	figureValue,
	groupName,
	statusName,
	type Locale
} from '$lib/reports/format';
import type { ReportData } from '$lib/reports/types';
import type { EnrolmentExportRow } from './enrolment-rows';

export const BOM = '\uFEFF';

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(v: string | number | null): string {
	if (v === null) return '';
	if (typeof v === 'number') return String(v);
	const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
	return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: (string | number | null)[]) =>
	values.map(csvField).join(',') + '\r\n';

/** The report by institution (council) or unit: one row each, then the total. */
export function reportCsv(r: ReportData, locale: Locale): string {
	const header = [
		r.kind === 'council' ? m.table_institution({}, { locale }) : m.table_unit({}, { locale }),
		m.table_country({}, { locale }),
		...FIGURE_KEYS.map((k) => figureLabel(k, locale))
	];
	const values = (f: ReportData['total']) => FIGURE_KEYS.map((k) => figureValue(k, f[k]));
	const lines = [
		csvLine(header),
		...r.groups.map((g) =>
			csvLine([
				groupName(g, r.kind, locale),
				g.country ? countryName(g.country, locale) : '',
				...values(g.figures)
			])
		),
		csvLine([
			m.council_total({}, { locale }),
			countryName(r.institution?.country ?? r.filter.country, locale),
			...values(r.total)
		])
	];
	return BOM + lines.join('');
}

/** Column names and values of the per-enrolment export (no names, no emails). */
export function enrolmentColumns(locale: Locale) {
	const o = { locale };
	return [
		[m.report_col_enrolment({}, o), (r: EnrolmentExportRow) => r.id],
		[m.table_country({}, o), (r: EnrolmentExportRow) => countryName(r.country, locale)],
		[
			m.table_institution({}, o),
			(r: EnrolmentExportRow) => r.institution ?? m.report_no_institution({}, o)
		],
		[m.table_unit({}, o), (r: EnrolmentExportRow) => r.unit ?? m.report_no_unit({}, o)],
		[
			m.table_department({}, o),
			(r: EnrolmentExportRow) => r.department ?? m.report_no_department({}, o)
		],
		[m.report_course({}, o), (r: EnrolmentExportRow) => r.course],
		[m.report_col_version({}, o), (r: EnrolmentExportRow) => r.courseVersion],
		[m.table_status({}, o), (r: EnrolmentExportRow) => statusName(r.status, locale)],
		[m.report_enrolled_on({}, o), (r: EnrolmentExportRow) => r.enrolledAt],
		[m.report_last_activity({}, o), (r: EnrolmentExportRow) => r.lastActivityAt],
		[m.report_completed_on({}, o), (r: EnrolmentExportRow) => r.completedAt],
		[m.report_col_completed_version({}, o), (r: EnrolmentExportRow) => r.completedVersion],
		[m.report_final_score({}, o), (r: EnrolmentExportRow) => r.finalScore],
		[m.report_col_hours({}, o), (r: EnrolmentExportRow) => (r.completedAt ? r.hours : null)],
		[m.report_col_certificate_issued({}, o), (r: EnrolmentExportRow) => r.certificateIssuedAt],
		[m.report_col_certificate_revoked({}, o), (r: EnrolmentExportRow) => r.certificateRevokedAt]
	] as const;
}

/**
 * The per-enrolment CSV as a byte stream: it asks `pages` for the next page only when the reader
 * wants more, so a slow download never piles rows up in memory.
 * @example new Response(enrolmentCsv(enrolmentExportRows(db, filter), 'es'))
 */
export function enrolmentCsv(
	pages: AsyncIterable<EnrolmentExportRow[]>,
	locale: Locale
): ReadableStream<Uint8Array> {
	const columns = enrolmentColumns(locale);
	const encoder = new TextEncoder();
	const iterator = pages[Symbol.asyncIterator]();
	return new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode(BOM + csvLine(columns.map(([name]) => name))));
		},
		async pull(controller) {
			const next = await iterator.next();
			if (next.done) return controller.close();
			controller.enqueue(
				encoder.encode(
					next.value.map((row) => csvLine(columns.map(([, value]) => value(row)))).join('')
				)
			);
		},
		async cancel() {
			await iterator.return?.();
		}
	});
}
