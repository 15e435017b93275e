import { getLocale } from '$lib/paraglide/runtime';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { reportFileName } from '$lib/server/reports/council-page';
import { enrolmentCsv } from '$lib/server/reports/csv';
import { enrolmentExportRows } from '$lib/server/reports/enrolment-rows';
import { parseReportFilter } from '$lib/server/reports/filters';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

/** Every enrolment of the period, without names, streamed from the database a page at a time. */
export const GET: RequestHandler = async (event) => {
	requireRole(event, 'council', 'admin');
	const filter = parseReportFilter(event.url.searchParams);
	return new Response(enrolmentCsv(enrolmentExportRows(getDb(), filter), getLocale()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition(reportFileName(filter, 'csv', 'inscripciones'))
		}
	});
};
