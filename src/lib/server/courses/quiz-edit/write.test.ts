import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blankQuestion, questionId } from './model';
import { readQuestion, readQuestions, readSettings } from './read';
import { addQuestion, removeQuestion, writeQuestion, writeSettings } from './write';

const QUIZ = `settings:
  passingScore: 70
  maxAttempts: 3
  timeLimitMinutes: 0
  drawCount: 0
  shuffleQuestions: true
  shuffleOptions: true
  scoring: highest
questions:
  # the first question
  - id: uno
    type: single
    objective: 1
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
  - id: cuatro
    type: matching
    prompt: "Relacione."
    pairs:
      - { id: p1, left: "Captación", right: "Oferta." }
      - { id: p2, left: "Traslado", right: "Viaje." }
    explanation: "Palermo."
  - id: cinco
    type: ordering
    prompt: "Ordene."
    items:
      - { id: s1, text: "Primero." }
      - { id: s2, text: "Segundo." }
    explanation: "Así."
  - id: seis
    type: case
    objective: 2
    scenario: |
      Una mujer llama.
      Habla bajo.
    questions:
      - id: seis-a
        type: truefalse
        prompt: "¿Indicador?"
        answer: true
        explanation: "Sí."
      - id: seis-b
        type: multiple
        scoring: partial
        prompt: "¿Cuáles?"
        options:
          - { id: a, text: "A", correct: true }
          - { id: b, text: "B", correct: true }
          - { id: c, text: "C" }
        explanation: "A y B."
`;

/** Lines of `after` that differ from `before`, position by position. */
const changed = (before: string, after: string) => after.split('\n').filter((l, i) => l !== before.split('\n')[i]);

function bundledQuizzes(): [string, string][] {
	const root = 'content/courses';
	return readdirSync(root).flatMap((slug) =>
		readdirSync(`${root}/${slug}`)
			.filter((f) => f.endsWith('.quiz.yaml'))
			.map((f): [string, string] => [`${slug}/${f}`, readFileSync(`${root}/${slug}/${f}`, 'utf8')])
	);
}

describe('read → write', () => {
	it.each(bundledQuizzes())('leaves %s byte-identical when nothing changed', (_, text) => {
		let out = text;
		const questions = readQuestions(text);
		expect(questions.length).toBeGreaterThan(0);
		for (const q of questions) out = writeQuestion(out, q)!;
		out = writeSettings(out, readSettings(out))!;
		expect(out).toBe(text);
	});

	it('reads every type, case sub-questions included', () => {
		const qs = readQuestions(QUIZ);
		expect(qs.map((q) => q.type)).toEqual(['single', 'truefalse', 'short', 'matching', 'ordering', 'case']);
		expect(qs[0].objective).toBe(1);
		expect(qs[3].pairs[1]).toEqual({ id: 'p2', left: 'Traslado', right: 'Viaje.' });
		expect(qs[5].scenario).toBe('Una mujer llama.\nHabla bajo.\n');
		expect(qs[5].questions.map((s) => [s.id, s.type])).toEqual([['seis-a', 'truefalse'], ['seis-b', 'multiple']]);
	});
});

