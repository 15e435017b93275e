import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { findCourse, findModule } from '$lib/server/courses/catalog';
import type { QuizModule } from '$lib/server/courses/types';
import { courseTitle, moduleTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { getEnrolment, markModuleRead } from '$lib/server/enrolment/repository';
import { answersFromForm } from '$lib/server/quizzes/answers';
import { getAttempt, saveAnswers, startAttempt, submitAttempt } from '$lib/server/quizzes/attempts';
import { loadQuizPage } from '$lib/server/quizzes/quiz-page';
import type { Actions, PageServerLoad } from './$types';

async function context(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireUser(event);
	const course = findCourse(event.params.slug ?? '');
	const found = course && findModule(course, event.params.module ?? '');
	if (!course || !found?.quiz) error(404, m.error_not_found());
	const module: QuizModule = { ...found, quiz: found.quiz };
	const enrolment = await getEnrolment(getDb(), user.id, course.slug);
	if (!enrolment || enrolment.status === 'withdrawn') redirect(303, `/cursos/${course.slug}`);
	return { user, course, module, enrolment };
}

export const load: PageServerLoad = async (event) => {
	const { course, module, enrolment } = await context(event);
	return {
		course: { slug: course.slug, title: courseTitle(course) },
		module: { slug: module.slug, title: moduleTitle(module) },
		...(await loadQuizPage(getDb(), course, module, enrolment))
	};
};

/** The open attempt the form was for; a stale form (submitted in another tab) is refused. */
async function formAttempt(event: RequestEvent) {
	const ctx = await context(event);
	const form = await event.request.formData();
	const attemptId = Number(form.get('attemptId'));
	// By id and learner (one row, not every attempt of the quiz), and of this enrolment and quiz.
	const found = Number.isSafeInteger(attemptId)
		? await getAttempt(getDb(), attemptId, ctx.user.id)
		: undefined;
	const attempt =
		found?.enrolment_id === ctx.enrolment.id && found.module_slug === ctx.module.slug
			? found
			: undefined;
	return { ...ctx, form, attempt };
}

export const actions: Actions = {
	start: async (event) => {
		const { course, module, enrolment } = await context(event);
		const db = getDb();
		await markModuleRead(db, enrolment, course, module);
		const result = await startAttempt(db, enrolment, module);
		if (!result.ok) return fail(409, { message: m.quiz_no_attempts_left() });
		redirect(303, event.url.pathname);
	},
	save: async (event) => {
		const { module, form, attempt } = await formAttempt(event);
		if (!attempt) return fail(404, { message: m.quiz_attempt_unknown() });
		if (attempt.submitted_at) return fail(409, { message: m.quiz_already_submitted() });
		const parsed = answersFromForm(module.quiz, attempt.drawn, form);
		if (!parsed.ok) return fail(400, { message: parsed.error });
		if (!(await saveAnswers(getDb(), attempt, parsed.answers)))
			return fail(409, { message: m.quiz_time_over() });
		return { saved: m.quiz_saved() };
	},
	submit: async (event) => {
		const { course, module, enrolment, form, attempt } = await formAttempt(event);
		if (!attempt) return fail(404, { message: m.quiz_attempt_unknown() });
		if (attempt.submitted_at) return fail(409, { message: m.quiz_already_submitted() });
		const parsed = answersFromForm(module.quiz, attempt.drawn, form);
		if (!parsed.ok) return fail(400, { message: parsed.error });
		const result = await submitAttempt(getDb(), attempt, enrolment, course, module, parsed.answers);
		if (!result.ok) return fail(409, { message: m.quiz_already_submitted() });
		redirect(
			303,
			result.courseCompleted ? `/cursos/${course.slug}?completado=1` : event.url.pathname
		);
	}
};
