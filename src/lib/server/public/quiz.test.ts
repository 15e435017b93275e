import { describe, expect, it } from 'vitest';
import { loadCourses } from '../courses/load';
import { readCourseFiles } from '../courses/read-files';
import type { Module, Quiz } from '../courses/types';
import { gradeOpenQuiz, isFinalQuiz, openQuizQuestions } from './quiz';

const course = loadCourses(readCourseFiles('tests/fixtures/content/open-course')).courses[0];
const [senales, ayuda] = course.modules as (Module & { quiz: Quiz })[];
const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};

describe('open course quiz', () => {
	it('shows the same questions to everyone, without answers or explanations', () => {
		const shown = openQuizQuestions(course, ayuda);
		expect(openQuizQuestions(course, ayuda)).toEqual(shown);
		const text = JSON.stringify(shown);
		expect(text).not.toMatch(/correct|explanation|orientan sin costo|"answer"/);
		expect(openQuizQuestions(course, senales)).toEqual([
			{ key: 'documentos', type: 'truefalse', prompt: expect.any(String) }
		]);
	});

	/** The value the page sends for an authored option: options travel as per-draw tokens. */
	const valueOf = (optionId: string) => {
		const q = ayuda.quiz.questions.find((x) => x.id === 'pedir-ayuda');
		const text = q?.type === 'single' ? q.options.find((o) => o.id === optionId)?.text : null;
		const shown = openQuizQuestions(course, ayuda).find((x) => x.key === 'pedir-ayuda');
		const value = shown?.type === 'single' ? shown.options.find((o) => o.text === text)?.id : null;
		if (!value) throw new Error(`no shown option for ${optionId}`);
		return value;
	};

	it('grades the posted form and reviews it as the quiz settings allow', () => {
		expect(valueOf('a')).not.toBe('a');
		const right = gradeOpenQuiz(course, ayuda, form([['q:pedir-ayuda', valueOf('a')]]));
		expect(right).toMatchObject({ ok: true, percent: 100, passed: true, final: true });
		expect(right.ok && right.feedback?.items['pedir-ayuda'].explanation).toBe(
			'Las instituciones públicas orientan sin costo.'
		);
		// feedback: after-pass — a failed attempt does not give the answer away.
		const wrong = gradeOpenQuiz(course, ayuda, form([['q:pedir-ayuda', valueOf('b')]]));
		expect(wrong).toMatchObject({ ok: true, percent: 0, passed: false, feedback: null });
	});

	it('refuses a tampered form', () => {
		expect(gradeOpenQuiz(course, ayuda, form([['q:pedir-ayuda', 'zzz']]))).toMatchObject({
			ok: false
		});
	});

	it('counts the last module with a quiz as the end of the course', () => {
		expect(isFinalQuiz(course, ayuda)).toBe(true);
		expect(isFinalQuiz(course, senales)).toBe(false);
	});
});
