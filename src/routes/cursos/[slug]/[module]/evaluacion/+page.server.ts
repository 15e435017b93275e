import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { findCourse, findModule } from '$lib/server/courses/catalog';
import type { Module, Quiz } from '$lib/server/courses/types';
import { courseTitle, moduleTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import { getEnrolment, markModuleRead } from '$lib/server/enrolment/repository';
import { answersFromForm, answersToFormValues } from '$lib/server/quizzes/answers';
import {
	answersOf,
	drawnOf,
	isOverdue,
	listAttempts,
	saveAnswers,
	startAttempt,
	submitAttempt
} from '$lib/server/quizzes/attempts';
import { feedbackFor } from '$lib/server/quizzes/grade';
import { publicQuestions } from '$lib/server/quizzes/present';
import type { AttemptGrade, ItemResult } from '$lib/server/quizzes/types';
import type { Actions, PageServerLoad } from './$types';

async function context(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireUser(event);
	const course = findCourse(event.params.slug!);
	const found = course && findModule(course, event.params.module!);
	if (!course || !found?.quiz) error(404, m.error_not_found());
	const module = found as Module & { quiz: Quiz };
	const enrolment = await getEnrolment(getDb(), user.id, course.slug);
	if (!enrolment || enrolment.status === 'withdrawn') redirect(303, `/cursos/${course.slug}`);
	return { user, course, module, enrolment };
}

export const load: PageServerLoad = async (event) => {
	const { course, module, enrolment } = await context(event);
	const db = getDb();
	const quiz = module.quiz;
	let attempts = await listAttempts(db, enrolment.id, module.slug);

	// Time ran out while the learner was away: grade what was saved in time.
	const late = attempts.find((a) => a.submitted_at === null && isOverdue(a));
	if (late) {
		await submitAttempt(db, late, enrolment, course, module, null);
		attempts = await listAttempts(db, enrolment.id, module.slug);
	}

	const open = attempts.find((a) => a.submitted_at === null);
	const submitted = attempts.filter((a) => a.submitted_at !== null);
	const last = submitted.at(-1);
	const everPassed = submitted.some((a) => a.passed === 1);
	const showFeedback =
		quiz.settings.feedback === 'after-attempt' || (quiz.settings.feedback === 'after-pass' && everPassed);

	let review = null;
	// While an attempt is open, the previous one's answers stay hidden.
	if (last && !open) {
		const drawn = drawnOf(last);
		const grade: AttemptGrade = { score: last.score!, max: last.max_score!, percent: last.percent!, items: JSON.parse(last.items ?? '[]') as ItemResult[] };
		review = {
			attemptNo: last.attempt_no,
			percent: last.percent!,
			passed: last.passed === 1,
			feedback: showFeedback ? feedbackFor(quiz, drawn, answersOf(last), grade) : null,
			questions: showFeedback ? publicQuestions(quiz, drawn) : null,
			values: showFeedback ? answersToFormValues(quiz, drawn, answersOf(last)) : null
		};
	}

	const max = quiz.settings.maxAttempts;
	return {
		course: { slug: course.slug, title: courseTitle(course) },
		module: { slug: module.slug, title: moduleTitle(module) },
		settings: {
			passingScore: quiz.settings.passingScore,
			maxAttempts: max,
			timeLimitMinutes: quiz.settings.timeLimitMinutes,
			scoring: quiz.settings.scoring
		},
		attemptsLeft: max === 0 ? null : Math.max(0, max - attempts.length),
		history: submitted.map((a) => ({ no: a.attempt_no, submittedAt: a.submitted_at!, percent: a.percent!, passed: a.passed === 1 })),
		passed: everPassed,
		open: open && {
			id: open.id,
			no: open.attempt_no,
			deadline: open.deadline_at,
			questions: publicQuestions(quiz, drawnOf(open)),
			values: answersToFormValues(quiz, drawnOf(open), answersOf(open))
		},
		review
	};
};

/** The open attempt the form was for; a stale form (submitted in another tab) is refused. */
async function formAttempt(event: RequestEvent) {
	const ctx = await context(event);
	const form = await event.request.formData();
	const attemptId = Number(form.get('attemptId'));
	const attempts = await listAttempts(getDb(), ctx.enrolment.id, ctx.module.slug);
	const attempt = attempts.find((a) => a.id === attemptId);
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
		const parsed = answersFromForm(module.quiz, drawnOf(attempt), form);
		if (!parsed.ok) return fail(400, { message: parsed.error });
		if (!(await saveAnswers(getDb(), attempt, parsed.answers))) return fail(409, { message: m.quiz_time_over() });
		return { saved: m.quiz_saved() };
	},
	submit: async (event) => {
		const { course, module, enrolment, form, attempt } = await formAttempt(event);
		if (!attempt) return fail(404, { message: m.quiz_attempt_unknown() });
		if (attempt.submitted_at) return fail(409, { message: m.quiz_already_submitted() });
		const parsed = answersFromForm(module.quiz, drawnOf(attempt), form);
		if (!parsed.ok) return fail(400, { message: parsed.error });
		const result = await submitAttempt(getDb(), attempt, enrolment, course, module, parsed.answers);
		if (!result.ok) return fail(409, { message: m.quiz_already_submitted() });
		redirect(303, result.courseCompleted ? `/cursos/${course.slug}?completado=1` : event.url.pathname);
	}
};
