import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { QuizModule } from '$lib/server/courses/types';
import { courseTitle, moduleTitle } from '$lib/server/courses/view';
import { getDb } from '$lib/server/db';
import type { Enrolment } from '$lib/server/db/schema';
import { enrolmentUnchanged, requireEnrolledModule } from '$lib/server/enrolment/guard';
import { touch } from '$lib/server/enrolment/repository';
import { answersFromForm } from '$lib/server/quizzes/answers';
import {
	listAttempts,
	saveAnswers,
	startQuizIn,
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

/**
 * The open attempt a save or submit form was for, with the answers it sends, or the failure to
 * answer with. Read among all the quiz's attempts, not by id alone: the page shown after saving
 * needs them all, and a submission counts the earlier ones' grades.
 */
async function formAttempt(module: QuizModule, enrolment: Enrolment, form: FormData) {
	const attempts = await listAttempts(getDb(), enrolment.id, module.slug);
	const attempt = attempts.find((a) => a.id === Number(form.get('attemptId')));
	if (!attempt) return { failure: fail(404, { message: m.quiz_attempt_unknown() }) };
	if (attempt.submitted_at) return { failure: fail(409, { message: m.quiz_already_submitted() }) };
	const parsed = answersFromForm(module.quiz, attempt.drawn, form);
	if (!parsed.ok) return { failure: fail(400, { message: parsed.error }) };
	return { attempts, attempt, answers: parsed.answers };
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
		// Starting the quiz counts as having read the module: one transaction for both, of two
		// round trips on PostgreSQL (startQuizIn). The attempts so far are read before it (on
		// PostgreSQL's shared connection, with other requests' reads), and the activity mark goes
		// beside it: neither adds a round trip to the transaction.
		const db = getDb();
		const now = new Date();
		const attempts = await listAttempts(db, enrolment.id, module.slug);
		const [, result] = await Promise.all([
			touch(db, enrolment, module.slug, now.toISOString()),
			db.transaction().execute((trx) => startQuizIn(trx, enrolment, course, module, now, attempts))
		]);
		if (!result.ok) return fail(409, { message: m.quiz_no_attempts_left() });
		redirect(303, event.url.pathname);
	},
	save: async (event) => {
		const { module, enrolment } = await requireEnrolledModule(event, { quiz: true });
		enrolmentUnchanged(event, enrolment);
		const found = await formAttempt(module, enrolment, await event.request.formData());
		if (found.failure) return found.failure;
		const { attempts, attempt, answers } = found;
		if (!(await saveAnswers(getDb(), attempt, answers)))
			return fail(409, { message: m.quiz_time_over() });
		attempt.answers = answers;
		// The page shown after saving takes them from here (one read less per save).
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
		const found = await formAttempt(module, enrolment, sent);
		if (found.failure) return found.failure;
		const { attempts, attempt, answers } = found;
		const db = getDb();
		const now = new Date();
		const [, result] = await Promise.all([
			touch(db, enrolment, module.slug, now.toISOString()),
			submitAttempt(db, attempt, enrolment, course, module, answers, now, {
				earlier: attempts,
				touched: true
			})
		]);
		if (!result.ok) return fail(409, { message: m.quiz_already_submitted() });
		redirect(
			303,
			result.courseCompleted ? `/cursos/${course.slug}?completado=1` : event.url.pathname
		);
	}
};
