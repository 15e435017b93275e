// The quiz page's data as the route sends it, on each database: option tokens, draws that differ on
// a retry, objectives instead of answers after a failed attempt, the full review once it may open.
import { describe, expect, it } from 'vitest';
import { findCourse } from '../../src/lib/server/courses/catalog';
import type { Course, QuizModule, QuizSettings } from '../../src/lib/server/courses/types';
import { enrol } from '../../src/lib/server/enrolment/repository';
import { answersFromForm } from '../../src/lib/server/quizzes/answers';
import {
	listAttempts,
	startAttempt,
	submitAttempt,
	type QuizAttempt
} from '../../src/lib/server/quizzes/attempts';
import { drawnItems } from '../../src/lib/server/quizzes/draw';
import { loadQuizPage } from '../../src/lib/server/quizzes/quiz-page';
import { objectiveQuiz, perfectAnswers } from '../../src/lib/server/quizzes/test-fixtures';
import { newUser } from '../helpers/factories';
import { useTestDb, DIALECTS } from '../helpers/test-db';

/** Module 1 of the Law 263 course with a pool of 24 tagged items drawing 8. */
function quizModule(course: Course, over: Partial<QuizSettings> = {}): QuizModule {
	return {
		...course.modules[0],
		objectives: [
			{ text: 'Explicar el objeto de la ley.', section: 'Una ley integral' },
			{ text: 'Aplicar los principios.', section: null },
			{ text: 'Distinguir trata y tráfico.', section: null },
			{ text: 'Identificar el reglamento.', section: null }
		],
		quiz: objectiveQuiz(24, 4, { drawCount: 8, maxAttempts: 3, feedback: 'objectives', ...over })
	};
}

/** Correct option texts, option feedback and explanations of an attempt's items. */
function answerTexts(module: QuizModule, attempt: QuizAttempt): string[] {
	return drawnItems(module.quiz, attempt.drawn).flatMap(({ question: q }) => [
		q.explanation,
		...(q.type === 'single' || q.type === 'multiple'
			? q.options.flatMap((o) => (o.correct ? [o.text, ...(o.feedback ? [o.feedback] : [])] : []))
			: [])
	]);
}

describe.each(DIALECTS)('the quiz page on %s', (dialect) => {
	const t = useTestDb(dialect);
	const course = findCourse('ley-263-policia')!;

	async function learner() {
		const user = await newUser(t.db);
		return enrol(t.db, user.id, course, 'self');
	}

	it('fail, objectives only; retry with other questions; pass; full review', async () => {
		const module = quizModule(course);
		const enrolment = await learner();
		const start = await startAttempt(t.db, enrolment, module);
		if (!start.ok) throw new Error('not started');
		const first = start.attempt;

		// The open attempt: options go by tokens that are not the authored ids.
		const open = await loadQuizPage(t.db, course, module, enrolment);
		for (const q of open.open?.questions ?? [])
			if (q.type === 'single')
				for (const o of q.options) expect(['a', 'b', 'c', 'd']).not.toContain(o.id);

		// Blank: failed. The page names the objectives missed and shows no answer.
		await submitAttempt(t.db, first, enrolment, course, module, {});
		const failed = await loadQuizPage(t.db, course, module, enrolment);
		expect(failed.review).toMatchObject({
			level: 'objectives',
			passed: false,
			questions: null,
			feedback: null
		});
		expect(failed.review?.missed?.[0]).toEqual({
			number: 1,
			text: 'Explicar el objeto de la ley.',
			href: '/cursos/ley-263-policia/01-marco-general#una-ley-integral'
		});
		const failedJson = JSON.stringify(failed);
		for (const text of answerTexts(module, first)) expect(failedJson).not.toContain(text);

		// The retry draws none of the first attempt's questions, with new tokens.
		const retry = await startAttempt(t.db, enrolment, module);
		if (!retry.ok) throw new Error('no retry');
		const firstIds = first.drawn.map((d) => d.id);
		expect(retry.attempt.drawn.filter((d) => firstIds.includes(d.id))).toEqual([]);
		const retryPage = await loadQuizPage(t.db, course, module, enrolment);
		expect(retryPage.review).toBeNull();
		expect(JSON.stringify(retryPage)).not.toMatch(
			/"correct"|"explanation"|"correctAnswer"|FEEDBACK|Explicación/
		);
		const firstTokens = new Set(first.drawn.flatMap((d) => d.optionTokens ?? []));
		for (const d of retry.attempt.drawn)
			for (const token of d.optionTokens ?? []) expect(firstTokens.has(token)).toBe(false);

		// A form with authored ids is refused; the right tokens pass, and the review opens.
		const [item] = drawnItems(module.quiz, retry.attempt.drawn);
		expect(
			answersFromForm(
				module.quiz,
				retry.attempt.drawn,
				new URLSearchParams([[`q:${item.key}`, 'a']])
			)
		).toMatchObject({ ok: false });
		const result = await submitAttempt(
			t.db,
			retry.attempt,
			enrolment,
			course,
			module,
			perfectAnswers(module.quiz, retry.attempt.drawn)
		);
		expect(result).toMatchObject({ ok: true, passed: true });
		const passed = await loadQuizPage(t.db, course, module, enrolment);
		expect(passed.passed).toBe(true);
		expect(passed.review?.level).toBe('full');
		expect(Object.keys(passed.review?.feedback?.items ?? {})).toHaveLength(8);
	});

	it('opens the full review after the last attempt, even without a pass', async () => {
		const module = quizModule(course, { maxAttempts: 2 });
		const enrolment = await learner();
		for (let i = 0; i < 2; i++) {
			const s = await startAttempt(t.db, enrolment, module);
			if (!s.ok) throw new Error('not started');
			await submitAttempt(t.db, s.attempt, enrolment, course, module, {});
			const page = await loadQuizPage(t.db, course, module, enrolment);
			expect(page.review?.level).toBe(i === 0 ? 'objectives' : 'full');
		}
		const [last] = (await listAttempts(t.db, enrolment.id, module.slug)).slice(-1);
		const page = await loadQuizPage(t.db, course, module, enrolment);
		expect(page.attemptsLeft).toBe(0);
		const shown = JSON.stringify(page.review);
		for (const text of answerTexts(module, last).filter((s) => s.startsWith('Correcta')))
			expect(shown).toContain(text);
	});

	it('grades an attempt whose time ran out when the page is next read', async () => {
		const module = quizModule(course, { timeLimitMinutes: 10 });
		const enrolment = await learner();
		const start = new Date('2026-12-01T10:00:00.000Z');
		const s = await startAttempt(t.db, enrolment, module, start);
		if (!s.ok) throw new Error('not started');
		const page = await loadQuizPage(
			t.db,
			course,
			module,
			enrolment,
			new Date('2026-12-01T10:11:00.000Z')
		);
		expect(page.open).toBeNull();
		expect(page.history).toEqual([
			{ no: 1, submittedAt: '2026-12-01T10:11:00.000Z', percent: 0, passed: false }
		]);
		expect(page.review?.level).toBe('objectives');
	});
});
