/**
 * Chart arithmetic shared by the SVG charts on the pages and the vector charts in the PDF:
 * a "nice" axis maximum with round ticks, and linear scales. Pure.
 */

/**
 * Round ticks from 0 to at least `max`, about `count` of them.
 * @example niceTicks(87) // [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(max: number, count = 5): number[] {
	if (!(max > 0)) return [0, 1];
	const rough = max / count;
	const power = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
	// Integer figures (people, enrolments) get integer ticks.
	const whole = Math.max(step, Number.isInteger(max) ? 1 : 0);
	const ticks: number[] = [];
	for (let i = 0; ; i++) {
		const v = Number((i * whole).toFixed(10));
		ticks.push(v);
		if (v >= max) return ticks;
	}
}

/** Maps [0, domainMax] onto [0, length]. */
export function linear(domainMax: number, length: number): (v: number) => number {
	return domainMax > 0 ? (v) => (v / domainMax) * length : () => 0;
}

export type Series = { name: string; values: number[] };

/** What a report chart shows: labelled series, drawn as SVG on the page and as vectors in the PDF. */
export type ChartSpec = {
	title: string;
	/** A sentence that says what the chart shows, for screen readers and the PDF. */
	desc: string;
	labels: string[];
	series: Series[];
};

/** The largest value of any series (0 when there are none): the top of a chart's scale. */
export const seriesMax = (series: Series[]) => Math.max(0, ...series.flatMap((s) => s.values));

export type BarLayout = {
	width: number;
	height: number;
	labelWidth: number;
	plotWidth: number;
	rowHeight: number;
	barHeight: number;
	top: number;
	ticks: number[];
	x: (v: number) => number;
};

/** Horizontal grouped bars: one row per label, one bar per series within the row. */
export function barLayout(
	rows: number,
	series: number,
	max: number,
	width = 720,
	labelWidth = 260
): BarLayout {
	const barHeight = 12;
	const rowHeight = series * barHeight + 12;
	const top = 8;
	const ticks = niceTicks(max);
	const plotWidth = width - labelWidth - 48;
	return {
		width,
		height: top + rows * rowHeight + 28,
		labelWidth,
		plotWidth,
		rowHeight,
		barHeight,
		top,
		ticks,
		x: linear(ticks[ticks.length - 1], plotWidth)
	};
}

export type LineLayout = {
	width: number;
	height: number;
	left: number;
	top: number;
	plotWidth: number;
	plotHeight: number;
	ticks: number[];
	x: (i: number) => number;
	y: (v: number) => number;
	/** Which x labels to print so they do not collide. */
	labelEvery: number;
};

/** Lines over `points` evenly spaced x positions (months). */
export function lineLayout(points: number, max: number, width = 720, height = 280): LineLayout {
	const left = 56;
	const top = 12;
	const plotWidth = width - left - 40;
	const plotHeight = height - top - 44;
	const ticks = niceTicks(max);
	const y = linear(ticks[ticks.length - 1], plotHeight);
	return {
		width,
		height,
		left,
		top,
		plotWidth,
		plotHeight,
		ticks,
		x: (i) => left + (points <= 1 ? plotWidth / 2 : (i / (points - 1)) * plotWidth),
		y: (v) => top + plotHeight - y(v),
		labelEvery: Math.max(1, Math.ceil(points / 7))
	};
}
