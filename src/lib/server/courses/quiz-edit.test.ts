import { describe, expect, it } from 'vitest';
import { readQuestion, writeQuestion } from './quiz-edit';

const QUIZ = `settings:
  passingScore: 70
questions:
  # the first question
  - id: uno
    type: single
    prompt: "¿Qué dice el art. 1?"
    options:
      - id: a
        text: "El objeto."
        correct: true
        feedback: "Correcto."
      - id: b
        text: "Otra cosa."
    explanation: "El art. 1 fija el objeto."

  - id: dos
    type: truefalse
    prompt: "Es verdad."
    answer: true
    explanation: "Sí."
  - id: tres
    type: short
    prompt: "¿Qué artículo?"
    accept: ["321 ter", "art. 321 ter"]
    explanation: "321 ter."
`;

describe('writeQuestion', () => {
	it('changes only the lines of the values changed, keeping comments and layout', () => {
		const q = readQuestion(QUIZ, 'uno')!;
		expect(q.options.map((o) => [o.id, o.correct, o.feedback])).toEqual([['a', true, 'Correcto.'], ['b', false, '']]);
		const out = writeQuestion(QUIZ, { ...q, prompt: '¿Qué fija el art. 1 "objeto"?', options: [q.options[0], { ...q.options[1], text: 'Nada.' }] })!;
		const changed = out.split('\n').filter((l, i) => l !== QUIZ.split('\n')[i]);
		expect(changed).toEqual(['    prompt: "¿Qué fija el art. 1 \\"objeto\\"?"', '        text: "Nada."']);
		expect(readQuestion(out, 'uno')?.prompt).toBe('¿Qué fija el art. 1 "objeto"?');
	});

	it('adds or removes a key (feedback, correct) through the YAML library, and edits other types', () => {
		const q = readQuestion(QUIZ, 'uno')!;
		const out = writeQuestion(QUIZ, { ...q, options: [{ ...q.options[0], correct: false }, { ...q.options[1], correct: true, feedback: 'Sí.' }] })!;
		expect(readQuestion(out, 'uno')?.options.map((o) => [o.correct, o.feedback])).toEqual([[false, 'Correcto.'], [true, 'Sí.']]);
		expect(out).toContain('# the first question');
		const tf = readQuestion(QUIZ, 'dos')!;
		expect(readQuestion(writeQuestion(QUIZ, { ...tf, answer: false })!, 'dos')?.answer).toBe(false);
		const short = readQuestion(QUIZ, 'tres')!;
		expect(readQuestion(writeQuestion(QUIZ, { ...short, accept: ['321 ter'] })!, 'tres')?.accept).toEqual(['321 ter']);
	});

	it('refuses an unknown question, or options that are not the question’s own', () => {
		const q = readQuestion(QUIZ, 'uno')!;
		expect(writeQuestion(QUIZ, { ...q, id: 'nada' })).toBeNull();
		expect(writeQuestion(QUIZ, { ...q, options: [q.options[0]] })).toBeNull();
	});
});
