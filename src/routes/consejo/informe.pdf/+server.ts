import { Readable } from 'node:stream';
import { councilReportFor, reportFileName } from '$lib/server/reports/council-page';
import { loadReportFonts } from '$lib/server/reports/fonts';
import { renderReportPdf } from '$lib/server/reports/pdf';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const { filter, report, locale } = await councilReportFor(event);
	const pdf = renderReportPdf(report, { fonts: await loadReportFonts(), locale });
	return new Response(Readable.toWeb(pdf) as ReadableStream<Uint8Array>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': contentDisposition(reportFileName(filter, 'pdf'))
		}
	});
};
