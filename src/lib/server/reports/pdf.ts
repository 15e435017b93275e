/**
 * The "Informe de capacitación" PDF, to attach to the Council's annual report: a cover with the
 * period, filters and headline figures; the binational view; the month-by-month chart and table;
 * the per-institution (or per-unit) chart and table; the per-course table; the definitions.
 * Pure: plain report data and the font files in, a PDF byte stream out (no database, no request).
 */
import PDFDocument from 'pdfkit';
import { m } from '$lib/paraglide/messages';
import { definitionOf } from '$lib/reports/definitions';
import {
	FIGURE_KEYS,
	countryName,
	figureLabel,
	filterLabels,
	formatFigure,
	generatedLabel,
	groupName,
	monthLabel,
	type FigureKey,
	type Locale
} from '$lib/reports/format';
import type { Figures, ReportData } from '$lib/reports/types';
import { groupBars, monthLines } from './chart-data';
import {
	COLOURS,
	FONT,
	PAGE,
	barChart,
	lineChart,
	newPage,
	paragraph,
	room,
	sectionTitle,
	table,
	type Column
} from './pdf-draw';

export type PdfFonts = { regular: Buffer; bold: Buffer };
type Doc = InstanceType<typeof PDFDocument>;

const figureColumns = (first: string, keys: readonly FigureKey[], locale: Locale): Column[] => {
	const width = Math.floor((PAGE.width - 210) / keys.length);
	return [
		{ header: first, width: PAGE.width - width * keys.length },
		...keys.map((k) => ({ header: figureLabel(k, locale), width }))
	];
};
const figureCells = (f: Figures, keys: readonly FigureKey[], locale: Locale) =>
	keys.map((k) => formatFigure(k, f[k], locale));

/** The cover is the one portrait page. */
const COVER = { left: 56, width: 483 } as const;

function cover(doc: Doc, r: ReportData, locale: Locale) {
	const o = { locale };
	const labels = filterLabels(r, locale);
	doc.rect(0, 0, doc.page.width, 150).fill(COLOURS.brand);
	doc
		.font(FONT.bold)
		.fontSize(11)
		.fillColor(COLOURS.white)
		.text(m.report_pdf_org({}, o).toUpperCase(), COVER.left, 56, { width: COVER.width });
	doc
		.font(FONT.regular)
		.fontSize(10)
		.text(m.report_pdf_org_sub({}, o), COVER.left, doc.y + 4, { width: COVER.width });
	doc
		.font(FONT.bold)
		.fontSize(30)
		.fillColor(COLOURS.brand)
		.text(m.report_pdf_title({}, o), COVER.left, 190, { width: COVER.width });
	if (r.institution)
		doc
			.font(FONT.bold)
			.fontSize(15)
			.fillColor(COLOURS.ink)
			.text(r.institution.name, { width: COVER.width });
	doc
		.font(FONT.regular)
		.fontSize(15)
		.fillColor(COLOURS.ink)
		.text(labels.period, COVER.left, doc.y + 6, { width: COVER.width });

	let y = doc.y + 24;
	const facts: [string, string][] = [
		[m.table_country({}, o), labels.country],
		[m.report_course({}, o), labels.course],
		[m.table_department({}, o), labels.department]
	];
	for (const [k, v] of facts) {
		doc
			.font(FONT.bold)
			.fontSize(9.5)
			.fillColor(COLOURS.muted)
			.text(k, COVER.left, y, { width: 110 });
		doc
			.font(FONT.regular)
			.fontSize(9.5)
			.fillColor(COLOURS.ink)
			.text(v, COVER.left + 110, y, { width: COVER.width - 110 });
		y = doc.y + 5;
	}

	y += 22;
	doc
		.font(FONT.bold)
		.fontSize(12)
		.fillColor(COLOURS.brand)
		.text(m.report_summary_title({}, o), COVER.left, y);
	y = doc.y + 10;
	const boxWidth = (COVER.width - 2 * 12) / 3;
	FIGURE_KEYS.forEach((k, i) => {
		const x = COVER.left + (i % 3) * (boxWidth + 12);
		const top = y + Math.floor(i / 3) * 74;
		doc.rect(x, top, boxWidth, 62).fill(COLOURS.wash);
		doc.rect(x, top, 3, 62).fill(COLOURS.brand);
		doc
			.font(FONT.regular)
			.fontSize(8.5)
			.fillColor(COLOURS.muted)
			.text(figureLabel(k, locale), x + 12, top + 9, { width: boxWidth - 20 });
		doc
			.font(FONT.bold)
			.fontSize(20)
			.fillColor(COLOURS.ink)
			.text(formatFigure(k, r.total[k], locale), x + 12, top + 28, { width: boxWidth - 20 });
	});

	doc.font(FONT.regular).fontSize(8.5).fillColor(COLOURS.muted);
	const note = `${m.report_pdf_generated({ date: generatedLabel(r.generatedAt, locale) }, o)}\n${r.kind === 'council' ? m.report_pdf_aggregates({}, o) : m.report_pdf_institution_note({}, o)}`;
	doc.text(note, COVER.left, 740, { width: COVER.width });
}

