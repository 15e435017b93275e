/**
 * A quiz submission the browser kept while offline and sends when the connection returns
 * (docs/offline.md). It is graded exactly as a submission made online (`submitAttemptIn`), in the
 * same transaction that claims its client id: the same submission arriving twice (its first answer
 * was lost on the way) finds its id claimed and gets the grade it already has — never a second
 * grading. An attempt closed meanwhile is a conflict with its reason, for the learner to read.
 */
import type { Kysely } from 'kysely';
import type { Course, QuizModule } from '../courses/types';
import type { DB, Enrolment } from '../db/schema';
import { claimClientAction, CLIENT_ID } from '../enrolment/client-actions';
import { parseId } from '../input/ids';
import { answersFromForm, type FormInput } from './answers';
import {
	AlreadySubmitted,
	isOverdue,
	listAttempts,
	submitAttemptIn,
	type QuizAttempt
} from './attempts';

export const QUEUED_SUBMIT_KIND = 'quiz.submit';

export type QueuedGrade = {
	attemptNo: number;
	percent: number;
	passed: boolean;
	courseCompleted: boolean;
	/** True when this submission had been graded before (a replay): nothing changed now. */
	replayed: boolean;
};

/**
 * Why a queued submission was not graded. `bad-*`: the request itself is wrong (400);
 * `unknown-attempt`: no such attempt of this learner's quiz (404); the others: the attempt was
 * closed meanwhile (409) — submitted on another device, or its time ran out.
 */
export type QueuedRefusal =
	| { reason: 'bad-client-id' | 'bad-attempt' | 'bad-answers'; status: 400; detail?: string }
	| { reason: 'unknown-attempt'; status: 404 }
	| {
			reason: 'already-submitted' | 'expired';
			status: 409;
			attemptNo: number;
			attemptsLeft: number | null;
	  };

export type QueuedSubmitResult = { ok: true; grade: QueuedGrade } | ({ ok: false } & QueuedRefusal);

class Refused extends Error {
	constructor(readonly refusal: QueuedRefusal) {
		super(refusal.reason);
	}
}

function attemptsLeft(module: QuizModule, attempts: QuizAttempt[]): number | null {
	const max = module.quiz.settings.maxAttempts;
	return max === 0 ? null : Math.max(0, max - attempts.length);
}

/** The form of a queued submission: `clientId`, `attemptId` and the quiz fields (`q:…`). */
export async function submitQueuedAttempt(
	db: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	module: QuizModule,
	form: FormInput,
	now = new Date()
): Promise<QueuedSubmitResult> {
	const get = (name: string) => (form instanceof Map ? form.get(name)?.[0] : form.get(name));
	const clientId = get('clientId');
	if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))
		return { ok: false, reason: 'bad-client-id', status: 400 };
	const attemptId = parseId(get('attemptId'));
	if (attemptId === null) return { ok: false, reason: 'bad-attempt', status: 400 };
	try {
		const grade = await db.transaction().execute(async (trx): Promise<QueuedGrade> => {
			const claimed = await claimClientAction(
				trx,
				enrolment.user_id,
				clientId,
				QUEUED_SUBMIT_KIND,
				now
			);
			const attempts = await listAttempts(trx, enrolment.id, module.slug);
			const attempt = attempts.find((a) => a.id === attemptId);
			if (!attempt) throw new Refused({ reason: 'unknown-attempt', status: 404 });
			if (!claimed) {
				// Graded when this id first arrived (a claim only stays when the grading did).
				if (!attempt.grade) throw new Refused({ reason: 'unknown-attempt', status: 404 });
				return {
					attemptNo: attempt.attempt_no,
					percent: attempt.grade.percent,
					passed: attempt.grade.passed,
					courseCompleted: false,
					replayed: true
				};
			}
			const closed = (reason: 'already-submitted' | 'expired') =>
				new Refused({
					reason,
					status: 409,
					attemptNo: attempt.attempt_no,
					attemptsLeft: attemptsLeft(module, attempts)
				});
			if (attempt.submitted_at !== null) {
				const expired = attempt.deadline_at !== null && attempt.submitted_at > attempt.deadline_at;
				throw closed(expired ? 'expired' : 'already-submitted');
			}
			// Answers written offline after the deadline would be dropped by the grading: say so instead.
			if (isOverdue(attempt, now)) throw closed('expired');
			const parsed = answersFromForm(module.quiz, attempt.drawn, form);
			if (!parsed.ok)
				throw new Refused({ reason: 'bad-answers', status: 400, detail: parsed.error });
			const result = await submitAttemptIn(
				trx,
				attempt,
				enrolment,
				course,
				module,
				parsed.answers,
				now,
				{ earlier: attempts }
			).catch((e: unknown) => {
				throw e instanceof AlreadySubmitted ? closed('already-submitted') : e;
			});
			return {
				attemptNo: attempt.attempt_no,
				percent: result.grade.percent,
				passed: result.passed,
				courseCompleted: result.courseCompleted,
				replayed: false
			};
		});
		return { ok: true, grade };
	} catch (err) {
		// Thrown inside the transaction, so the client id claim is rolled back with it.
		if (err instanceof Refused) return { ok: false, ...err.refusal };
		throw err;
	}
}
