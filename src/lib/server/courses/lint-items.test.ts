import { describe, expect, it } from 'vitest';
import { keyIsLongest, LINT_RULES, unemphasisedNegation } from './lint-items';
import { loadCourses } from './load';
import { readCourseFiles } from './read-files';
import type { SingleQuestion } from './types';

// tests/fixtures/content/lint/<rule> is the good fixture's course with one flaw that rule names.
const FIXTURES = 'tests/fixtures/content';
const findings = (fixture: string) =>
	loadCourses(readCourseFiles(`${FIXTURES}/${fixture}`)).issues.map((i) => ({
		...i,
		file: i.file.replace(`${FIXTURES}/${fixture}/`, '')
	}));

type Expected = [file: string, line: number, severity: 'error' | 'warning', fragment: string];
const QUIZ = 'curso/01-inicio.quiz.yaml';

const RULES: Record<(typeof LINT_RULES)[number], Expected[]> = {
	'longest-key': [
		[
			QUIZ,
			118,
			'warning',
			'En la pregunta "trafico-beneficio", la opción correcta (79 caracteres)'
		],
		['curso/course.md', 1, 'warning', 'En 3 de las 7 preguntas de respuesta única del curso (43 %)']
	],
	'correct-count': [
		['curso/course.md', 1, 'warning', 'En 5 de las 5 preguntas de respuesta múltiple del curso']
	],
	'truefalse-balance': [
		[
			QUIZ,
			10,
			'warning',
			'De las 4 preguntas de verdadero o falso del cuestionario, 1 es verdadera'
		],
		['curso/course.md', 1, 'warning', 'De las 4 preguntas de verdadero o falso del curso']
	],
	'all-none-of-above': [
		[QUIZ, 129, 'warning', 'La opción "c" de la pregunta "trata-interna" dice «Ninguna de las']
	],
	'option-in-stem': [[QUIZ, 110, 'warning', 'La opción "b" de la pregunta "medio-engano" repite']],
	'negative-stem': [[QUIZ, 131, 'warning', 'El enunciado de la pregunta "fin-explotacion"']],
	'untagged-item': [[QUIZ, 122, 'warning', 'La pregunta "trata-interna" no dice qué objetivo']],
	'objective-without-item': [
		[
			'curso/01-inicio.md',
			8,
			'warning',
			'Ninguna pregunta del cuestionario examina el objetivo n.º 3'
		],
		// A quiz that draws cannot cover that objective either: an error of its own.
		[QUIZ, 5, 'error', 'el objetivo n.º 3 no tiene ninguna pregunta']
	],
	'small-pool': [[QUIZ, 10, 'warning', 'El banco de preguntas tiene 15 preguntas puntuables']],
	'draw-count': [[QUIZ, 5, 'warning', 'drawCount es 12']]
};

describe('the item-writing linter', () => {
	it('reports nothing on the good fixture, which meets every rule', () => {
		expect(findings('good')).toEqual([]);
	});

	it.each(Object.entries(RULES))(
		'[%s] fires on its fixture, with file and line, and nothing else does',
		(rule, expected) => {
			const found = findings(`lint/${rule}`);
			for (const [file, line, severity, fragment] of expected) {
				const message = expect.stringContaining(fragment);
				expect(found).toContainEqual({ file, line, severity, message });
			}
			expect(found).toHaveLength(expected.length);
			for (const f of found.filter((f) => f.severity === 'warning')) {
				expect(f.message.startsWith(`[${rule}] `)).toBe(true);
			}
		}
	);
});