/** Running header and page numbers on every page but the cover (drawn once all pages exist). */
function furniture(doc: Doc, r: ReportData, locale: Locale) {
	const { start, count } = doc.bufferedPageRange();
	const title = `${m.report_pdf_title({}, { locale })} · ${filterLabels(r, locale).period}`;
	for (let i = start + 1; i < start + count; i++) {
		doc.switchToPage(i);
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0; // writing in the margin must not start a new page
		doc.font(FONT.regular).fontSize(8).fillColor(COLOURS.muted);
		doc.text(title, PAGE.left, 32, { width: PAGE.width - 60, lineBreak: false, ellipsis: true });
		doc.text('Aula', PAGE.right - 60, 32, { width: 60, align: 'right', lineBreak: false });
		doc
			.moveTo(PAGE.left, 46)
			.lineTo(PAGE.right, 46)
			.lineWidth(0.5)
			.strokeColor(COLOURS.line)
			.stroke();
		doc.text(
			m.report_page_of({ page: i + 1, pages: count }, { locale }),
			PAGE.left,
			doc.page.height - 36,
			{ width: PAGE.width, align: 'center', lineBreak: false }
		);
		doc.page.margins.bottom = bottom;
	}
}

/**
 * @example renderReportPdf(report, { fonts: await loadReportFonts(), locale: 'es' }).pipe(file)
 */
