import { getDb } from '$lib/server/db';
import { listInstitutions } from '$lib/server/institutions/repository';
import { attemptVersions } from '$lib/server/quizzes/analysis-data';
import { itemAnalysisFor } from '$lib/server/quizzes/analysis-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { course, module, filter, attempts, stats } = await itemAnalysisFor(event);
	const db = getDb();
	return {
		course: { slug: course.slug, title: course.title, version: course.version },
		module: { slug: module.slug, title: module.title },
		filter,
		attempts,
		stats,
		versions: await attemptVersions(db, course.slug, module.slug),
		institutions: (await listInstitutions(db)).map((i) => ({ id: i.id, name: i.name, country: i.country })),
		query: event.url.search
	};
};
