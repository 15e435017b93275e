import { describe, expect, it } from 'vitest';
import type { QuizModule, QuizSettings } from '../courses/types';
import type { QuizAttempt } from './attempts';
import { drawAttempt, drawnItems, seededRandom } from './draw';
import { gradeAttempt, passed } from './grade';
import { missedObjectives, quizPageView, reviewLevel } from './quiz-page';
import { objectiveQuiz, perfectAnswers } from './test-fixtures';
import type { Answers } from './types';

const POLICIES: QuizSettings['feedback'][] = ['objectives', 'after-attempt', 'after-pass', 'never'];

function quizModule(over: Partial<QuizSettings> = {}): QuizModule {
	return {
		slug: '01-marco',
		number: 1,
		title: 'Marco',
		titleEn: null,
		minutes: 30,
		objectives: [
			{ text: 'Explicar el objeto de la ley.', section: 'Una ley integral' },
			{ text: 'Aplicar los principios.', section: 'Los principios: ¿cómo actuar?' },
			{ text: 'Distinguir trata y tráfico.', section: null },
			{ text: 'Identificar el reglamento.', section: null }
		],
		file: 'content/courses/ley/01-marco.md',
		translations: [],
		quiz: objectiveQuiz(16, 4, { drawCount: 8, maxAttempts: 3, feedback: 'objectives', ...over })
	};
}

/** A submitted attempt (or an open one with `answers: null`) of `module`, drawn from `seed`. */
function attemptOf(
	module: QuizModule,
	no: number,
	answers: 'perfect' | 'blank' | null
): QuizAttempt {
	const drawn = drawAttempt(module.quiz, seededRandom(`attempt-${no}`));
	const given: Answers = answers === 'perfect' ? perfectAnswers(module.quiz, drawn) : {};
	const grade = gradeAttempt(module.quiz, drawn, given);
	return {
		id: no,
		enrolment_id: 1,
		user_id: 1,
		course_slug: 'ley',
		course_version: 'v1',
		module_slug: module.slug,
		attempt_no: no,
		drawn,
		answers: given,
		started_at: '2026-12-01T10:00:00.000Z',
		deadline_at: null,
		submitted_at: answers === null ? null : '2026-12-01T10:20:00.000Z',
		grade: answers === null ? null : { ...grade, passed: passed(grade, module.quiz.settings) }
	};
}

/** Every text that tells an answer: correct options, option feedback, explanations. */
function answerTexts(module: QuizModule, attempt: QuizAttempt): string[] {
	return drawnItems(module.quiz, attempt.drawn).flatMap(({ question: q }) => [
		q.explanation,
		...(q.type === 'single' || q.type === 'multiple'
			? q.options.flatMap((o) => [
					...(o.correct ? [o.text] : []),
					...(o.feedback ? [o.feedback] : [])
				])
			: [])
	]);
}

describe('reviewLevel', () => {
	it.each([
		// policy, passed, attempts left → what the learner sees of the last attempt
		['objectives', false, 2, 'objectives'],
		['objectives', false, null, 'objectives'],
		['objectives', true, 2, 'full'],
		['objectives', false, 0, 'full'],
		['after-attempt', false, 2, 'full'],
		['after-attempt', true, 0, 'full'],
		['after-pass', false, 2, 'score'],
		['after-pass', false, 0, 'score'],
		['after-pass', true, 1, 'full'],
		['never', false, 2, 'score'],
		['never', true, 0, 'score']
	] as const)('%s, passed %s, %s attempts left → %s', (policy, passed, attemptsLeft, level) => {
		expect(reviewLevel(policy, { passed, attemptsLeft })).toBe(level);
	});
});

describe('missedObjectives', () => {
	const module = quizModule();
	const attempt = attemptOf(module, 1, 'perfect');

	it('lists the objectives of items not fully right, linked to the section that teaches them', () => {
		const results = attempt.grade?.items.map((it) => ({ ...it, score: 0, correct: false })) ?? [];
		expect(missedObjectives('ley', module, attempt.drawn, results)).toEqual([
			{
				number: 1,
				text: 'Explicar el objeto de la ley.',
				href: '/cursos/ley/01-marco#una-ley-integral'
			},
			{
				number: 2,
				text: 'Aplicar los principios.',
				href: '/cursos/ley/01-marco#los-principios-como-actuar'
			},
			{ number: 3, text: 'Distinguir trata y tráfico.', href: '/cursos/ley/01-marco' },
			{ number: 4, text: 'Identificar el reglamento.', href: '/cursos/ley/01-marco' }
		]);
	});

	it('leaves out objectives whose every item was right, and untagged items', () => {
		const items = attempt.grade?.items ?? [];
		const tags = new Map(module.quiz.questions.map((q) => [q.id, q.objective]));
		const wrongOn2 = items.map((it) => (tags.get(it.key) === 2 ? { ...it, score: 0.5 } : it));
		expect(missedObjectives('ley', module, attempt.drawn, wrongOn2).map((o) => o.number)).toEqual([
			2
		]);
		expect(missedObjectives('ley', module, attempt.drawn, items)).toEqual([]);
		const untagged = quizModule();
		for (const q of untagged.quiz.questions) delete q.objective;
		expect(missedObjectives('ley', untagged, attempt.drawn, [])).toEqual([]);
	});
});

