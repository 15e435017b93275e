/**
 * What the report's two charts show, as plain labelled series: the bars per institution (or unit)
 * and the lines over months. The page's SVG charts and the PDF's vector charts both draw these,
 * with a text summary for people who do not see the chart.
 */
import { m } from '$lib/paraglide/messages';
import { formatNumber, groupShortName, monthLabel, type Locale } from '$lib/reports/format';
import type { ChartSpec } from '$lib/charts/scale';
import type { ReportData } from '$lib/reports/types';

/** Enrolments and completions per group, largest first; at most `limit` bars (the table has all). */
export function groupBars(r: ReportData, locale: Locale, limit = 15, labelLength = 34): ChartSpec {
	const rows = [...r.groups]
		.sort(
			(a, b) => b.figures.enrolled - a.figures.enrolled || b.figures.completed - a.figures.completed
		)
		.slice(0, limit);
	const title =
		r.kind === 'council'
			? m.report_chart_bars_title({}, { locale })
			: m.report_chart_units_title({}, { locale });
	const top = rows[0];
	const desc = top
		? (r.kind === 'council' ? m.report_chart_bars_desc : m.report_chart_units_desc)(
				{
					shown: rows.length,
					total: r.groups.length,
					name: groupShortName(top, r.kind, locale, 80),
					enrolled: formatNumber(top.figures.enrolled, locale),
					completed: formatNumber(top.figures.completed, locale)
				},
				{ locale }
			)
		: m.report_no_data({}, { locale });
	return {
		title,
		desc,
		labels: rows.map((g) => groupShortName(g, r.kind, locale, labelLength)),
		series: [
			{ name: m.report_fig_enrolled({}, { locale }), values: rows.map((g) => g.figures.enrolled) },
			{ name: m.report_fig_completed({}, { locale }), values: rows.map((g) => g.figures.completed) }
		]
	};
}

/** Enrolments, completions and certificates month by month. */
export function monthLines(r: ReportData, locale: Locale): ChartSpec {
	const peak = r.months.reduce<ReportData['months'][number] | null>(
		(best, x) => (!best || x.figures.enrolled > best.figures.enrolled ? x : best),
		null
	);
	const desc =
		peak && peak.figures.enrolled > 0
			? m.report_chart_lines_desc(
					{
						enrolled: formatNumber(r.total.enrolled, locale),
						completed: formatNumber(r.total.completed, locale),
						month: monthLabel(peak.month, locale),
						peak: formatNumber(peak.figures.enrolled, locale)
					},
					{ locale }
				)
			: m.report_no_data({}, { locale });
	return {
		title: m.report_chart_lines_title({}, { locale }),
		desc,
		labels: r.months.map((x) => monthLabel(x.month, locale)),
		series: [
			{
				name: m.report_fig_enrolled({}, { locale }),
				values: r.months.map((x) => x.figures.enrolled)
			},
			{
				name: m.report_fig_completed({}, { locale }),
				values: r.months.map((x) => x.figures.completed)
			},
			{
				name: m.report_fig_certificates({}, { locale }),
				values: r.months.map((x) => x.figures.certificates)
			}
		]
	};
}
