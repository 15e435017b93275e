/**
 * Grading an attempt, after Moodle's quiz module. Every gradable item (a question, or a
 * sub-question of a case) is worth 1 point. Answers come from storage, so a missing, stale or
 * malformed answer scores 0 instead of throwing.
 */
import { m } from '$lib/paraglide/messages';
import type { AttemptFeedback, ItemFeedback } from '../../quiz-form';
import type { GradableQuestion, Quiz, QuizSettings } from '../courses/types';
import { drawnItems, inDrawnOrder } from './draw';
import type { Answer, Answers, AttemptGrade, DrawnQuestion, ItemResult } from './types';

/**
 * How short answers are compared: accents, case, surrounding punctuation and extra spaces do not
 * count. @example normaliseShortAnswer('  Ley  N° 263. ') === normaliseShortAnswer('ley n° 263')
 */
export function normaliseShortAnswer(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/\s+/gu, ' ')
		.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The score of one item in [0, 1]. */
export function scoreItem(question: GradableQuestion, answer: Answer | undefined): number {
	if (!answer || typeof answer !== 'object') return 0;
	switch (question.type) {
		case 'single': {
			if (answer.type !== 'single') return 0;
			return question.options.some((o) => o.correct && o.id === answer.optionId) ? 1 : 0;
		}
		case 'multiple': {
			if (answer.type !== 'multiple' || !Array.isArray(answer.optionIds)) return 0;
			const chosen = new Set(answer.optionIds);
			const correct = question.options.filter((o) => o.correct).length;
			if (correct === 0) return 0;
			const right = question.options.filter((o) => o.correct && chosen.has(o.id)).length;
			const wrong = question.options.filter((o) => !o.correct && chosen.has(o.id)).length;
			if (question.scoring === 'all-or-nothing') return right === correct && wrong === 0 ? 1 : 0;
			// Moodle's partial credit: each right choice +1/#correct, each wrong one -1/#correct.
			// One division of whole numbers keeps a full answer exactly 1.
			return clamp01((right - wrong) / correct);
		}
		case 'truefalse':
			return answer.type === 'truefalse' && answer.value === question.answer ? 1 : 0;
		case 'matching': {
			if (answer.type !== 'matching' || typeof answer.pairs !== 'object' || !answer.pairs) return 0;
			const { pairs } = answer;
			if (question.pairs.length === 0) return 0;
			const matched = question.pairs.filter(
				(p) => Object.hasOwn(pairs, p.id) && pairs[p.id] === p.id
			).length;
			return matched / question.pairs.length;
		}
		case 'ordering': {
			if (answer.type !== 'ordering' || !Array.isArray(answer.order)) return 0;
			const { order } = answer;
			if (question.items.length === 0) return 0;
			const inPlace = question.items.filter((it, i) => order[i] === it.id).length;
			return inPlace / question.items.length;
		}
		case 'short': {
			if (answer.type !== 'short' || typeof answer.text !== 'string') return 0;
			const given = normaliseShortAnswer(answer.text);
			return given !== '' && question.accept.some((a) => normaliseShortAnswer(a) === given) ? 1 : 0;
		}
	}
}

const answerFor = (answers: Answers, key: string): Answer | undefined =>
	Object.hasOwn(answers, key) ? answers[key] : undefined;

const round = (x: number, decimals: number) => {
	const f = 10 ** decimals;
	return Math.round(x * f) / f;
};

export function gradeAttempt(quiz: Quiz, drawn: DrawnQuestion[], answers: Answers): AttemptGrade {
	const items: ItemResult[] = drawnItems(quiz, drawn).map(({ key, question }) => {
		const score = scoreItem(question, answerFor(answers, key));
		return { key, score, max: 1, correct: score === 1 };
	});
	const score = items.reduce((sum, it) => sum + it.score, 0);
	const max = items.length;
	return {
		// Rounded so that sums of thirds are stored as 2.6667, not 2.6666666666666665.
		score: round(score, 4),
		max,
		percent: max === 0 ? 0 : round((100 * score) / max, 2),
		items
	};
}

export function passed(grade: { percent: number }, settings: QuizSettings): boolean {
	return grade.percent >= settings.passingScore;
}

/** The percent that counts for the quiz under `settings.scoring`; null before any attempt. */
export function countingScore(
	gradesInOrder: { percent: number }[],
	settings: QuizSettings
): number | null {
	if (gradesInOrder.length === 0) return null;
	if (settings.scoring === 'last') return gradesInOrder[gradesInOrder.length - 1].percent;
	return Math.max(...gradesInOrder.map((g) => g.percent));
}

function correctAnswer(q: GradableQuestion, drawn: DrawnQuestion): string[] {
	switch (q.type) {
		case 'single':
		case 'multiple':
			return inDrawnOrder(q.options, drawn.optionOrder)
				.filter((o) => o.correct)
				.map((o) => o.text);
		case 'truefalse':
			// In the learner's language, as the page labels the two choices.
			return [q.answer ? m.quiz_true() : m.quiz_false()];
		case 'matching':
			return q.pairs.map((p) => `${p.left} → ${p.right}`);
		case 'ordering':
			return q.items.map((it) => it.text);
		case 'short':
			// Show the accepted form written with its accents when there is one.
			return [
				q.accept.find((a) => normaliseShortAnswer(a) !== a.toLowerCase().trim()) ?? q.accept[0]
			];
	}
}

function chosenFeedback(q: GradableQuestion, drawn: DrawnQuestion, answer: Answer | undefined) {
	if (q.type !== 'single' && q.type !== 'multiple') return [];
	const chosen = new Set<string>();
	if (answer?.type === 'single' && answer.optionId) chosen.add(answer.optionId);
	if (answer?.type === 'multiple' && Array.isArray(answer.optionIds))
		for (const id of answer.optionIds) chosen.add(id);
	return inDrawnOrder(q.options, drawn.optionOrder).flatMap((o) =>
		chosen.has(o.id) && o.feedback ? [{ option: o.text, feedback: o.feedback }] : []
	);
}

/**
 * The full review of a submitted attempt; `reviewLevel` (quiz-page.ts) decides whether the learner
 * may see it.
 */
export function feedbackFor(
	quiz: Quiz,
	drawn: DrawnQuestion[],
	answers: Answers,
	grade: AttemptGrade
): AttemptFeedback {
	const results = new Map(grade.items.map((it) => [it.key, it]));
	const items: Record<string, ItemFeedback> = {};
	for (const { key, question, drawn: d } of drawnItems(quiz, drawn)) {
		const answer = answerFor(answers, key);
		const score = results.get(key)?.score ?? scoreItem(question, answer);
		items[key] = {
			key,
			score,
			correct: score === 1,
			chosen: chosenFeedback(question, d, answer),
			correctAnswer: correctAnswer(question, d),
			explanation: question.explanation
		};
	}
	const drawnIds = new Set(drawn.map((d) => d.id));
	const cases: Record<string, string | null> = {};
	for (const q of quiz.questions)
		if (q.type === 'case' && drawnIds.has(q.id)) cases[q.id] = q.explanation;
	return { items, cases };
}
