import { itemAnalysisCsv } from '$lib/server/quizzes/item-analysis';
import { itemAnalysisFor } from '$lib/server/quizzes/analysis-page';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const { course, module, stats } = await itemAnalysisFor(event);
	return new Response(itemAnalysisCsv(stats), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition(`analisis-${course.slug}-${module.slug}.csv`)
		}
	});
};
