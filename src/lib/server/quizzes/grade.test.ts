import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { GradableQuestion, MultipleQuestion } from '../courses/types';
import { drawAttempt, drawnItems, seededRandom } from './draw';
import {
	countingScore,
	feedbackFor,
	gradeAttempt,
	normaliseShortAnswer,
	passed,
	scoreItem
} from './grade';
import { arbQuiz, loadRealQuiz, perfectAnswers, sampleQuiz, settings } from './test-fixtures';
import type { Answer, Answers, AttemptGrade } from './types';

const quiz = sampleQuiz();
const question = (id: string): GradableQuestion => {
	const q = quiz.questions.find((q) => q.id === id);
	if (!q || q.type === 'case') throw new Error(id);
	return q;
};
const medios = question('medios') as MultipleQuestion;
const exacto = question('exacto') as MultipleQuestion;
const multiple = (...optionIds: string[]): Answer => ({ type: 'multiple', optionIds });

describe('scoreItem', () => {
	it('single: 1 for the correct option, 0 otherwise', () => {
		const q = question('capital');
		expect(scoreItem(q, { type: 'single', optionId: 'a' })).toBe(1);
		expect(scoreItem(q, { type: 'single', optionId: 'b' })).toBe(0);
		expect(scoreItem(q, { type: 'single', optionId: null })).toBe(0);
		expect(scoreItem(q, { type: 'single', optionId: 'nope' })).toBe(0);
		expect(scoreItem(q, undefined)).toBe(0);
	});

	it('truefalse: 1 only for the right value', () => {
		const q = question('consentimiento');
		expect(scoreItem(q, { type: 'truefalse', value: false })).toBe(1);
		expect(scoreItem(q, { type: 'truefalse', value: true })).toBe(0);
		expect(scoreItem(q, { type: 'truefalse', value: null })).toBe(0);
	});

	it.each([
		[['a', 'b', 'c'], 1],
		[['c', 'b', 'a'], 1],
		[['a', 'b'], 2 / 3],
		[['a'], 1 / 3],
		[['a', 'b', 'c', 'd'], 2 / 3],
		[['a', 'b', 'd'], 1 / 3],
		[['a', 'd'], 0],
		[['a', 'd', 'e'], 0], // floored at 0, not negative
		[['a', 'b', 'c', 'd', 'e'], 1 / 3],
		[['d', 'e'], 0],
		[[], 0],
		[['a', 'a', 'a'], 1 / 3], // a repeated id counts once
		[['a', 'zz'], 1 / 3] // unknown ids are ignored
	])('multiple, partial (Moodle): %j scores %d', (ids, expected) => {
		expect(scoreItem(medios, multiple(...ids))).toBeCloseTo(expected, 10);
	});

	it('multiple, partial: a full answer is exactly 1, also with seven correct options', () => {
		const seven: MultipleQuestion = {
			...medios,
			options: Array.from({ length: 9 }, (_, i) => ({
				id: `o${i}`,
				text: `${i}`,
				correct: i < 7,
				feedback: null
			}))
		};
		const ids = seven.options.filter((o) => o.correct).map((o) => o.id);
		expect(scoreItem(seven, multiple(...ids))).toBe(1);
	});

	it('multiple, all-or-nothing: 1 only for exactly the correct set', () => {
		expect(scoreItem(exacto, multiple('x', 'z'))).toBe(1);
		expect(scoreItem(exacto, multiple('z', 'x'))).toBe(1);
		expect(scoreItem(exacto, multiple('x'))).toBe(0);
		expect(scoreItem(exacto, multiple('x', 'y', 'z'))).toBe(0);
		expect(scoreItem(exacto, multiple())).toBe(0);
	});

	it('matching: the fraction of left sides matched to their own right side', () => {
		const q = question('relacionar');
		const m = (pairs: Record<string, string | null>): Answer => ({ type: 'matching', pairs });
		expect(scoreItem(q, m({ p1: 'p1', p2: 'p2', p3: 'p3', p4: 'p4' }))).toBe(1);
		expect(scoreItem(q, m({ p1: 'p1', p2: 'p3', p3: 'p2', p4: 'p4' }))).toBe(0.5);
		expect(scoreItem(q, m({ p1: 'p1', p2: 'p1', p3: 'p1', p4: 'p1' }))).toBe(0.25);
		expect(scoreItem(q, m({ p1: 'p1', p2: null }))).toBe(0.25);
		expect(scoreItem(q, m({}))).toBe(0);
	});

	it('ordering: the fraction of items in their correct absolute position', () => {
		const q = question('pasos');
		const o = (...order: string[]): Answer => ({ type: 'ordering', order });
		expect(scoreItem(q, o('s1', 's2', 's3', 's4'))).toBe(1);
		expect(scoreItem(q, o('s2', 's3', 's4', 's1'))).toBe(0); // every item one off: none in place
		expect(scoreItem(q, o('s1', 's3', 's2', 's4'))).toBe(0.5);
		expect(scoreItem(q, o('s1', '', '', 's4'))).toBe(0.5); // positions left empty
		expect(scoreItem(q, o('s1'))).toBe(0.25);
		expect(scoreItem(q, o())).toBe(0);
	});

	it.each([
		['Ley N° 263', 1],
		['ley n° 263', 1],
		['  LEY   N°   263  ', 1],
		['Ley N° 263.', 1],
		['«Ley 263»', 1],
		['ley\t263', 1],
		['Ley 264', 0],
		['Ley N°263', 0],
		['', 0],
		['   ', 0],
		['...', 0]
	])('short: %j scores %d', (text, expected) => {
		expect(scoreItem(question('ley'), { type: 'short', text })).toBe(expected);
	});

	it('short: accents and case in the accepted answer do not matter either', () => {
		const q: GradableQuestion = {
			id: 's',
			type: 'short',
			prompt: '',
			explanation: '',
			accept: ['Explotación sexual']
		};
		expect(scoreItem(q, { type: 'short', text: 'explotacion SEXUAL' })).toBe(1);
		expect(scoreItem(q, { type: 'short', text: 'EXPLOTACIÓN  sexual.' })).toBe(1);
		expect(scoreItem(q, { type: 'short', text: 'explotacio\u0301n sexual' })).toBe(1); // decomposed
	});

	it('scores 0, without throwing, for an answer of another type or a malformed one', () => {
		expect(scoreItem(question('capital'), { type: 'truefalse', value: true })).toBe(0);
		expect(scoreItem(question('ley'), { type: 'single', optionId: 'a' })).toBe(0);
		const junk = [null, 'a', 3, {}, { type: 'multiple' }, { type: 'matching', pairs: null }];
		for (const id of ['capital', 'medios', 'consentimiento', 'relacionar', 'pasos', 'ley'])
			for (const answer of junk)
				expect(scoreItem(question(id), answer as unknown as Answer)).toBe(0);
	});
});

