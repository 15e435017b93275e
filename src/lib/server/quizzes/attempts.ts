/**
 * Quiz attempts in the database. Each attempt stores the questions and orders drawn for it, the
 * answers saved so far, and — once submitted — its grade. Submission is a conditional update, so a
 * double submit, a second tab or a reload after submitting never grades twice.
 */
import type { Kysely } from 'kysely';
import { findCourse } from '../courses/catalog';
import type { Course, QuizModule } from '../courses/types';
import type { DB, Enrolment, QuizAttempt as QuizAttemptRow } from '../db/schema';
import { recordQuizResult } from '../enrolment/completion';
import { randomToken } from '../auth/random';
import { drawAttempt, seededRandom } from './draw';
import { countingScore, gradeAttempt, passed } from './grade';
import type { Answers, AttemptGrade, DrawnQuestion, ItemResult } from './types';

/** A quiz attempt with its JSON columns read; `grade` is null while the attempt is open. */
export type QuizAttempt = Omit<
	QuizAttemptRow,
	'drawn' | 'answers' | 'items' | 'score' | 'max_score' | 'percent' | 'passed'
> & {
	drawn: DrawnQuestion[];
	answers: Answers;
	grade: (AttemptGrade & { passed: boolean }) | null;
};

/** The one place the JSON columns are parsed: they are only ever written by this module. */
export function toAttempt(row: QuizAttemptRow): QuizAttempt {
	const { drawn, answers, items, score, max_score, percent, passed, ...rest } = row;
	const graded = row.submitted_at !== null && percent !== null;
	return {
		...rest,
		drawn: JSON.parse(drawn) as DrawnQuestion[],
		answers: JSON.parse(answers) as Answers,
		grade: graded
			? {
					score: score ?? 0,
					max: max_score ?? 0,
					percent,
					passed: passed === 1,
					items: JSON.parse(items ?? '[]') as ItemResult[]
				}
			: null
	};
}

export async function listAttempts(
	db: Kysely<DB>,
	enrolmentId: number,
	moduleSlug: string
): Promise<QuizAttempt[]> {
	const rows = await db
		.selectFrom('quiz_attempts')
		.selectAll()
		.where('enrolment_id', '=', enrolmentId)
		.where('module_slug', '=', moduleSlug)
		.orderBy('attempt_no')
		.execute();
	return rows.map(toAttempt);
}

