import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareQuiz, compareQuizFiles } from './compare';

const QUIZ = readFileSync('content/courses/ley-263-policia/01-marco-general.quiz.yaml', 'utf8');
const PROMPT = '¿Qué afirmación describe mejor el objeto de la Ley N° 263?';

describe('compareQuiz', () => {
	it('gives nothing for an unchanged quiz, or one only reformatted', () => {
		expect(compareQuiz('q.quiz.yaml', QUIZ, QUIZ)).toEqual({
			name: 'q.quiz.yaml',
			unreadable: false,
			settings: [],
			items: []
		});
		expect(compareQuiz('q.quiz.yaml', QUIZ, QUIZ.replace(/\n\n/g, '\n')).items).toEqual([]);
		expect(compareQuizFiles({ 'c/x/a.quiz.yaml': QUIZ }, { 'c/x/a.quiz.yaml': QUIZ })).toEqual([]);
	});

	it('names the changed parts of a question by its id', () => {
		const after = QUIZ.replace(PROMPT, '¿Qué resume mejor el objeto?');
		expect(compareQuiz('q', QUIZ, after).items).toEqual([
			{ id: 'objeto-de-la-ley', change: 'changed', parts: ['prompt'] }
		]);

		// Moving the key from option a to b changes the answer; its feedback text is another part.
		const moved = QUIZ.replace(
			'correct: true\n        feedback: "Correcto. El art. 1 combina',
			'feedback: "Correcto. El art. 1 combina'
		).replace(
			'text: "Sancionar penalmente a tratantes y traficantes; la atención de las víctimas queda a cargo de otras leyes sociales."\n',
			'text: "Sancionar penalmente a tratantes y traficantes; la atención de las víctimas queda a cargo de otras leyes sociales."\n        correct: true\n'
		);
		expect(compareQuiz('q', QUIZ, moved).items).toEqual([
			{ id: 'objeto-de-la-ley', change: 'changed', parts: ['answer'] }
		]);

		const several = QUIZ.replace(
			'objective: 4\n    prompt: "En la ley',
			'objective: 3\n    prompt: "En la ley'
		).replace(
			'answer: false\n    explanation: "Falso.',
			'answer: true\n    explanation: "Verdadero.'
		);
		expect(compareQuiz('q', QUIZ, several).items).toEqual([
			{
				id: 'trata-trafico-sinonimos',
				change: 'changed',
				parts: ['answer', 'explanation', 'objective']
			}
		]);
	});

	it('lists added and removed questions, case sub-questions included', () => {
		const before =
			'settings: {}\nquestions:\n  - id: a\n    type: truefalse\n    prompt: P\n    answer: true\n  - id: c\n    type: case\n    scenario: S\n    questions:\n      - id: c1\n        type: truefalse\n        prompt: Q\n        answer: false\n';
		const after =
			'settings: {}\nquestions:\n  - id: b\n    type: truefalse\n    prompt: P\n    answer: true\n  - id: c\n    type: case\n    scenario: S2\n    questions:\n      - id: c2\n        type: short\n        prompt: Q\n        accept: [x]\n';
		expect(compareQuiz('q', before, after).items).toEqual([
			{ id: 'b', change: 'added', parts: [] },
			{ id: 'c', change: 'changed', parts: ['scenario'] },
			{ id: 'c2', change: 'added', parts: [] },
			{ id: 'a', change: 'removed', parts: [] },
			{ id: 'c1', change: 'removed', parts: [] }
		]);
		// A quiz file added to the course: all its questions are new.
		const added = compareQuizFiles({}, { 'c/x/01-a.quiz.yaml': before });
		expect(added.map((q) => [q.name, q.items.map((i) => `${i.change}:${i.id}`)])).toEqual([
			['01-a.quiz.yaml', ['added:a', 'added:c', 'added:c1']]
		]);
	});

	it('lists the settings that changed, with both values', () => {
		const after = QUIZ.replace('passingScore: 70', 'passingScore: 80').replace(
			'  feedback: objectives\n',
			''
		);
		expect(compareQuiz('q', QUIZ, after).settings).toEqual([
			{ name: 'passingScore', before: '70', after: '80' },
			{ name: 'feedback', before: 'objectives', after: '—' }
		]);
		expect(compareQuiz('q', QUIZ, after).items).toEqual([]);
	});

	it('reports a file that is not YAML as unreadable instead of guessing', () => {
		expect(compareQuiz('q', QUIZ, 'questions: [\n').unreadable).toBe(true);
	});
});
