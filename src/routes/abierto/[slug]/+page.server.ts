import { renderCourseMarkdown } from '$lib/server/courses/render';
import { courseSummary } from '$lib/server/courses/view';
import { courseHead, openCourseOr404, openModuleTitle } from '$lib/server/public/pages';
import { visitFrom, visitQuery } from '$lib/server/public/visit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const course = openCourseOr404(params.slug);
	const visit = visitFrom(url);
	const { html } = await renderCourseMarkdown(course);
	const first = course.modules[0];
	return {
		course: {
			...courseHead(course, url),
			summary: courseSummary(course),
			minutes: course.modules.reduce((s, x) => s + x.minutes, 0),
			html
		},
		modules: course.modules.map((x) => ({
			slug: x.slug,
			number: x.number,
			title: openModuleTitle(x, visit),
			minutes: x.minutes
		})),
		// Following this link counts one start (see the module page).
		startHref: `/abierto/${course.slug}/${first.slug}${visitQuery(visit, { inicio: '1' })}`
	};
};
