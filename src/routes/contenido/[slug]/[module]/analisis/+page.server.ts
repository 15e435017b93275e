import { getDb } from '$lib/server/db';
import { listInstitutions } from '$lib/server/institutions/repository';
import { itemAnalysisFor } from '$lib/server/quizzes/analysis-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { course, module, filter, versions, unknownVersion, attempts, stats } = await itemAnalysisFor(event);
	return {
		course: { slug: course.slug, title: course.title, version: course.version },
		module: { slug: module.slug, title: module.title },
		filter,
		attempts,
		stats,
		versions,
		unknownVersion,
		institutions: (await listInstitutions(getDb())).map((i) => ({ id: i.id, name: i.name, country: i.country })),
		query: event.url.search
	};
};