describe('quizPageView', () => {
	it('an open attempt carries option tokens and no answer', () => {
		const module = quizModule();
		const open = attemptOf(module, 1, null);
		const view = quizPageView('ley', module, [open]);
		expect(view.review).toBeNull();
		const json = JSON.stringify(view);
		const authoredIds = new Set(['a', 'b', 'c', 'd']);
		for (const q of view.open?.questions ?? [])
			if (q.type === 'single') for (const o of q.options) expect(authoredIds.has(o.id)).toBe(false);
		expect(json).not.toMatch(
			/"correct"|"explanation"|"correctAnswer"|"chosen"|FEEDBACK|Explicación/
		);
	});

	it('after a failed attempt (objectives policy): the objectives missed, no correct option anywhere', () => {
		const module = quizModule();
		const failed = attemptOf(module, 1, 'blank');
		const view = quizPageView('ley', module, [failed]);
		expect(view.review).toMatchObject({
			level: 'objectives',
			passed: false,
			percent: 0,
			questions: null,
			values: null,
			feedback: null
		});
		expect(view.review?.missed?.map((o) => o.number)).toEqual([1, 2, 3, 4]);
		const json = JSON.stringify(view);
		for (const text of answerTexts(module, failed)) expect(json).not.toContain(text);
	});

	it('while the retry is open, the failed attempt stays hidden and no answer is shown', () => {
		const module = quizModule();
		const failed = attemptOf(module, 1, 'blank');
		const retry = attemptOf(module, 2, null);
		const view = quizPageView('ley', module, [failed, retry]);
		expect(view.review).toBeNull();
		expect(view.attemptsLeft).toBe(1);
		const json = JSON.stringify(view);
		expect(json).not.toMatch(
			/"correct"|"explanation"|"correctAnswer"|"chosen"|FEEDBACK|Explicación/
		);
	});

	it('opens the full review once passed, or once the last attempt is used', () => {
		const module = quizModule();
		const passedView = quizPageView('ley', module, [
			attemptOf(module, 1, 'blank'),
			attemptOf(module, 2, 'perfect')
		]);
		expect(passedView.passed).toBe(true);
		expect(passedView.review?.level).toBe('full');
		expect(passedView.review?.missed).toBeNull();
		const last = attemptOf(module, 3, 'blank');
		const usedUp = quizPageView('ley', module, [
			attemptOf(module, 1, 'blank'),
			attemptOf(module, 2, 'blank'),
			last
		]);
		expect(usedUp.attemptsLeft).toBe(0);
		expect(usedUp.review?.level).toBe('full');
		const feedback = usedUp.review?.feedback;
		for (const item of drawnItems(module.quiz, last.drawn))
			expect(feedback?.items[item.key].correctAnswer).toEqual([`Correcta ${item.key.slice(1)}`]);
	});

	it.each(POLICIES)('%s: what a failed, a passed and a last attempt show', (policy) => {
		const module = quizModule({ feedback: policy });
		const level = (attempts: QuizAttempt[]) => quizPageView('ley', module, attempts).review?.level;
		const failed = level([attemptOf(module, 1, 'blank')]);
		const afterPass = level([attemptOf(module, 1, 'blank'), attemptOf(module, 2, 'perfect')]);
		const usedUp = level([1, 2, 3].map((no) => attemptOf(module, no, 'blank')));
		expect({ failed, afterPass, usedUp }).toEqual(
			{
				objectives: { failed: 'objectives', afterPass: 'full', usedUp: 'full' },
				'after-attempt': { failed: 'full', afterPass: 'full', usedUp: 'full' },
				'after-pass': { failed: 'score', afterPass: 'full', usedUp: 'score' },
				never: { failed: 'score', afterPass: 'score', usedUp: 'score' }
			}[policy]
		);
	});

	it('a score-only review carries no question, answer or objective', () => {
		for (const policy of ['never', 'after-pass'] as const) {
			const module = quizModule({ feedback: policy });
			const failed = attemptOf(module, 1, 'blank');
			const review = quizPageView('ley', module, [failed]).review;
			expect(review).toMatchObject({ questions: null, values: null, feedback: null, missed: null });
			const json = JSON.stringify(review);
			for (const text of answerTexts(module, failed)) expect(json).not.toContain(text);
		}
	});

	it('lists the history from the graded attempts, without placeholders', () => {
		const module = quizModule({ maxAttempts: 0 });
		const view = quizPageView('ley', module, [
			attemptOf(module, 1, 'blank'),
			attemptOf(module, 2, 'perfect')
		]);
		expect(view.attemptsLeft).toBeNull();
		expect(view.history).toEqual([
			{ no: 1, submittedAt: '2026-12-01T10:20:00.000Z', percent: 0, passed: false },
			{ no: 2, submittedAt: '2026-12-01T10:20:00.000Z', percent: 100, passed: true }
		]);
	});
});
