import { redirect } from '@sveltejs/kit';
import { renderCourseMarkdown } from '$lib/server/courses/render';
import { getDb } from '$lib/server/db';
import {
	courseHead,
	keepVisitInLinks,
	openCourseOr404,
	openModuleOr404,
	openModuleTitle
} from '$lib/server/public/pages';
import { countReach } from '$lib/server/public/reach';
import { reviewedTranslation, visitFrom, visitQuery } from '$lib/server/public/visit';
import { fillContacts } from '$lib/server/settings/contacts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const course = openCourseOr404(params.slug);
	const module = openModuleOr404(course, params.module);
	const visit = visitFrom(url);
	const db = getDb();
	// "Empezar" on the course page: count one start, then send the reader to the clean, cacheable URL
	// (the 303 itself is never cached, so each click is counted once).
	if (url.searchParams.get('inicio') === '1') {
		await countReach(db, 'starts', course.slug, visit.place);
		redirect(303, url.pathname + visitQuery(visit));
	}
	const translation = reviewedTranslation(module, visit.language);
	const { html, glossary } = await renderCourseMarkdown(course, module.slug, translation?.language);
	const i = course.modules.indexOf(module);
	const link = (x: (typeof course.modules)[number] | undefined) =>
		x && {
			href: `/abierto/${course.slug}/${x.slug}${visitQuery(visit)}`,
			title: openModuleTitle(x, visit)
		};
	return {
		course: courseHead(course, url),
		module: {
			slug: module.slug,
			title: openModuleTitle(module, visit),
			minutes: module.minutes,
			objectives: module.objectives,
			html: keepVisitInLinks(await fillContacts(db, html), course, visit),
			glossary,
			// The text's language, for screen readers; Spanish when no reviewed translation exists.
			lang: translation?.language ?? 'es',
			untranslated: visit.language !== null && !translation,
			quizHref: module.quiz
				? `/abierto/${course.slug}/${module.slug}/evaluacion${visitQuery(visit)}`
				: null
		},
		position: { index: i + 1, total: course.modules.length },
		prev: link(course.modules[i - 1]),
		next: link(course.modules[i + 1])
	};
};
