/**
 * The quiz page's view of a learner's attempts, and the rule that decides when correct answers
 * reach the browser. The route only adds titles; nothing else it sends comes from the quiz file.
 */
import type { Kysely } from 'kysely';
import type { AttemptFeedback, MissedObjective, PublicQuestion } from '../../quiz-form';
import { headingId } from '../courses/headings';
import type { Course, QuizModule, QuizSettings } from '../courses/types';
import type { DB, Enrolment } from '../db/schema';
import { answersToFormValues, type FormValues } from './answers';
import { isOverdue, listAttempts, submitAttempt, type QuizAttempt } from './attempts';
import { drawnItems } from './draw';
import { feedbackFor } from './grade';
import { publicQuestions } from './present';
import type { DrawnQuestion, ItemResult } from './types';

/**
 * How much of a submitted attempt the learner may see:
 * - `full`: every question with the learner's answer, the correct answer, feedback, explanations;
 * - `objectives`: the score and the module objectives missed, with links to their sections;
 * - `score`: the score only.
 */
export type ReviewLevel = 'full' | 'objectives' | 'score';

/**
 * The feedback policy of docs/authoring.md. `passed`: any attempt of this quiz passed;
 * `attemptsLeft`: null when unlimited. With `objectives`, correct answers stay hidden while a
 * retry could use them: until the module is passed or no attempt is left.
 * @example reviewLevel('objectives', { passed: false, attemptsLeft: 2 }) // 'objectives'
 */
export function reviewLevel(
	policy: QuizSettings['feedback'],
	{ passed, attemptsLeft }: { passed: boolean; attemptsLeft: number | null }
): ReviewLevel {
	switch (policy) {
		case 'after-attempt':
			return 'full';
		case 'after-pass':
			return passed ? 'full' : 'score';
		case 'never':
			return 'score';
		case 'objectives':
			return passed || attemptsLeft === 0 ? 'full' : 'objectives';
	}
}

/**
 * The module objectives examined by items of an attempt that were not fully right, in objective
 * order, each linked to the heading that teaches it (the module page when it names none).
 */
export function missedObjectives(
	courseSlug: string,
	module: QuizModule,
	drawn: DrawnQuestion[],
	results: ItemResult[]
): MissedObjective[] {
	const score = new Map(results.map((r) => [r.key, r.score]));
	const missed = new Set<number>();
	for (const { key, question } of drawnItems(module.quiz, drawn))
		if (question.objective !== undefined && (score.get(key) ?? 0) < 1)
			missed.add(question.objective);
	const page = `/cursos/${courseSlug}/${module.slug}`;
	return [...missed]
		.sort((a, b) => a - b)
		.flatMap((number) => {
			const objective = module.objectives[number - 1];
			if (!objective) return [];
			const href = objective.section ? `${page}#${headingId(objective.section)}` : page;
			return [{ number, text: objective.text, href }];
		});
}

export type AttemptReview = {
	attemptNo: number;
	percent: number;
	passed: boolean;
	level: ReviewLevel;
	/** `objectives` level only. */
	missed: MissedObjective[] | null;
	/** `full` level only: the questions with the learner's answers and the feedback. */
	questions: PublicQuestion[] | null;
	values: FormValues | null;
	feedback: AttemptFeedback | null;
};

export type QuizPageView = {
	settings: Pick<
		QuizSettings,
		'passingScore' | 'maxAttempts' | 'timeLimitMinutes' | 'scoring' | 'feedback'
	>;
	/** null: unlimited. */
	attemptsLeft: number | null;
	history: { no: number; submittedAt: string; percent: number; passed: boolean }[];
	passed: boolean;
	open: {
		id: number;
		no: number;
		deadline: string | null;
		questions: PublicQuestion[];
		values: FormValues;
	} | null;
	/** The last submitted attempt, while no attempt is open. */
	review: AttemptReview | null;
};

function reviewOf(
	courseSlug: string,
	module: QuizModule,
	attempt: QuizAttempt & { grade: NonNullable<QuizAttempt['grade']> },
	level: ReviewLevel
): AttemptReview {
	const { quiz } = module;
	const { drawn, answers, grade } = attempt;
	const full = level === 'full';
	return {
		attemptNo: attempt.attempt_no,
		percent: grade.percent,
		passed: grade.passed,
		level,
		missed:
			level === 'objectives' ? missedObjectives(courseSlug, module, drawn, grade.items) : null,
		questions: full ? publicQuestions(quiz, drawn) : null,
		values: full ? answersToFormValues(quiz, drawn, answers) : null,
		feedback: full ? feedbackFor(quiz, drawn, answers, grade) : null
	};
}

/** What the quiz page shows of a learner's attempts (pure; `loadQuizPage` reads them). */
export function quizPageView(
	courseSlug: string,
	module: QuizModule,
	attempts: QuizAttempt[]
): QuizPageView {
	const { quiz } = module;
	const submitted = attempts.flatMap((a) =>
		a.grade && a.submitted_at ? [{ ...a, grade: a.grade, submittedAt: a.submitted_at }] : []
	);
	const openAttempt = attempts.find((a) => a.submitted_at === null);
	const passed = submitted.some((a) => a.grade.passed);
	const max = quiz.settings.maxAttempts;
	const attemptsLeft = max === 0 ? null : Math.max(0, max - attempts.length);
	const last = submitted.at(-1);
	return {
		settings: {
			passingScore: quiz.settings.passingScore,
			maxAttempts: max,
			timeLimitMinutes: quiz.settings.timeLimitMinutes,
			scoring: quiz.settings.scoring,
			feedback: quiz.settings.feedback
		},
		attemptsLeft,
		history: submitted.map((a) => ({
			no: a.attempt_no,
			submittedAt: a.submittedAt,
			percent: a.grade.percent,
			passed: a.grade.passed
		})),
		passed,
		open: openAttempt
			? {
					id: openAttempt.id,
					no: openAttempt.attempt_no,
					deadline: openAttempt.deadline_at,
					questions: publicQuestions(quiz, openAttempt.drawn),
					values: answersToFormValues(quiz, openAttempt.drawn, openAttempt.answers)
				}
			: null,
		// While an attempt is open, the previous one's answers stay hidden.
		review:
			last && !openAttempt
				? reviewOf(
						courseSlug,
						module,
						last,
						reviewLevel(quiz.settings.feedback, { passed, attemptsLeft })
					)
				: null
	};
}

/**
 * Reads the learner's attempts for the quiz page. An attempt whose time ran out while the learner
 * was away is graded first, on what was saved in time — so even a page view closes it.
 */
export async function loadQuizPage(
	db: Kysely<DB>,
	course: Course,
	module: QuizModule,
	enrolment: Enrolment,
	now = new Date(),
	/** This enrolment's attempts at this quiz as the request's action left them. */
	known?: QuizAttempt[]
): Promise<QuizPageView> {
	// Taken only when they are this enrolment's attempts at this quiz (an action saved one of them).
	const taken =
		known?.length &&
		known.every((a) => a.enrolment_id === enrolment.id && a.module_slug === module.slug)
			? known
			: null;
	let attempts = taken ?? (await listAttempts(db, enrolment.id, module.slug));
	const late = attempts.find((a) => a.submitted_at === null && isOverdue(a, now));
	if (late) {
		await submitAttempt(db, late, enrolment, course, module, null, now);
		attempts = await listAttempts(db, enrolment.id, module.slug);
	}
	return quizPageView(course.slug, module, attempts);
}
