/**
 * Quiz attempts in the database. Each attempt stores the questions and orders drawn for it, the
 * answers saved so far, and — once submitted — its grade. Submission is a conditional update, so a
 * double submit, a second tab or a reload after submitting never grades twice.
 */
import type { Kysely } from 'kysely';
import { findCourse } from '../courses/catalog';
import type { Course, QuizModule } from '../courses/types';
import type { DB, Enrolment, NewQuizAttempt, QuizAttempt as QuizAttemptRow } from '../db/schema';
import { markModuleReadWith, quizProgress, settle, writeProgress } from '../enrolment/completion';
import { touch } from '../enrolment/repository';
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

/** What starting would do, from the attempts so far: return the open one, refuse, or insert one. */
type AttemptPlan =
	| { kind: 'open'; attempt: QuizAttempt }
	| { kind: 'none-left' }
	| { kind: 'new'; attemptNo: number; attempt: Omit<QuizAttempt, 'id'>; row: NewQuizAttempt };

function planAttempt(
	enrolment: Enrolment,
	module: QuizModule,
	now: Date,
	attempts: QuizAttempt[]
): AttemptPlan {
	const quiz = module.quiz;
	const open = attempts.find((a) => a.submitted_at === null);
	if (open) return { kind: 'open', attempt: open };
	if (quiz.settings.maxAttempts > 0 && attempts.length >= quiz.settings.maxAttempts) {
		return { kind: 'none-left' };
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
	return {
		kind: 'new',
		attemptNo,
		attempt: { ...fresh, drawn, answers: {}, grade: null },
		row: {
			...fresh,
			drawn: JSON.stringify(drawn),
			answers: '{}',
			score: null,
			max_score: null,
			percent: null,
			passed: null,
			items: null
		}
	};
}

/** A concurrent start of the same attempt number (double click) meets the unique key: no row. */
function insertAttemptQuery(trx: Kysely<DB>, row: NewQuizAttempt) {
	return trx
		.insertInto('quiz_attempts')
		.values(row)
		.onConflict((oc) => oc.columns(['enrolment_id', 'module_slug', 'attempt_no']).doNothing())
		.returning('id');
}

/** The attempt started: the one just inserted, or the concurrent start's that won the key. */
async function startedAttempt(
	trx: Kysely<DB>,
	enrolment: Enrolment,
	module: QuizModule,
	plan: Extract<AttemptPlan, { kind: 'new' }>,
	inserted: { id: number } | undefined
): Promise<StartResult> {
	// What was just written, without reading it back and parsing its JSON again.
	if (inserted) return { ok: true, attempt: { ...plan.attempt, id: inserted.id } };
	const attempt = (await listAttempts(trx, enrolment.id, module.slug)).find(
		(a) => a.attempt_no === plan.attemptNo
	);
	if (!attempt)
		throw new Error(`attempt ${plan.attemptNo} of enrolment ${enrolment.id} not stored`);
	return { ok: true, attempt };
}

/**
 * `startAttempt` inside a transaction the caller holds. `known`: the attempts as the caller read
 * them before the transaction. They may be stale: a concurrent start of the same attempt number
 * then meets the unique key, and the attempt it stored is returned, as for a double click.
 */
export async function startAttemptIn(
	trx: Kysely<DB>,
	enrolment: Enrolment,
	module: QuizModule,
	now = new Date(),
	known?: QuizAttempt[]
): Promise<StartResult> {
	const plan = planAttempt(
		enrolment,
		module,
		now,
		known ?? (await listAttempts(trx, enrolment.id, module.slug))
	);
	if (plan.kind === 'open') return { ok: true, attempt: plan.attempt };
	if (plan.kind === 'none-left') return { ok: false, reason: 'no-attempts-left' };
	const inserted = await insertAttemptQuery(trx, plan.row).executeTakeFirst();
	return startedAttempt(trx, enrolment, module, plan, inserted);
}

/**
 * Starting a quiz from its page, in a transaction the caller holds: the module counts as read, and
 * the attempt is drawn from `known` (the attempts as read before the transaction; stale is safe, as
 * in `startAttemptIn`). Marking read and inserting the attempt go in one batch: on PostgreSQL the
 * transaction is two round trips (that batch with BEGIN, then COMMIT) instead of four. The activity
 * mark is the caller's (`touch`, outside the transaction).
 */
export async function startQuizIn(
	trx: Kysely<DB>,
	enrolment: Enrolment,
	course: Course,
	module: QuizModule,
	now: Date,
	known: QuizAttempt[]
): Promise<StartResult> {
	const plan = planAttempt(enrolment, module, now, known);
	const insert = plan.kind === 'new' ? [insertAttemptQuery(trx, plan.row)] : [];
	const { alongside } = await markModuleReadWith(
		trx,
		enrolment,
		course,
		module,
		now.toISOString(),
		insert,
		{ touched: true }
	);
	if (plan.kind === 'open') return { ok: true, attempt: plan.attempt };
	if (plan.kind === 'none-left') return { ok: false, reason: 'no-attempts-left' };
	return startedAttempt(trx, enrolment, module, plan, alongside[0]?.rows[0]);
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
 * The attempt was submitted meanwhile (a double submit, a second tab). Thrown by
 * `submitAttemptIn`: the caller's transaction must roll back, since the grade's progress was
 * written beside the attempt's update, in the same batch.
 */
export class AlreadySubmitted extends Error {
	constructor() {
		super('the attempt was already submitted');
	}
}

/**
 * Grades and closes an attempt. Answers sent after the deadline are ignored: the attempt is graded
 * on what was saved in time. `earlier`: the quiz's attempts as the caller read them (they may
 * include this one); `touched`: the caller records the activity itself (`touch`).
 */
export async function submitAttempt(
	db: Kysely<DB>,
	attempt: QuizAttempt,
	enrolment: Enrolment,
	course: Course,
	module: QuizModule,
	finalAnswers: Answers | null,
	now = new Date(),
	options: SubmitOptions = {}
): Promise<SubmitResult> {
	try {
		return await db
			.transaction()
			.execute((trx) =>
				submitAttemptIn(trx, attempt, enrolment, course, module, finalAnswers, now, options)
			);
	} catch (e) {
		if (e instanceof AlreadySubmitted) return { ok: false, reason: 'already-submitted' };
		throw e;
	}
}

type SubmitOptions = { earlier?: QuizAttempt[]; touched?: boolean };

/**
 * `submitAttempt` inside a transaction the caller holds (a queued submission claims its id in it
 * too). Throws `AlreadySubmitted` when the attempt was closed meanwhile.
 *
 * The attempt's update, its effect on progress and the read of progress go in one batch: on
 * PostgreSQL the transaction is two round trips (that batch with BEGIN, then COMMIT). The progress
 * is written before knowing that the update took; when it did not, the transaction rolls back.
 */
export async function submitAttemptIn(
	trx: Kysely<DB>,
	attempt: QuizAttempt,
	enrolment: Enrolment,
	course: Course,
	module: QuizModule,
	finalAnswers: Answers | null,
	now = new Date(),
	{ earlier, touched = false }: SubmitOptions = {}
): Promise<Extract<SubmitResult, { ok: true }>> {
	const quiz = module.quiz;
	const iso = now.toISOString();
	const answers = finalAnswers && !isOverdue(attempt, now) ? finalAnswers : attempt.answers;
	const grade = gradeAttempt(quiz, attempt.drawn, answers);
	const didPass = passed(grade, quiz.settings);
	// Attempts are numbered in order and only the last can be open, so the earlier ones are all
	// graded and never change: read before the transaction, they are as good as read in it. The
	// first attempt has none to read.
	const before =
		attempt.attempt_no === 1
			? []
			: (earlier ?? (await listAttempts(trx, enrolment.id, module.slug))).filter(
					(a) => a.attempt_no < attempt.attempt_no
				);
	const grades = [...before.flatMap((a) => a.grade ?? []), { ...grade, passed: didPass }];
	const counting = countingScore(grades, quiz.settings) ?? grade.percent;
	const update = trx
		.updateTable('quiz_attempts')
		.set({
			answers: JSON.stringify(answers),
			submitted_at: iso,
			score: grade.score,
			max_score: grade.max,
			percent: grade.percent,
			passed: didPass ? 1 : 0,
			items: JSON.stringify(grade.items)
		})
		.where('id', '=', attempt.id)
		.where('submitted_at', 'is', null);
	const written = await writeProgress(
		trx,
		enrolment.id,
		module.slug,
		quizProgress(
			counting,
			grades.some((g) => g.passed),
			iso
		),
		[update]
	);
	if (written.alongside[0].numAffectedRows !== 1n) throw new AlreadySubmitted();
	if (!touched) await touch(trx, enrolment, module.slug, iso);
	const courseCompleted = await settle(trx, enrolment, course, iso, written.rows);
	return { ok: true, grade, passed: didPass, courseCompleted };
}
