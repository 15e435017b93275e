import { Readable } from 'node:stream';
import { getDb } from '$lib/server/db';
import { councilReportFor, reportFileName } from '$lib/server/reports/council-page';
import { enrolmentExportRows } from '$lib/server/reports/enrolment-rows';
import { reportXlsx } from '$lib/server/reports/xlsx';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const { filter, report, locale } = await councilReportFor(event);
	const workbook = reportXlsx(report, locale, enrolmentExportRows(getDb(), filter));
	return new Response(Readable.toWeb(workbook) as ReadableStream<Uint8Array>, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': contentDisposition(reportFileName(filter, 'xlsx'))
		}
	});
};
