import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { renderCourseMarkdown } from '$lib/server/courses/render';
import { courseTitle, moduleTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { DOWNLOAD_HEADER } from '$lib/offline/caches';
import { MODULE_TEXT_ID, PageHtml } from '$lib/page-html';
import { CLIENT_ID } from '$lib/server/enrolment/client-actions';
import { courseProgress } from '$lib/server/enrolment/progress';
import { requireEnrolledModule } from '$lib/server/enrolment/guard';
import { progressOf, recordVisit } from '$lib/server/enrolment/repository';
import { markModuleRead, markModuleReadOnce } from '$lib/server/enrolment/completion';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { course, module, enrolment } = await requireEnrolledModule(event);
	const db = getDb();
	// A download for offline reading fetches every module: that is not where the learner is.
	if (!event.request.headers.has(DOWNLOAD_HEADER)) await recordVisit(db, enrolment, module.slug);
	const progress = courseProgress(course, await progressOf(db, enrolment.id), module.slug);
	const i = course.modules.indexOf(module);
	const link = (x: (typeof course.modules)[number] | undefined) => x && { slug: x.slug, title: moduleTitle(x) };
	const { html, glossary } = await renderCourseMarkdown(course, module.slug);
	return {
		course: { slug: course.slug, title: courseTitle(course) },
		module: {
			slug: module.slug,
			number: module.number,
			title: moduleTitle(module),
			minutes: module.minutes,
			objectives: module.objectives,
			hasQuiz: !!module.quiz,
			// Timed quizzes are never answered offline (their clock runs on the server).
			quizTimed: !!module.quiz && module.quiz.settings.timeLimitMinutes > 0,
			state: progress.states[module.slug],
			// Read back from the page at hydration, not sent twice (page-html.ts).
			html: new PageHtml(html, event.isDataRequest ? null : MODULE_TEXT_ID),
			glossary
		},
		position: { index: i + 1, total: course.modules.length },
		prev: link(course.modules[i - 1]),
		next: link(course.modules[i + 1]),
		percent: progress.percent,
		completed: !!enrolment.completed_at
	};
};

export const actions: Actions = {
	read: async (event) => {
		const { course, module, enrolment } = await requireEnrolledModule(event);
		// A click queued offline comes with the browser's id for it, so that its replay counts once.
		const clientId = (await event.request.formData()).get('clientId');
		if (clientId !== null && (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))) {
			return fail(400, { message: m.offline_bad_client_id() });
		}
		const completed = clientId
			? await markModuleReadOnce(getDb(), enrolment, course, module, clientId).then((r) => !r.replayed && r.completed)
			: await markModuleRead(getDb(), enrolment, course, module);
		if (completed) redirect(303, `/cursos/${course.slug}?completado=1`);
		return { read: true };
	}
};
