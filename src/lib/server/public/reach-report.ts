/** "Prevención: alcance" on the Council dashboard and its CSV: open courses' reach by place. */
import type { Kysely } from 'kysely';
import { m } from '$lib/paraglide/messages';
import type { ChartSpec } from '$lib/charts/scale';
import type { Locale } from '$lib/reports/format';
import { findPublicCourse } from '../courses/catalog';
import type { DB } from '../db/schema';
import { BOM, csvLine } from '../reports/csv';
import { reachByDay, reachByPlace } from './reach';

const CHART_ROWS = 10;

const titleOf = (slug: string) => findPublicCourse(slug)?.title ?? slug;
const placeName = (place: string, locale: Locale) => place || m.reach_no_place({}, { locale });

export async function reachReport(
	db: Kysely<DB>,
	period: { from: string; to: string },
	locale: Locale
) {
	const rows = (await reachByPlace(db, period)).map((r) => ({
		...r,
		course: titleOf(r.courseSlug),
		placeName: placeName(r.place, locale)
	}));
	const shown = rows.slice(0, CHART_ROWS);
	const chart: ChartSpec = {
		title: m.reach_chart_title({}, { locale }),
		desc: m.reach_chart_desc({ shown: shown.length, total: rows.length }, { locale }),
		labels: shown.map((r) => `${r.placeName} · ${r.course}`),
		series: [
			{ name: m.reach_starts({}, { locale }), values: shown.map((r) => r.starts) },
			{ name: m.reach_completions({}, { locale }), values: shown.map((r) => r.completions) }
		]
	};
	const total = rows.reduce(
		(t, r) => ({ starts: t.starts + r.starts, completions: t.completions + r.completions }),
		{ starts: 0, completions: 0 }
	);
	return { rows, chart, total };
}

/** One line per day, course and place, as stored (counts only). */
export async function reachCsv(
	db: Kysely<DB>,
	period: { from: string; to: string },
	locale: Locale
): Promise<string> {
	const o = { locale };
	const rows = await reachByDay(db, period);
	return (
		BOM +
		csvLine([
			m.reach_day({}, o),
			m.report_course({}, o),
			m.reach_place({}, o),
			m.reach_starts({}, o),
			m.reach_completions({}, o)
		]) +
		rows
			.map((r) =>
				csvLine([
					r.day,
					titleOf(r.course_slug),
					placeName(r.place, locale),
					Number(r.starts),
					Number(r.completions)
				])
			)
			.join('')
	);
}