describe('writeQuestion', () => {
	it('changes only the lines of the values changed, for each type', () => {
		const [single, tf, short, matching, ordering, kase] = readQuestions(QUIZ);
		const cases: [typeof single, string[]][] = [
			[{ ...single, prompt: 'Nuevo "x"', options: [single.options[0], { ...single.options[1], text: 'Nada.' }] }, ['    prompt: "Nuevo \\"x\\""', '        text: "Nada."']],
			[{ ...tf, answer: false }, ['    answer: false']],
			[{ ...short, accept: ['321 ter', 'art. 321'] }, ['    accept: ["321 ter", "art. 321"]']],
			[{ ...matching, pairs: [matching.pairs[0], { ...matching.pairs[1], right: 'Bus.' }] }, ['      - { id: p2, left: "Traslado", right: "Bus." }']],
			[{ ...ordering, items: [{ ...ordering.items[0], text: 'Uno.' }, ordering.items[1]] }, ['      - { id: s1, text: "Uno." }']],
			[{ ...kase, objective: 3, questions: [{ ...kase.questions[0], answer: false }, kase.questions[1]] }, ['    objective: 3', '        answer: false']],
			[{ ...single, objective: 2 }, ['    objective: 2']]
		];
		for (const [q, lines] of cases) {
			const out = writeQuestion(QUIZ, q)!;
			expect(changed(QUIZ, out)).toEqual(lines);
			expect(readQuestion(out, q.id)).toEqual(q);
		}
	});

	it('adds, removes and moves rows and keys through the yaml library, keeping comments', () => {
		const [single, , , matching, ordering, kase] = readQuestions(QUIZ);
		const s = { ...single, objective: null, options: [{ ...single.options[1], correct: true, feedback: 'Sí.' }, { id: 'c', text: 'Nueva.', feedback: '', correct: false }] };
		let out = writeQuestion(QUIZ, s)!;
		expect(readQuestion(out, 'uno')).toEqual(s);
		expect(out).toContain('# the first question');
		expect(out).not.toContain('objective: 1');
		const m = { ...matching, pairs: [...matching.pairs, { id: 'p3', left: 'Explotación', right: 'Deuda.' }] };
		out = writeQuestion(out, m)!;
		expect(readQuestion(out, 'cuatro')?.pairs).toEqual(m.pairs);
		const o = { ...ordering, items: [ordering.items[1], ordering.items[0]] };
		out = writeQuestion(out, o)!;
		expect(readQuestion(out, 'cinco')?.items.map((x) => x.id)).toEqual(['s2', 's1']);
		const k = { ...kase, scenario: 'Otro escenario.', questions: [kase.questions[1]] };
		out = writeQuestion(out, k)!;
		expect(readQuestion(out, 'seis')).toMatchObject({ scenario: 'Otro escenario.', questions: [{ id: 'seis-b' }] });
		expect(readQuestion(out, 'dos')).toEqual(readQuestion(QUIZ, 'dos'));
	});

	it('refuses an unknown question or a changed type', () => {
		const q = readQuestion(QUIZ, 'uno')!;
		expect(writeQuestion(QUIZ, { ...q, id: 'nada' })).toBeNull();
		expect(writeQuestion(QUIZ, { ...q, type: 'multiple' })).toBeNull();
		expect(writeQuestion('questions: [', q)).toBeNull();
	});
});

describe('adding and removing questions', () => {
	it('appends a question of each type and removes it again', () => {
		for (const type of ['single', 'multiple', 'truefalse', 'matching', 'ordering', 'short', 'case'] as const) {
			const q = { ...blankQuestion(type, `nueva-${type}`), prompt: 'Texto.', scenario: type === 'case' ? 'Escena.' : '', explanation: 'Porque.' };
			const out = addQuestion(QUIZ, q)!;
			expect(readQuestion(out, q.id)).toMatchObject({ id: q.id, type, prompt: 'Texto.' });
			expect(out).toContain('# the first question');
			const back = removeQuestion(out, q.id)!;
			expect(readQuestions(back)).toEqual(readQuestions(QUIZ));
		}
		expect(addQuestion(QUIZ, blankQuestion('single', 'uno'))).toBeNull();
		expect(removeQuestion(QUIZ, 'nada')).toBeNull();
	});

	it('derives a unique id from the prompt', () => {
		expect(questionId('¿Qué es la trata de personas hoy?', [])).toBe('que-es-la-trata-de');
		expect(questionId('¿Qué es?', ['que-es', 'que-es-2'])).toBe('que-es-3');
		expect(questionId('¿¡!?', [])).toBe('pregunta');
	});
});

describe('writeSettings', () => {
	it('rewrites only the changed setting lines, and adds a missing one', () => {
		const s = readSettings(QUIZ);
		const out = writeSettings(QUIZ, { ...s, passingScore: 80, shuffleOptions: false })!;
		expect(changed(QUIZ, out)).toEqual(['  passingScore: 80', '  shuffleOptions: false']);
		const withFeedback = writeSettings(QUIZ, { ...s, feedback: 'never' })!;
		expect(readSettings(withFeedback).feedback).toBe('never');
		expect(writeSettings(QUIZ, s)).toBe(QUIZ);
	});
});
