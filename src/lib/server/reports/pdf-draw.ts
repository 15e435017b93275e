/**
 * Drawing helpers for the PDF report (pdfkit): page furniture, tables that continue across pages
 * with their header repeated, and bar and line charts drawn as vector graphics from the same chart
 * series as the web page. Everything here only draws what it is given.
 */
import type PDFDocument from 'pdfkit';
import { niceTicks, seriesMax, type ChartSpec } from '$lib/charts/scale';
import { SERIES_COLOURS } from '$lib/components/charts/colours';
import { formatNumber, type Locale } from '$lib/reports/format';

type Doc = InstanceType<typeof PDFDocument>;

export const COLOURS = {
	brand: '#1f4e5f',
	ink: '#1b2327',
	muted: '#4d5a61',
	line: '#d5dde0',
	wash: '#eef3f5',
	white: '#ffffff'
} as const;

/** The content box of the report's pages (A4 landscape: wide tables need the width), in points. */
export const PAGE = { left: 50, right: 792, top: 64, bottom: 540, width: 742 } as const;
const MARGINS = {
	top: PAGE.top,
	bottom: 595 - PAGE.bottom,
	left: PAGE.left,
	right: 842 - PAGE.right
};

export function newPage(doc: Doc) {
	doc.addPage({ size: 'A4', layout: 'landscape', margins: MARGINS });
}

export const FONT = { regular: 'NotoSans', bold: 'NotoSans-Bold' } as const;

/** Starts a new page when `height` more points do not fit; returns the y to draw at. */
export function room(doc: Doc, y: number, height: number): number {
	if (y + height <= PAGE.bottom) return y;
	newPage(doc);
	return PAGE.top;
}

export function sectionTitle(doc: Doc, text: string, y: number): number {
	y = room(doc, y, 60);
	doc
		.font(FONT.bold)
		.fontSize(14)
		.fillColor(COLOURS.brand)
		.text(text, PAGE.left, y, { width: PAGE.width });
	const bottom = doc.y + 4;
	doc
		.moveTo(PAGE.left, bottom)
		.lineTo(PAGE.left + 40, bottom)
		.lineWidth(2)
		.strokeColor(COLOURS.brand)
		.stroke();
	return bottom + 10;
}

export function paragraph(
	doc: Doc,
	text: string,
	y: number,
	size = 9.5,
	colour: string = COLOURS.ink
): number {
	doc.font(FONT.regular).fontSize(size);
	y = room(doc, y, doc.heightOfString(text, { width: PAGE.width }) + 4);
	doc.fillColor(colour).text(text, PAGE.left, y, { width: PAGE.width, lineGap: 1.5 });
	return doc.y + 6;
}

export type Column = { header: string; width: number; align?: 'left' | 'right' };

/** A table; rows that do not fit continue on the next page under a repeated header. */
export function table(
	doc: Doc,
	columns: Column[],
	rows: string[][],
	y: number,
	options: { total?: string[]; size?: number } = {}
): number {
	const size = options.size ?? 7.5;
	const pad = 3;
	const cellHeight = (cells: string[], bold: boolean) => {
		doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
		return (
			Math.max(
				...cells.map((c, i) => doc.heightOfString(c, { width: columns[i].width - 2 * pad }))
			) +
			2 * pad
		);
	};
	const drawRow = (
		cells: string[],
		top: number,
		height: number,
		kind: 'header' | 'body' | 'total'
	) => {
		if (kind === 'header') doc.rect(PAGE.left, top, PAGE.width, height).fill(COLOURS.brand);
		doc
			.font(kind === 'body' ? FONT.regular : FONT.bold)
			.fontSize(size)
			.fillColor(kind === 'header' ? COLOURS.white : COLOURS.ink);
		let x = PAGE.left;
		cells.forEach((c, i) => {
			doc.text(c, x + pad, top + pad, {
				width: columns[i].width - 2 * pad,
				align: columns[i].align ?? (i === 0 ? 'left' : 'right')
			});
			x += columns[i].width;
		});
		const line = kind === 'total' ? COLOURS.ink : COLOURS.line;
		doc
			.moveTo(PAGE.left, top + height)
			.lineTo(PAGE.right, top + height)
			.lineWidth(kind === 'total' ? 1 : 0.5)
			.strokeColor(line)
			.stroke();
	};
	const headerCells = columns.map((c) => c.header);
	const headerHeight = cellHeight(headerCells, true);
	y = room(doc, y, headerHeight + 40);
	drawRow(headerCells, y, headerHeight, 'header');
	y += headerHeight;
	const all: [string[], 'body' | 'total'][] = rows.map((r) => [r, 'body']);
	if (options.total) all.push([options.total, 'total']);
	for (const [cells, kind] of all) {
		const h = cellHeight(cells, kind === 'total');
		if (y + h > PAGE.bottom) {
			newPage(doc);
			y = PAGE.top;
			drawRow(headerCells, y, headerHeight, 'header');
			y += headerHeight;
		}
		drawRow(cells, y, h, kind);
		y += h;
	}
	return y + 12;
}

function legend(doc: Doc, names: string[], x: number, y: number, lines: boolean): number {
	doc.font(FONT.regular).fontSize(8);
	names.forEach((name, j) => {
		const colour = SERIES_COLOURS[j % SERIES_COLOURS.length];
		if (lines) {
			doc.save().lineWidth(2).strokeColor(colour);
			if (j === 1) doc.dash(5, { space: 3 });
			if (j === 2) doc.dash(1.5, { space: 2 });
			doc
				.moveTo(x, y + 4)
				.lineTo(x + 18, y + 4)
				.stroke()
				.restore();
		} else {
			doc.rect(x, y, 14, 8).fill(colour);
		}
		doc.fillColor(COLOURS.ink).text(name, x + 22, y, { lineBreak: false });
		x += 22 + doc.widthOfString(name) + 16;
	});
	return y + 16;
}

