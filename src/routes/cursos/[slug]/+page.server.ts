import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { findCourse } from '$lib/server/courses/catalog';
import { renderCourseMarkdown } from '$lib/server/courses/render';
import { courseTitle, courseSummary, moduleTitle } from '$lib/server/courses/view';
import { certificateOfEnrolment } from '$lib/server/certificates/repository';
import { getDb } from '$lib/server/db';
import { canSelfEnrol, sectorOf } from '$lib/server/enrolment/access';
import { courseProgress } from '$lib/server/enrolment/progress';
import {
	enrol,
	getEnrolment,
	listEnrolmentsOf,
	progressOf
} from '$lib/server/enrolment/repository';
import { requestEnrolment, requestOf } from '$lib/server/enrolment/requests';
import { openAttemptsForOffline } from '$lib/server/quizzes/offline-attempts';
import type { Actions, PageServerLoad } from './$types';

function courseOr404(slug: string) {
	const course = findCourse(slug);
	if (!course) error(404, m.error_not_found());
	return course;
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const course = courseOr404(params.slug);
	const user = locals.user;
	const db = getDb();
	const enrolment = user ? await getEnrolment(db, user.id, course.slug) : undefined;
	const progress = enrolment ? courseProgress(course, await progressOf(db, enrolment.id), enrolment.last_module) : null;
	let enrolCheck = null;
	if (user && !enrolment) {
		enrolCheck = canSelfEnrol(course, user, await sectorOf(db, user), await listEnrolmentsOf(db, user.id));
	}
	const request = enrolCheck && !enrolCheck.ok && enrolCheck.reason === 'audience' && user ? await requestOf(db, user.id, course.slug) : undefined;
	const certificate = enrolment?.completed_at ? await certificateOfEnrolment(db, enrolment.id) : undefined;
	const { html } = await renderCourseMarkdown(course);
	return {
		course: {
			slug: course.slug,
			version: course.version,
			title: courseTitle(course),
			summary: courseSummary(course),
			hours: course.hours,
			minutes: course.modules.reduce((s, x) => s + x.minutes, 0),
			html,
			modules: course.modules.map((x) => ({
				slug: x.slug,
				number: x.number,
				title: moduleTitle(x),
				minutes: x.minutes,
				// Enrolled learners find them at the top of each module page: the syllabus stays light
				// (they were a third of the page, twice: in the HTML and in its data). Others see them here.
				objectives: enrolment ? null : x.objectives.map((o) => o.text),
				hasQuiz: !!x.quiz,
				state: progress?.states[x.slug] ?? null
			}))
		},
		enrolment: enrolment && {
			enrolledAt: enrolment.enrolled_at,
			completedAt: enrolment.completed_at,
			percent: progress!.percent,
			done: progress!.done,
			total: progress!.total,
			next: progress!.next && { slug: progress!.next.slug, title: moduleTitle(progress!.next) }
		},
		enrolCheck,
		request: request ? { status: request.status } : null,
		certificate: certificate && !certificate.revoked_at ? { code: certificate.code } : null,
		justCompleted: url.searchParams.has('completado')
	};
};

export const actions: Actions = {
	enrol: async (event) => {
		const user = requireUser(event);
		const course = courseOr404(event.params.slug);
		const db = getDb();
		const check = canSelfEnrol(course, user, await sectorOf(db, user), await listEnrolmentsOf(db, user.id));
		if (!check.ok && !(await getEnrolment(db, user.id, course.slug))) {
			return fail(403, { message: m.enrol_refused() });
		}
		await enrol(db, user.id, course, 'self');
		redirect(303, `/cursos/${course.slug}/${course.modules[0].slug}`);
	},
	/** Outside the course's audience: ask the coordinator of one's institution (approval queue). */
	request: async (event) => {
		const user = requireUser(event);
		const course = courseOr404(event.params.slug);
		const db = getDb();
		const check = canSelfEnrol(course, user, await sectorOf(db, user), await listEnrolmentsOf(db, user.id));
		if (check.ok || check.reason !== 'audience' || user.institutionId === null || (await getEnrolment(db, user.id, course.slug))) {
			return fail(400, { message: m.enrol_refused() });
		}
		await requestEnrolment(db, user.id, course.slug);
		return { requested: true };
	},
	/**
	 * "Disponible sin conexión", before it stores the pages: an open attempt of each untimed quiz,
	 * whose page is then stored too, so the quiz can be answered offline (docs/offline.md).
	 */
	offline: async (event) => {
		const user = requireUser(event);
		const course = courseOr404(event.params.slug);
		const db = getDb();
		const enrolment = await getEnrolment(db, user.id, course.slug);
		if (!enrolment || enrolment.status === 'withdrawn') return fail(403, { message: m.offline_not_enrolled() });
		const slugs = await openAttemptsForOffline(db, enrolment, course);
		return { quizPages: slugs.map((s) => `/cursos/${course.slug}/${s}/evaluacion`) };
	}
};
