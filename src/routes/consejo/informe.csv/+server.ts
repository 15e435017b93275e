import { councilReportFor, reportFileName } from '$lib/server/reports/council-page';
import { reportCsv } from '$lib/server/reports/csv';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const { filter, report, locale } = await councilReportFor(event);
	return new Response(reportCsv(report, locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition(reportFileName(filter, 'csv'))
		}
	});
};