describe('negative stems', () => {
	it('flags a «which one is not» question whose negation is not emphasised', () => {
		expect(unemphasisedNegation('¿Cuál de estas acciones no corresponde al consulado?')).toBe('no');
		expect(unemphasisedNegation('¿Qué medida no debe tomar el agente?')).toBe('no');
		expect(unemphasisedNegation('¿Cuáles son indicadores, excepto uno?')).toBe('excepto');
		expect(unemphasisedNegation('¿Cuál de estas afirmaciones es falsa?')).toBe('falsa');
		expect(unemphasisedNegation('En el puesto: ¿en qué caso no se aplica la ley?')).toBe('no');
	});

	it('accepts the negation in capitals or in bold', () => {
		expect(unemphasisedNegation('¿Cuáles de estas acciones NO debe realizar?')).toBeNull();
		expect(unemphasisedNegation('¿Cuál de estas acciones **no** corresponde?')).toBeNull();
		expect(unemphasisedNegation('¿Cuál es **la que no corresponde**?')).toBeNull();
		expect(unemphasisedNegation('¿Cuál de estas afirmaciones es FALSA?')).toBeNull();
		expect(unemphasisedNegation('¿Qué hacen todos, EXCEPTO la fiscalía?')).toBeNull();
	});

	it('leaves alone an ordinary «no» in the scenario or in a clause of the question', () => {
		for (const stem of [
			// From the published courses:
			'Una persona llega acompañada por un hombre que no quiere dejarla sola. ¿Qué es lo más adecuado?',
			'¿Qué elemento, si aparece, indicaría que el caso puede ser de trata y no solo de tráfico?',
			'¿Cuál de estas frases usa un lenguaje respetuoso y no estigmatizante en un informe?',
			'¿Qué significa, en la práctica del puesto, el principio de no revictimización?',
			'¿Qué principio busca que la persona víctima no sea sometida a procedimientos repetidos?',
			'¿Qué elementos pueden corroborar un caso aunque la persona víctima decida no declarar?',
			'¿Por qué conviene no basar un caso únicamente en el testimonio de la persona víctima?',
			'¿Cómo se llama el principio según el cual una persona víctima no debe ser castigada?',
			'¿Qué hace usted cuando la persona no habla castellano?',
			'¿Qué hace con un pasaporte falso?',
			'La persona no tiene documentos y no quiere hablar.'
		]) {
			expect(unemphasisedNegation(stem), stem).toBeNull();
		}
	});
});

describe('longest key', () => {
	const single = (key: string, ...distractors: string[]): SingleQuestion => ({
		id: 'q',
		type: 'single',
		prompt: '¿?',
		explanation: '',
		options: [
			{ id: 'k', text: key, correct: true, feedback: null },
			...distractors.map((text, i) => ({ id: `d${i}`, text, correct: false, feedback: null }))
		]
	});

	it('counts a key as the longest only when it is strictly longer than every distractor', () => {
		expect(keyIsLongest(single('abcd', 'abc', 'ab'))).toBe(true);
		expect(keyIsLongest(single('abc', 'abc', 'ab'))).toBe(false);
		expect(keyIsLongest(single('ab', 'abc'))).toBe(false);
	});

	it('warns on an item only when the key is both 1.3 times and 15 characters longer', () => {
		const warned = (key: number, distractor: number) =>
			findingsFor(single('k'.repeat(key), 'd'.repeat(distractor), 'e'.repeat(5)));
		expect(warned(65, 50)).toBe(true); // 1.3× and 15 more
		expect(warned(64, 50)).toBe(false); // 14 more
		expect(warned(40, 25)).toBe(true);
		expect(warned(39, 30)).toBe(false); // 1.3× but only 9 more
		expect(warned(80, 62)).toBe(false); // 18 more but under 1.3×
	});
});

/** Whether the linter warns [longest-key] on the option of a one-question quiz built around `q`. */
function findingsFor(q: SingleQuestion): boolean {
	const options = q.options
		.map((o) => `      - { id: ${o.id}, text: "${o.text}"${o.correct ? ', correct: true' : ''} }`)
		.join('\n');
	const files = {
		'c/curso/course.md':
			'---\ntitle: C\nsummary: S\nlanguage: es\nhours: 1\naudience: [all]\nenrolment: open\ntranslations:\n  en:\n    title: C\n    summary: S\n---\n\nTexto.\n',
		'c/curso/01-m.md':
			'---\ntitle: M\nminutes: 60\nobjectives:\n  - Uno.\n  - Dos.\ntranslations:\n  en:\n    title: M\n---\n\n## A\n\nTexto.\n',
		'c/curso/01-m.quiz.yaml': `settings:\n  passingScore: 70\n  maxAttempts: 3\n  timeLimitMinutes: 0\n  drawCount: 0\n  shuffleQuestions: true\n  shuffleOptions: true\n  scoring: highest\nquestions:\n  - id: q\n    type: single\n    prompt: "¿?"\n    options:\n${options}\n    explanation: E.\n`
	};
	return loadCourses(files).issues.some(
		(i) => i.file.endsWith('.quiz.yaml') && i.message.startsWith('[longest-key]')
	);
}
