import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { courseTitle, moduleTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { requireEnrolledModule } from '$lib/server/enrolment/guard';
import { markModuleRead } from '$lib/server/enrolment/completion';
import { answersFromForm } from '$lib/server/quizzes/answers';
import {
	listAttempts,
	saveAnswers,
	startAttempt,
	submitAttempt
} from '$lib/server/quizzes/attempts';
import { loadQuizPage } from '$lib/server/quizzes/quiz-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { course, module, enrolment } = await requireEnrolledModule(event, { quiz: true });
	return {
		course: { slug: course.slug, title: courseTitle(course) },
		module: { slug: module.slug, title: moduleTitle(module) },
		...(await loadQuizPage(getDb(), course, module, enrolment))
	};
};

/** The open attempt the form was for; a stale form (submitted in another tab) is refused. */
async function formAttempt(event: RequestEvent) {
	const ctx = await requireEnrolledModule(event, { quiz: true });
	const form = await event.request.formData();
	const attemptId = Number(form.get('attemptId'));
	const attempts = await listAttempts(getDb(), ctx.enrolment.id, ctx.module.slug);
	const attempt = attempts.find((a) => a.id === attemptId);
	return { ...ctx, form, attempt };
}

export const actions: Actions = {
	start: async (event) => {
		const { course, module, enrolment } = await requireEnrolledModule(event, { quiz: true });
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
