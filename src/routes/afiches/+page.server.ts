import { requireRole } from '$lib/server/auth/guard';
import { listPublicCourses } from '$lib/server/courses/catalog';
import { courseTitle } from '$lib/server/courses/view';
import { parsePosterRequest } from '$lib/server/public/poster-request';
import { POSTER_SIZES } from '$lib/server/public/poster';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin', 'coordinator');
	const params = event.url.searchParams;
	// The download sends a refused form back here, with its values, to show what to fix.
	const errors = params.has('error')
		? (() => {
				const parsed = parsePosterRequest(params);
				return parsed.ok ? {} : parsed.errors;
			})()
		: {};
	return {
		courses: listPublicCourses()
			.filter((c) => c.poster)
			.map((c) => ({ slug: c.slug, title: courseTitle(c) })),
		sizes: POSTER_SIZES,
		values: {
			curso: params.get('curso') ?? '',
			tamano: params.get('tamano') ?? 'A4',
			lugar: params.get('lugar') ?? ''
		},
		errors
	};
};
