import { getDb } from '$lib/server/db';
import { groupBars, monthLines } from '$lib/server/reports/chart-data';
import { reachReport } from '$lib/server/public/reach-report';
import { councilReportFor } from '$lib/server/reports/council-page';
import { filterQuery, NO_DEPARTMENT } from '$lib/server/reports/filters';
import { reportOptions } from '$lib/server/reports/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { filter, report, locale } = await councilReportFor(event);
	return {
		filter,
		report,
		options: await reportOptions(getDb()),
		noDepartment: NO_DEPARTMENT,
		bars: groupBars(report, locale),
		lines: monthLines(report, locale),
		exportQuery: filterQuery(filter),
		reach: await reachReport(getDb(), filter, locale)
	};
};