/** One attempt by id, only if it is the learner's (the quiz form's attempt: one row, not every attempt). */
export async function getAttempt(
	db: Kysely<DB>,
	attemptId: number,
	userId: number
): Promise<QuizAttempt | undefined> {
	const row = await db
		.selectFrom('quiz_attempts')
		.selectAll()
		.where('id', '=', attemptId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row && toAttempt(row);
}

export type StartResult =
	{ ok: true; attempt: QuizAttempt } | { ok: false; reason: 'no-attempts-left' };

/** The open attempt, or a new one when the quiz allows another. */
export function startAttempt(
	db: Kysely<DB>,
	enrolment: Enrolment,
	module: QuizModule,
	now = new Date()
): Promise<StartResult> {
	return db.transaction().execute((trx) => startAttemptIn(trx, enrolment, module, now));
}

/**
 * `startAttempt` inside a transaction the caller holds (the quiz page marks the module read in it
 * too). `known`: the attempts as the caller read them before the transaction. They may be stale: a
 * concurrent start of the same attempt number then meets the unique key, and the attempt it
 * stored is returned, as for a double click.
 */
export async function startAttemptIn(
	trx: Kysely<DB>,
	enrolment: Enrolment,
	module: QuizModule,
	now = new Date(),
	known?: QuizAttempt[]
): Promise<StartResult> {
	const quiz = module.quiz;
	const attempts = known ?? (await listAttempts(trx, enrolment.id, module.slug));
	const open = attempts.find((a) => a.submitted_at === null);
	if (open) return { ok: true, attempt: open };
	if (quiz.settings.maxAttempts > 0 && attempts.length >= quiz.settings.maxAttempts) {
		return { ok: false, reason: 'no-attempts-left' };
	}
	const attemptNo = attempts.length + 1;
	const drawn = drawAttempt(
		quiz,
		seededRandom(`${enrolment.id}:${module.slug}:${attemptNo}:${randomToken(8)}`),
		{ previous: attempts.map((a) => a.drawn.map((d) => d.id)), token: () => randomToken(8) }
	);
	const limit = quiz.settings.timeLimitMinutes;
	const fresh = {
		enrolment_id: enrolment.id,
		user_id: enrolment.user_id,
		course_slug: enrolment.course_slug,
		// The version the questions are drawn from (not the one enrolled in), so item analysis by
		// version reads each attempt against the quiz it was given.
		course_version: findCourse(enrolment.course_slug)?.version ?? enrolment.course_version,
		module_slug: module.slug,
		attempt_no: attemptNo,
		started_at: now.toISOString(),
		deadline_at: limit > 0 ? new Date(now.getTime() + limit * 60_000).toISOString() : null,
		submitted_at: null
	};
	const row = {
		...fresh,
		drawn: JSON.stringify(drawn),
		answers: '{}',
		score: null,
		max_score: null,
		percent: null,
		passed: null,
		items: null
	};
	// A concurrent start (double click) hits the unique key and finds the other's attempt.
	const inserted = await trx
		.insertInto('quiz_attempts')
		.values(row)
		.onConflict((oc) => oc.columns(['enrolment_id', 'module_slug', 'attempt_no']).doNothing())
		.returning('id')
		.executeTakeFirst();
	if (inserted) {
		// What was just written, without reading it back and parsing its JSON again.
		return { ok: true, attempt: { ...fresh, id: inserted.id, drawn, answers: {}, grade: null } };
	}
	const attempt = (await listAttempts(trx, enrolment.id, module.slug)).find(
		(a) => a.attempt_no === attemptNo
	);
	if (!attempt) throw new Error(`attempt ${attemptNo} of enrolment ${enrolment.id} not stored`);
	return { ok: true, attempt };
}

export function isOverdue(attempt: QuizAttempt, now = new Date()): boolean {
	return attempt.deadline_at !== null && now.toISOString() > attempt.deadline_at;
}

/** Saves answers while the attempt is open and in time; false when it no longer accepts answers. */
export async function saveAnswers(
	db: Kysely<DB>,
	attempt: QuizAttempt,
	answers: Answers,
	now = new Date()
): Promise<boolean> {
	if (isOverdue(attempt, now)) return false;
	const res = await db
		.updateTable('quiz_attempts')
		.set({ answers: JSON.stringify(answers) })
		.where('id', '=', attempt.id)
		.where('submitted_at', 'is', null)
		.executeTakeFirst();
	return res.numUpdatedRows === 1n;
}

export type SubmitResult =
	| { ok: true; grade: AttemptGrade; passed: boolean; courseCompleted: boolean }
	| { ok: false; reason: 'already-submitted' };

/**
 * Grades and closes an attempt. Answers sent after the deadline are ignored: the attempt is graded
 * on what was saved in time.
 */
export async function submitAttempt(
	db: Kysely<DB>,
	attempt: QuizAttempt,
	enrolment: Enrolment,
	course: Course,
	module: QuizModule,
	finalAnswers: Answers | null,
	now = new Date()
): Promise<SubmitResult> {
	return db
		.transaction()
		.execute((trx) => submitAttemptIn(trx, attempt, enrolment, course, module, finalAnswers, now));
}

/** `submitAttempt` inside a transaction the caller holds (a queued submission claims its id in it too). */
export async function submitAttemptIn(
	trx: Kysely<DB>,
	attempt: QuizAttempt,
	enrolment: Enrolment,
	course: Course,
	module: QuizModule,
	finalAnswers: Answers | null,
	now = new Date()
): Promise<SubmitResult> {
	const quiz = module.quiz;
	const answers = finalAnswers && !isOverdue(attempt, now) ? finalAnswers : attempt.answers;
	const grade = gradeAttempt(quiz, attempt.drawn, answers);
	const didPass = passed(grade, quiz.settings);
	const res = await trx
		.updateTable('quiz_attempts')
		.set({
			answers: JSON.stringify(answers),
			submitted_at: now.toISOString(),
			score: grade.score,
			max_score: grade.max,
			percent: grade.percent,
			passed: didPass ? 1 : 0,
			items: JSON.stringify(grade.items)
		})
		.where('id', '=', attempt.id)
		.where('submitted_at', 'is', null)
		.executeTakeFirst();
	if (res.numUpdatedRows !== 1n) return { ok: false, reason: 'already-submitted' } as const;

	// Attempts are numbered in order and only the last can be open: the first has no graded
	// predecessor to read back (one query less on the commonest submission).
	const grades =
		attempt.attempt_no === 1
			? [{ ...grade, passed: didPass }]
			: (await listAttempts(trx, enrolment.id, module.slug)).flatMap((a) => a.grade ?? []);
	const counting = countingScore(grades, quiz.settings);
	const anyPassed = grades.some((g) => g.passed);
	const courseCompleted = await recordQuizResult(
		trx,
		enrolment,
		course,
		module,
		counting ?? grade.percent,
		anyPassed,
		now
	);
	return { ok: true, grade, passed: didPass, courseCompleted } as const;
}