describe('normaliseShortAnswer', () => {
	it('strips accents, case, outer punctuation and extra spaces, keeping inner punctuation', () => {
		expect(normaliseShortAnswer('  ¿Artículo   ÚNICO?  ')).toBe('articulo unico');
		expect(normaliseShortAnswer('Ley No. 263.')).toBe('ley no. 263');
	});
});

describe('gradeAttempt', () => {
	const drawn = drawAttempt(quiz, seededRandom('grade'));

	it('gives 100 for a perfect answer, every item (and case sub-question) worth 1', () => {
		const g = gradeAttempt(quiz, drawn, perfectAnswers(quiz, drawn));
		expect(g).toMatchObject({ score: 9, max: 9, percent: 100 });
		expect(g.items.map((i) => i.key)).toContain('caso.orden');
		expect(g.items.every((i) => i.correct && i.max === 1)).toBe(true);
	});

	it('gives 0 for an empty answer, and ignores answers to questions not drawn', () => {
		expect(gradeAttempt(quiz, drawn, {})).toMatchObject({ score: 0, max: 9, percent: 0 });
		const few = drawAttempt(sampleQuiz({ drawCount: 2 }), seededRandom('x'));
		const g = gradeAttempt(quiz, few, perfectAnswers(quiz, drawn));
		expect(g).toMatchObject({ score: 2, max: 2, percent: 100 });
	});

	it('adds partial credit and rounds the percent to 2 decimals', () => {
		const answers: Answers = {
			capital: { type: 'single', optionId: 'a' },
			medios: multiple('a', 'b'),
			'caso.orden': { type: 'ordering', order: ['d', 'u'] }
		};
		const g = gradeAttempt(quiz, drawn, answers);
		expect(g.score).toBe(1.6667);
		expect(g.percent).toBe(18.52); // 100 × (5/3) / 9
		const medio = g.items.find((i) => i.key === 'medios');
		expect(medio?.correct).toBe(false);
		expect(g.items.find((i) => i.key === 'caso.orden')).toEqual({
			key: 'caso.orden',
			score: 0,
			max: 1,
			correct: false
		});
	});

	it('scores 0 for an empty quiz instead of dividing by zero', () => {
		expect(gradeAttempt({ ...quiz, questions: [] }, [], {})).toEqual({
			score: 0,
			max: 0,
			percent: 0,
			items: []
		});
	});

	it('a real quiz: a perfect answer scores 100, an empty one 0', () => {
		const real = loadRealQuiz();
		const d = drawAttempt(real, seededRandom('real'));
		const g = gradeAttempt(real, d, perfectAnswers(real, d));
		expect(g.percent).toBe(100);
		// One point per drawn item: the draw's questions, a case counting its sub-questions.
		expect(g.max).toBe(drawnItems(real, d).length);
		expect(real.questions.length).toBeGreaterThan(real.settings.drawCount);
		expect(gradeAttempt(real, d, {}).percent).toBe(0);
		// A short answer is matched without regard to case: the first accepted form, shouted.
		const all = drawAttempt(
			{ ...real, settings: { ...real.settings, drawCount: 0 } },
			seededRandom('all')
		);
		const shortItem = drawnItems(real, all).find((i) => i.question.type === 'short');
		expect(shortItem?.question.type).toBe('short');
		if (shortItem?.question.type === 'short') {
			const text = shortItem.question.accept[0].toUpperCase();
			expect(gradeAttempt(real, all, { [shortItem.key]: { type: 'short', text } }).score).toBe(1);
		}
	});

	it('property: every item is within [0, 1], the score within [0, max], and nothing throws', () => {
		const answer: fc.Arbitrary<Answer> = fc.oneof(
			fc.record({
				type: fc.constant('single' as const),
				optionId: fc.option(fc.constantFrom('o1', 'o2', 'x'))
			}),
			fc.record({
				type: fc.constant('multiple' as const),
				optionIds: fc.array(fc.constantFrom('o1', 'o2', 'o3', 'x'))
			}),
			fc.record({ type: fc.constant('truefalse' as const), value: fc.option(fc.boolean()) }),
			fc.record({
				type: fc.constant('matching' as const),
				pairs: fc.dictionary(
					fc.constantFrom('p1', 'p2', 'p3'),
					fc.option(fc.constantFrom('p1', 'p2', 'p3'))
				)
			}),
			fc.record({
				type: fc.constant('ordering' as const),
				order: fc.array(fc.constantFrom('s1', 's2', 's3', ''))
			}),
			fc.record({ type: fc.constant('short' as const), text: fc.string() })
		);
		fc.assert(
			fc.property(arbQuiz, fc.string(), fc.array(answer, { maxLength: 12 }), (q, seed, given) => {
				const d = drawAttempt(q, seededRandom(seed));
				const answers: Answers = {};
				drawnItems(q, d).forEach((item, i) => {
					if (i < given.length) answers[item.key] = given[i];
				});
				const g = gradeAttempt(q, d, answers);
				for (const it of g.items) expect(it.score >= 0 && it.score <= 1).toBe(true);
				expect(g.score >= 0 && g.score <= g.max).toBe(true);
				expect(g.percent >= 0 && g.percent <= 100).toBe(true);
			})
		);
	});

	it('property: a perfect answer built from the quiz always scores 100', () => {
		fc.assert(
			fc.property(arbQuiz, fc.string(), (q, seed) => {
				const d = drawAttempt(q, seededRandom(seed));
				const g = gradeAttempt(q, d, perfectAnswers(q, d));
				expect(g.percent).toBe(100);
				expect(g.score).toBe(g.max);
			})
		);
	});
});

