import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { QuizModule } from '$lib/server/courses/types';
import { courseTitle, moduleTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import {
	enrolmentUnchanged,
	requireEnrolledModule,
	type EnrolledModule
} from '$lib/server/enrolment/guard';
import { markModuleReadIn } from '$lib/server/enrolment/completion';
import { touch } from '$lib/server/enrolment/repository';
import { answersFromForm } from '$lib/server/quizzes/answers';
import {
	getAttempt,
	listAttempts,
	saveAnswers,
	startAttemptIn,
	submitAttempt
} from '$lib/server/quizzes/attempts';
import { loadQuizPage } from '$lib/server/quizzes/quiz-page';
import { submitQueuedAttempt, type QueuedRefusal } from '$lib/server/quizzes/queued-submit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { course, module, enrolment } = await requireEnrolledModule(event, { quiz: true });
	return {
		course: { slug: course.slug, title: courseTitle(course) },
		module: { slug: module.slug, title: moduleTitle(module) },
		...(await loadQuizPage(
			getDb(),
			course,
			module,
			enrolment,
			new Date(),
			event.locals.quizAttempts
		))
	};
};

/** The attempt the submitted form was for, if it is this enrolment's at this quiz. */
async function formAttempt(ctx: EnrolledModule<QuizModule>, form: FormData) {
	const attemptId = Number(form.get('attemptId'));
	// By id and learner (one row, not every attempt of the quiz), and of this enrolment and quiz.
	const found = Number.isSafeInteger(attemptId)
		? await getAttempt(getDb(), attemptId, ctx.user.id)
		: undefined;
	return found?.enrolment_id === ctx.enrolment.id && found.module_slug === ctx.module.slug
		? found
		: undefined;
}

/** What the learner reads about a queued submission that was not graded. */
function refusalMessage(r: QueuedRefusal): string {
	switch (r.reason) {
		case 'bad-client-id':
			return m.offline_bad_client_id();
		case 'bad-attempt':
		case 'unknown-attempt':
			return m.quiz_attempt_unknown();
		case 'bad-answers':
			return r.detail ?? m.quiz_attempt_unknown();
		case 'already-submitted':
		case 'expired': {
			const closed =
				r.reason === 'expired'
					? m.offline_quiz_expired({ no: r.attemptNo })
					: m.offline_quiz_already_submitted({ no: r.attemptNo });
			const left =
				r.attemptsLeft === 0 ? m.offline_quiz_no_attempts_left() : m.offline_quiz_try_again();
			return `${closed} ${left}`;
		}
	}
}

export const actions: Actions = {
	start: async (event) => {
		const { course, module, enrolment } = await requireEnrolledModule(event, { quiz: true });
		// Starting the quiz counts as having read the module: one transaction for both. The
		// attempts so far and the activity mark are not part of it: they go at the same moment as
		// the transaction's first statement, on PostgreSQL's shared connection (db/pg-pipeline.ts),
		// instead of adding two round trips to the transaction.
		const db = getDb();
		const now = new Date();
		const iso = now.toISOString();
		const attempts = listAttempts(db, enrolment.id, module.slug);
		attempts.catch(() => {}); // awaited in the transaction; a failure fails it there
		const [, result] = await Promise.all([
			touch(db, enrolment, module.slug, iso),
			db.transaction().execute(async (trx) => {
				await markModuleReadIn(trx, enrolment, course, module, iso, { touched: true });
				return startAttemptIn(trx, enrolment, module, now, await attempts);
			})
		]);
		if (!result.ok) return fail(409, { message: m.quiz_no_attempts_left() });
		redirect(303, event.url.pathname);
	},
	save: async (event) => {
		const { module, enrolment } = await requireEnrolledModule(event, { quiz: true });
		enrolmentUnchanged(event, enrolment);
		const form = await event.request.formData();
		// Every attempt of this enrolment at this quiz, not the one alone: the page shown after
		// saving needs them all, and gets them from here (one read less per save).
		const attempts = await listAttempts(getDb(), enrolment.id, module.slug);
		const attempt = attempts.find((a) => a.id === Number(form.get('attemptId')));
		if (!attempt) return fail(404, { message: m.quiz_attempt_unknown() });
		if (attempt.submitted_at) return fail(409, { message: m.quiz_already_submitted() });
		const parsed = answersFromForm(module.quiz, attempt.drawn, form);
		if (!parsed.ok) return fail(400, { message: parsed.error });
		if (!(await saveAnswers(getDb(), attempt, parsed.answers)))
			return fail(409, { message: m.quiz_time_over() });
		attempt.answers = parsed.answers;
		event.locals.quizAttempts = attempts;
		return { saved: m.quiz_saved() };
	},
	submit: async (event) => {
		const ctx = await requireEnrolledModule(event, { quiz: true });
		const sent = await event.request.formData();
		// Answered offline and sent on reconnect, with the browser's id for it (docs/offline.md).
		if (sent.has('clientId')) {
			const result = await submitQueuedAttempt(
				getDb(),
				ctx.enrolment,
				ctx.course,
				ctx.module,
				sent
			);
			if (!result.ok)
				return fail(result.status, { message: refusalMessage(result), conflict: result.reason });
			return { graded: result.grade };
		}
		const { course, module, enrolment } = ctx;
		const attempt = await formAttempt(ctx, sent);
		if (!attempt) return fail(404, { message: m.quiz_attempt_unknown() });
		if (attempt.submitted_at) return fail(409, { message: m.quiz_already_submitted() });
		const parsed = answersFromForm(module.quiz, attempt.drawn, sent);
		if (!parsed.ok) return fail(400, { message: parsed.error });
		const result = await submitAttempt(getDb(), attempt, enrolment, course, module, parsed.answers);
		if (!result.ok) return fail(409, { message: m.quiz_already_submitted() });
		redirect(
			303,
			result.courseCompleted ? `/cursos/${course.slug}?completado=1` : event.url.pathname
		);
	}
};
