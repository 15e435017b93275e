import { getLocale } from '$lib/paraglide/runtime';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { reachCsv } from '$lib/server/public/reach-report';
import { reportFileName } from '$lib/server/reports/council-page';
import { parseReportFilter } from '$lib/server/reports/filters';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireRole(event, 'council', 'admin');
	const filter = parseReportFilter(event.url.searchParams);
	return new Response(await reachCsv(getDb(), filter, getLocale()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${reportFileName(filter, 'csv', 'prevencion-alcance')}"`
		}
	});
};