describe('passed and countingScore', () => {
	const grade = (percent: number): AttemptGrade => ({ score: 0, max: 0, percent, items: [] });

	it('passes at exactly the passing score', () => {
		expect(passed(grade(70), settings({ passingScore: 70 }))).toBe(true);
		expect(passed(grade(69.99), settings({ passingScore: 70 }))).toBe(false);
	});

	it('counts from percentages alone (no placeholder grades needed)', () => {
		expect(countingScore([{ percent: 40 }, { percent: 75 }, { percent: 60 }], settings())).toBe(75);
		expect(countingScore([{ percent: 40 }, { percent: 60 }], settings({ scoring: 'last' }))).toBe(
			60
		);
	});

	it('counts the highest or the last attempt, and nothing before the first', () => {
		const grades = [grade(40), grade(90), grade(60)];
		expect(countingScore(grades, settings({ scoring: 'highest' }))).toBe(90);
		expect(countingScore(grades, settings({ scoring: 'last' }))).toBe(60);
		expect(countingScore([], settings())).toBeNull();
	});
});

describe('feedbackFor', () => {
	const drawn = drawAttempt(quiz, seededRandom('fb'));
	const answers: Answers = {
		capital: { type: 'single', optionId: 'b' },
		medios: multiple('a', 'd', 'e'),
		'caso.indicio': { type: 'single', optionId: 'a' }
	};
	const fb = feedbackFor(quiz, drawn, answers, gradeAttempt(quiz, drawn, answers));

	it("gives the chosen option's feedback, the explanation and the correct answer as text", () => {
		expect(fb.items.capital).toEqual({
			key: 'capital',
			score: 0,
			correct: false,
			chosen: [{ option: 'Lima', feedback: 'No: Lima es la capital del Perú.' }],
			correctAnswer: ['Sucre'],
			explanation: 'Sucre es la capital constitucional.'
		});
		// Options without feedback are left out of `chosen`.
		expect(fb.items.medios.chosen).toEqual([
			{ option: 'Engaño', feedback: 'Sí, engaño.' },
			{ option: 'Pasaporte', feedback: 'No, pasaporte.' }
		]);
		expect(fb.items.medios.correctAnswer).toEqual(['Engaño', 'Fuerza', 'Amenaza']);
		expect(fb.items['caso.indicio']).toMatchObject({ correct: true, score: 1 });
	});

	it('writes every type of correct answer in readable form', () => {
		expect(fb.items.consentimiento.correctAnswer).toEqual(['Falso']);
		expect(fb.items.relacionar.correctAnswer[0]).toBe('Captación → Reclutar');
		expect(fb.items.pasos.correctAnswer).toEqual(['Identificar', 'Proteger', 'Derivar', 'Seguir']);
		expect(fb.items.ley.correctAnswer).toEqual(['Ley N° 263']);
		expect(fb.items.ley.chosen).toEqual([]);
	});

	it("gives each case's own explanation", () => {
		expect(fb.cases).toEqual({ caso: 'El caso muestra indicadores.' });
	});

	describe('for an English-speaking learner', () => {
		const spanish = getLocale;
		afterEach(() => overwriteGetLocale(spanish));

		it('writes the true/false answer as the page labels it: True/False, not Verdadero/Falso', () => {
			overwriteGetLocale(() => 'en');
			const english = feedbackFor(quiz, drawn, answers, gradeAttempt(quiz, drawn, answers));
			expect(english.items.consentimiento.correctAnswer).toEqual(['False']);
		});
	});
});
