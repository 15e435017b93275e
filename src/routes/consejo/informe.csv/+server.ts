import { councilReportFor, reportFileName } from '$lib/server/reports/council-page';
import { reportCsv } from '$lib/server/reports/csv';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { filter, report, locale } = await councilReportFor(event);
	return new Response(reportCsv(report, locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${reportFileName(filter, 'csv')}"`
		}
	});
};
