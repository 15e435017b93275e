import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { Quiz } from '../courses/types';
import { analyseQuiz, groupSize, itemAnalysisCsv, type AnalysedAttempt } from './item-analysis';
import type { Answers } from './types';

const quiz: Quiz = {
	file: 'x.quiz.yaml',
	settings: {
		passingScore: 70,
		maxAttempts: 0,
		timeLimitMinutes: 0,
		drawCount: 0,
		shuffleQuestions: false,
		shuffleOptions: false,
		feedback: 'after-attempt',
		scoring: 'highest'
	},
	questions: [
		{
			id: 's1',
			type: 'single',
			prompt: 'S1',
			explanation: '',
			options: [
				{ id: 'a', text: 'A', correct: true, feedback: null },
				{ id: 'b', text: 'B', correct: false, feedback: null },
				{ id: 'c', text: 'C', correct: false, feedback: null }
			]
		},
		{ id: 't1', type: 'truefalse', prompt: 'T1', explanation: '', answer: true },
		{ id: 'sh', type: 'short', prompt: 'SH', explanation: '', accept: ['ley 263'] },
		{ id: 't2', type: 'truefalse', prompt: 'T2', explanation: '', answer: false }
	]
};

// Ten attempts, worked out by hand (see the expectations below).
//  id  s1   t1     sh          t2     scores (s1,t1,sh,t2)  total
const table: [number, string | null, boolean, string, boolean, number[], number][] = [
	[1, 'a', true, 'ley 263', true, [1, 1, 1, 0], 75],
	[2, 'a', true, 'x', true, [1, 1, 0, 0], 50],
	[3, 'a', false, 'Ley 263', true, [1, 0, 1, 0], 50],
	[4, 'b', true, 'ley 263', true, [0, 1, 1, 0], 50],
	[5, 'a', true, '', true, [1, 1, 0, 0], 50],
	[6, 'a', false, 'x', true, [1, 0, 0, 0], 25],
	[7, 'c', true, '', true, [0, 1, 0, 0], 25],
	[8, 'b', false, 'ley 263', true, [0, 0, 1, 0], 25],
	[9, null, true, 'x', true, [0, 1, 0, 0], 25],
	[10, 'b', false, '', false, [0, 0, 0, 1], 25]
];

const attempts: AnalysedAttempt[] = table.map(([id, s1, t1, sh, t2, scores, percent]) => {
	const answers: Answers = {
		s1: { type: 'single', optionId: s1 },
		t1: { type: 'truefalse', value: t1 },
		sh: { type: 'short', text: sh },
		t2: { type: 'truefalse', value: t2 }
	};
	const keys = ['s1', 't1', 'sh', 't2'];
	return {
		id,
		percent,
		drawn: keys.map((k) => ({ id: k })),
		answers,
		items: keys.map((key, i) => ({
			key,
			score: scores[i],
			max: 1 as const,
			correct: scores[i] === 1
		}))
	};
});

describe('item analysis', () => {
	const stats = Object.fromEntries(analyseQuiz(quiz, attempts).map((s) => [s.key, s]));
	const spanish = getLocale;
	afterEach(() => overwriteGetLocale(spanish));

	it("labels answers in the trainer's language", () => {
		overwriteGetLocale(() => 'en');
		const english = Object.fromEntries(analyseQuiz(quiz, attempts).map((s) => [s.key, s]));
		expect(english.t2.distribution.map((d) => d.label)).toEqual(['True', 'False']);
		expect(english.sh.distribution.map((d) => d.label)).toEqual(['Right', 'Partial', 'Wrong']);
	});

	it('uses upper and lower groups of 27 %, at least one attempt', () => {
		expect(groupSize(1)).toBeNull();
		expect(groupSize(2)).toBe(1);
		expect(groupSize(10)).toBe(3);
		expect(groupSize(100)).toBe(27);
	});

	it('computes facility as the mean item score', () => {
		expect(stats.s1.facility).toBe(50);
		expect(stats.t1.facility).toBe(60);
		expect(stats.sh.facility).toBe(40);
		expect(stats.t2.facility).toBe(10);
		expect(stats.s1.attempts).toBe(10);
	});

	it('computes upper–lower discrimination (upper: attempts 1–3, lower: 8–10)', () => {
		expect(stats.s1.discrimination).toBe(1); // 3/3 − 0/3
		expect(stats.t1.discrimination).toBe(0.333); // 2/3 − 1/3
		expect(stats.sh.discrimination).toBe(0.333); // 2/3 − 1/3
		expect(stats.t2.discrimination).toBe(-0.333); // 0/3 − 1/3
	});

	it('counts what was chosen, and blanks apart', () => {
		expect(stats.s1.distribution).toEqual([
			{ label: 'A', correct: true, count: 5 },
			{ label: 'B', correct: false, count: 3 },
			{ label: 'C', correct: false, count: 1 }
		]);
		expect(stats.s1.blank).toBe(1);
		expect(stats.t2.distribution).toEqual([
			{ label: 'Verdadero', correct: false, count: 9 },
			{ label: 'Falso', correct: true, count: 1 }
		]);
		expect(stats.sh.distribution).toEqual([
			{ label: 'Correcta', correct: true, count: 4 },
			{ label: 'Parcial', correct: false, count: 0 },
			{ label: 'Incorrecta', correct: false, count: 3 }
		]);
		expect(stats.sh.blank).toBe(3);
	});

	it('flags items that are too hard, too easy or discriminate negatively', () => {
		expect(stats.t2.flags).toEqual(['too-hard', 'negative-discrimination']);
		expect(stats.s1.flags).toEqual([]);
		const easy = analyseQuiz(
			quiz,
			attempts.map((a) => ({
				...a,
				items: a.items.map((i) => ({ ...i, score: 1, correct: true }))
			}))
		);
		expect(easy.every((s) => s.flags.includes('too-easy'))).toBe(true);
	});

	it('has no figures for an item nobody attempted', () => {
		const none = analyseQuiz(quiz, []);
		expect(none[0]).toMatchObject({ attempts: 0, facility: null, discrimination: null, flags: [] });
	});

	it('exports CSV with a BOM and quoted text', () => {
		const csv = itemAnalysisCsv(analyseQuiz(quiz, attempts));
		expect(csv.startsWith('\uFEFFpregunta,tipo,enunciado')).toBe(true);
		expect(csv).toContain(
			't2,truefalse,T2,10,10,-0.333,0,too-hard negative-discrimination,Verdadero: 9 | *Falso: 1'
		);
	});
});