export function renderReportPdf(r: ReportData, options: { fonts: PdfFonts; locale: Locale }): Doc {
	const { locale } = options;
	const o = { locale };
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: 56, bottom: 56, left: COVER.left, right: 595 - COVER.left - COVER.width },
		bufferPages: true,
		lang: locale === 'en' ? 'en' : 'es-BO',
		displayTitle: true,
		info: {
			Title: `${m.report_pdf_title({}, o)} — ${filterLabels(r, locale).period}`,
			Author: m.report_pdf_org({}, o),
			Subject: r.institution?.name ?? m.report_pdf_org_sub({}, o),
			Creator: 'Aula',
			CreationDate: new Date(r.generatedAt)
		}
	});
	doc.registerFont(FONT.regular, options.fonts.regular);
	doc.registerFont(FONT.bold, options.fonts.bold);

	cover(doc, r, locale);

	// Page 2: the two countries side by side, and the courses ("in which subjects").
	newPage(doc);
	let y: number = PAGE.top;
	if (r.countries.length > 1) {
		y = sectionTitle(doc, m.report_binational_title({}, o), y);
		y = paragraph(doc, m.report_binational_lead({}, o), y);
		y = table(
			doc,
			[
				{ header: m.report_figure({}, o), width: 250 },
				...r.countries.map((c) => ({ header: countryName(c.country, locale), width: 160 })),
				{ header: m.council_total({}, o), width: PAGE.width - 250 - 160 * r.countries.length }
			],
			FIGURE_KEYS.map((k) => [
				figureLabel(k, locale),
				...r.countries.map((c) => formatFigure(k, c.figures[k], locale)),
				formatFigure(k, r.total[k], locale)
			]),
			y,
			{ size: 8.5 }
		);
	}
	y = sectionTitle(doc, m.report_by_course({}, o), y);
	if (r.courses.length === 0) y = paragraph(doc, m.report_no_data({}, o), y);
	else
		y = table(
			doc,
			figureColumns(m.report_course({}, o), FIGURE_KEYS, locale),
			r.courses.map((c) => [c.title, ...figureCells(c.figures, FIGURE_KEYS, locale)]),
			y
		);

	// Month by month.
	newPage(doc);
	const lines = monthLines(r, locale);
	y = sectionTitle(doc, m.report_by_month({}, o), PAGE.top);
	y = paragraph(doc, lines.desc, y, 8.5, COLOURS.muted);
	y = lineChart(doc, lines, y, locale);
	const monthKeys = FIGURE_KEYS.filter((k) => k !== 'trained');
	y = table(
		doc,
		figureColumns(m.report_month({}, o), monthKeys, locale),
		r.months.map((x) => [
			monthLabel(x.month, locale),
			...figureCells(x.figures, monthKeys, locale)
		]),
		y
	);

	// Institution by institution (or unit by unit).
	newPage(doc);
	y = sectionTitle(
		doc,
		r.kind === 'council' ? m.report_by_institution({}, o) : m.report_by_unit({}, o),
		PAGE.top
	);
	if (r.groups.length === 0) y = paragraph(doc, m.report_no_data({}, o), y);
	else {
		const bars = groupBars(r, locale, 15, 48);
		y = paragraph(doc, bars.desc, y, 8.5, COLOURS.muted);
		y = barChart(doc, bars, y, locale);
		const first = r.kind === 'council' ? m.table_institution({}, o) : m.table_unit({}, o);
		const rows = r.groups.map((g) => [
			groupName(g, r.kind, locale) + (r.kind === 'council' && g.country ? ` (${g.country})` : ''),
			...figureCells(g.figures, FIGURE_KEYS, locale)
		]);
		y = table(doc, figureColumns(first, FIGURE_KEYS, locale), rows, y, {
			total: [m.council_total({}, o), ...figureCells(r.total, FIGURE_KEYS, locale)]
		});
	}

	const definitions: [string, string][] = [
		[m.table_department({}, o), m.report_def_department({}, o)],
		...FIGURE_KEYS.map((k): [string, string] => [figureLabel(k, locale), definitionOf(k, locale)]),
		[m.report_def_dates_title({}, o), m.report_def_dates({}, o)]
	];
	// The definitions stay together on one page.
	doc.font(FONT.regular).fontSize(8.5);
	const height = definitions.reduce(
		(h, [, text]) => h + Math.max(12, doc.heightOfString(text, { width: PAGE.width - 180 })) + 6,
		40
	);
	y = sectionTitle(doc, m.report_definitions_title({}, o), room(doc, y, height));
	for (const [term, text] of definitions) {
		doc.font(FONT.regular).fontSize(8.5);
		y = room(doc, y, doc.heightOfString(text, { width: PAGE.width - 180 }) + 6);
		doc.font(FONT.bold).fillColor(COLOURS.ink).text(term, PAGE.left, y, { width: 170 });
		doc.font(FONT.regular).text(text, PAGE.left + 180, y, { width: PAGE.width - 180, lineGap: 1 });
		y = Math.max(doc.y, y + 12) + 6;
	}

	furniture(doc, r, locale);
	doc.end();
	return doc;
}
