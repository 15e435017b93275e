/**
 * The report as an Excel workbook, written with exceljs's streaming WorkbookWriter: each row is
 * committed to the zip stream as it is added, so the per-enrolment sheet of a large export never
 * sits in memory. Pure: report data (and an async source of enrolment rows) in, a byte stream out.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { m } from '$lib/paraglide/messages';
import {
	FIGURE_KEYS,
	countryName,
	figureLabel,
	filterLabels,
	generatedLabel,
	groupName,
	monthLabel,
	type FigureKey,
	type Locale
} from '$lib/reports/format';
import type { Figures, ReportData } from '$lib/reports/types';
import { enrolmentColumns } from './csv';
import type { EnrolmentExportRow } from './enrolment-rows';

/** Excel number formats: rates stay fractions shown as percentages. */
const FORMATS: Record<FigureKey, string> = {
	enrolled: '#,##0',
	active: '#,##0',
	completed: '#,##0',
	completionRate: '0.0%',
	averageScore: '0.0',
	certificates: '#,##0',
	revoked: '#,##0',
	hours: '#,##0.0',
	trained: '#,##0'
};

type Sheet = ExcelJS.Worksheet;

function figuresSheet(
	wb: ExcelJS.stream.xlsx.WorkbookWriter,
	locale: Locale,
	name: string,
	first: string,
	rows: [string, Figures][],
	total?: Figures
) {
	const sheet: Sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = [
		{ header: first, width: 48 },
		...FIGURE_KEYS.map((k) => ({ header: '', width: 16, style: { numFmt: FORMATS[k] } }))
	];
	const header = sheet.getRow(1);
	FIGURE_KEYS.forEach((k, i) => (header.getCell(i + 2).value = figureLabel(k, locale)));
	header.font = { bold: true };
	header.commit();
	for (const [label, f] of rows) sheet.addRow([label, ...FIGURE_KEYS.map((k) => f[k])]).commit();
	if (total) {
		const row = sheet.addRow([
			m.council_total({}, { locale }),
			...FIGURE_KEYS.map((k) => total[k])
		]);
		row.font = { bold: true };
		row.commit();
	}
	sheet.commit();
}

async function writeWorkbook(
	wb: ExcelJS.stream.xlsx.WorkbookWriter,
	r: ReportData,
	locale: Locale,
	detail: AsyncIterable<EnrolmentExportRow[]> | undefined,
	out: PassThrough
) {
	const o = { locale };
	const labels = filterLabels(r, locale);
	const summary = wb.addWorksheet(m.report_sheet_summary({}, o));
	summary.columns = [{ width: 34 }, { width: 60 }];
	const title = summary.addRow([
		r.institution
			? `${m.report_pdf_title({}, o)}: ${r.institution.name}`
			: m.report_pdf_title({}, o)
	]);
	title.font = { bold: true, size: 14 };
	title.commit();
	for (const [k, v] of [
		[m.report_period({}, o), labels.period],
		[m.table_country({}, o), labels.country],
		[m.report_course({}, o), labels.course],
		[m.table_department({}, o), labels.department],
		[m.report_generated({}, o), generatedLabel(r.generatedAt, locale)]
	]) {
		summary.addRow([k, v]).commit();
	}
	summary.addRow([]).commit();
	for (const k of FIGURE_KEYS) {
		const row = summary.addRow([figureLabel(k, locale), r.total[k]]);
		row.getCell(2).numFmt = FORMATS[k];
		row.getCell(2).alignment = { horizontal: 'left' };
		row.commit();
	}
	summary.commit();

	const groupLabel = (g: ReportData['groups'][number]) =>
		groupName(g, r.kind, locale) + (r.kind === 'council' && g.country ? ` (${g.country})` : '');
	figuresSheet(
		wb,
		locale,
		r.kind === 'council' ? m.report_sheet_institutions({}, o) : m.report_sheet_units({}, o),
		r.kind === 'council' ? m.table_institution({}, o) : m.table_unit({}, o),
		r.groups.map((g) => [groupLabel(g), g.figures]),
		r.total
	);
	if (r.countries.length > 1) {
		figuresSheet(
			wb,
			locale,
			m.report_sheet_countries({}, o),
			m.table_country({}, o),
			r.countries.map((c) => [countryName(c.country, locale), c.figures]),
			r.total
		);
	}
	figuresSheet(
		wb,
		locale,
		m.report_sheet_courses({}, o),
		m.report_course({}, o),
		r.courses.map((c) => [c.title, c.figures])
	);
	figuresSheet(
		wb,
		locale,
		m.report_sheet_months({}, o),
		m.report_month({}, o),
		r.months.map((x) => [monthLabel(x.month, locale), x.figures])
	);

	if (detail) {
		const columns = enrolmentColumns(locale);
		const sheet = wb.addWorksheet(m.report_sheet_enrolments({}, o), {
			views: [{ state: 'frozen', ySplit: 1 }]
		});
		sheet.columns = columns.map(([header]) => ({ header, width: 18 }));
		sheet.getRow(1).font = { bold: true };
		for await (const page of detail) {
			for (const row of page) sheet.addRow(columns.map(([, value]) => value(row))).commit();
			// Wait for the reader when the download is slower than the database.
			if (out.writableNeedDrain) await once(out, 'drain');
		}
		sheet.commit();
	}
	await wb.commit();
}

/**
 * @example new Response(Readable.toWeb(reportXlsx(report, 'es', enrolmentExportRows(db, filter))))
 */
export function reportXlsx(
	r: ReportData,
	locale: Locale,
	detail?: AsyncIterable<EnrolmentExportRow[]>
): Readable {
	const out = new PassThrough();
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out,
		useStyles: true,
		useSharedStrings: false
	});
	wb.creator = 'Aula';
	wb.created = new Date(r.generatedAt);
	writeWorkbook(wb, r, locale, detail, out).catch((e: unknown) =>
		out.destroy(e instanceof Error ? e : new Error(String(e)))
	);
	return out;
}
