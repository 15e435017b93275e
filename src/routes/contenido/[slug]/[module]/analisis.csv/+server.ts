import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { itemAnalysisCsv } from '$lib/server/quizzes/item-analysis';
import { itemAnalysisFor } from '$lib/server/quizzes/analysis-page';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http';

export const GET: RequestHandler = async (event) => {
	const { course, module, stats, unknownVersion } = await itemAnalysisFor(event);
	if (unknownVersion !== null) error(400, m.analysis_version_unknown({ version: unknownVersion }));
	return new Response(itemAnalysisCsv(stats), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition(`analisis-${course.slug}-${module.slug}.csv`)
		}
	});
};