/** Horizontal grouped bars, one row per label; returns the y below the chart. */
export function barChart(doc: Doc, spec: ChartSpec, y: number, locale: Locale): number {
	const labelWidth = 230;
	const barHeight = 7;
	const rowHeight = spec.series.length * barHeight + 7;
	const height = spec.labels.length * rowHeight + 48;
	y = room(doc, y, height);
	y = legend(
		doc,
		spec.series.map((s) => s.name),
		PAGE.left + labelWidth,
		y,
		false
	);
	const plotWidth = PAGE.width - labelWidth - 60;
	const ticks = niceTicks(seriesMax(spec.series));
	const scale = (v: number) => (v / ticks[ticks.length - 1]) * plotWidth;
	const x0 = PAGE.left + labelWidth;
	const plotBottom = y + spec.labels.length * rowHeight;
	doc.font(FONT.regular).fontSize(7);
	for (const t of ticks) {
		doc
			.moveTo(x0 + scale(t), y)
			.lineTo(x0 + scale(t), plotBottom)
			.lineWidth(0.5)
			.strokeColor(COLOURS.line)
			.stroke();
		doc.fillColor(COLOURS.muted).text(formatNumber(t, locale), x0 + scale(t) - 25, plotBottom + 4, {
			width: 50,
			align: 'center'
		});
	}
	spec.labels.forEach((label, i) => {
		const top = y + i * rowHeight + 3;
		doc.font(FONT.regular).fontSize(7.5).fillColor(COLOURS.ink);
		doc.text(label, PAGE.left, top + (spec.series.length * barHeight) / 2 - 4, {
			width: labelWidth - 8,
			align: 'right',
			lineBreak: false,
			ellipsis: true
		});
		spec.series.forEach((s, j) => {
			const v = s.values[i];
			const w = v > 0 ? Math.max(0.8, scale(v)) : 0;
			doc
				.rect(x0, top + j * barHeight, w, barHeight - 1.5)
				.fill(SERIES_COLOURS[j % SERIES_COLOURS.length]);
			doc
				.font(FONT.regular)
				.fontSize(6)
				.fillColor(COLOURS.ink)
				.text(formatNumber(v, locale), x0 + w + 3, top + j * barHeight, { lineBreak: false });
		});
	});
	doc.moveTo(x0, y).lineTo(x0, plotBottom).lineWidth(0.8).strokeColor(COLOURS.muted).stroke();
	return plotBottom + 22;
}

/** Lines over evenly spaced months, told apart by colour, dash and marker; returns the y below. */
export function lineChart(
	doc: Doc,
	spec: ChartSpec,
	y: number,
	locale: Locale,
	height = 150
): number {
	y = room(doc, y, height + 40);
	y = legend(
		doc,
		spec.series.map((s) => s.name),
		PAGE.left + 40,
		y,
		true
	);
	const left = PAGE.left + 40;
	const width = PAGE.width - 50;
	const plotHeight = height - 30;
	const ticks = niceTicks(seriesMax(spec.series));
	const yOf = (v: number) => y + plotHeight - (v / ticks[ticks.length - 1]) * plotHeight;
	const xOf = (i: number) =>
		left + (spec.labels.length <= 1 ? width / 2 : (i / (spec.labels.length - 1)) * width);
	doc.font(FONT.regular).fontSize(7);
	for (const t of ticks) {
		doc
			.moveTo(left, yOf(t))
			.lineTo(left + width, yOf(t))
			.lineWidth(0.5)
			.strokeColor(COLOURS.line)
			.stroke();
		doc
			.fillColor(COLOURS.muted)
			.text(formatNumber(t, locale), PAGE.left - 4, yOf(t) - 3.5, { width: 40, align: 'right' });
	}
	const every = Math.max(1, Math.ceil(spec.labels.length / 12));
	spec.labels.forEach((label, i) => {
		if (i % every === 0)
			doc
				.fillColor(COLOURS.muted)
				.text(label, xOf(i) - 25, y + plotHeight + 5, { width: 50, align: 'center' });
	});
	spec.series.forEach((s, j) => {
		const colour = SERIES_COLOURS[j % SERIES_COLOURS.length];
		doc.save().lineWidth(1.8).strokeColor(colour);
		if (j === 1) doc.dash(5, { space: 3 });
		if (j === 2) doc.dash(1.5, { space: 2 });
		s.values.forEach((v, i) => (i === 0 ? doc.moveTo(xOf(i), yOf(v)) : doc.lineTo(xOf(i), yOf(v))));
		doc.stroke().restore();
		s.values.forEach((v, i) => {
			if (j === 1) doc.rect(xOf(i) - 2.2, yOf(v) - 2.2, 4.4, 4.4).fill(colour);
			else if (j === 2)
				doc
					.polygon([xOf(i), yOf(v) - 3], [xOf(i) + 3, yOf(v) + 2.5], [xOf(i) - 3, yOf(v) + 2.5])
					.fill(colour);
			else doc.circle(xOf(i), yOf(v), 2.2).fill(colour);
		});
	});
	doc
		.moveTo(left, yOf(0))
		.lineTo(left + width, yOf(0))
		.lineWidth(0.8)
		.strokeColor(COLOURS.muted)
		.stroke();
	return y + plotHeight + 26;
}
