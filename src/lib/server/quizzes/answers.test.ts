import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import {
	answersFromForm,
	answersToFormValues,
	MAX_SHORT_ANSWER_LENGTH,
	type FormValues
} from './answers';
import { drawAttempt, seededRandom } from './draw';
import { gradeAttempt } from './grade';
import { publicQuestions } from './present';
import { arbQuiz, perfectAnswers, sampleQuiz } from './test-fixtures';
import { quizField as fieldName, type PublicQuestion } from '../../quiz-form';
import type { DrawnQuestion } from './types';

const quiz = sampleQuiz();
// A fixed draw, so the public ids below are known: r1 = p3's right side, i1 = s2, …
const drawn: DrawnQuestion[] = [
	{ id: 'capital', optionOrder: ['c', 'a', 'b'] },
	{ id: 'medios', optionOrder: ['a', 'b', 'c', 'd', 'e'] },
	{ id: 'exacto', optionOrder: ['x', 'y', 'z'] },
	{ id: 'consentimiento' },
	{ id: 'relacionar', rightOrder: ['p3', 'p1', 'p4', 'p2'] },
	{ id: 'pasos', itemOrder: ['s2', 's4', 's1', 's3'] },
	{ id: 'ley' },
	{
		id: 'caso',
		sub: [
			{ id: 'indicio', optionOrder: ['b', 'a'] },
			{ id: 'orden', itemOrder: ['d', 'u'] }
		]
	}
];

const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};
const parse = (entries: [string, string][]) => answersFromForm(quiz, drawn, form(entries));
const errorOf = (entries: [string, string][]) => {
	const r = parse(entries);
	return r.ok ? null : r.error;
};

/** A perfect submission as a browser would send it, using the public ids. */
const perfectForm: [string, string][] = [
	['q:capital', 'a'],
	['q:medios', 'a'],
	['q:medios', 'b'],
	['q:medios', 'c'],
	['q:exacto', 'x'],
	['q:exacto', 'z'],
	['q:consentimiento', 'false'],
	// Lefts p1..p4 are l1..l4; rights in drawn order p3, p1, p4, p2 are r1..r4.
	['q:relacionar:l1', 'r2'],
	['q:relacionar:l2', 'r4'],
	['q:relacionar:l3', 'r1'],
	['q:relacionar:l4', 'r3'],
	// Items shown s2, s4, s1, s3 are i1..i4; s1 goes first.
	['q:pasos:i1', '2'],
	['q:pasos:i2', '4'],
	['q:pasos:i3', '1'],
	['q:pasos:i4', '3'],
	['q:ley', ' ley 263 '],
	['q:caso.indicio', 'a'],
	['q:caso.orden:i1', '2'],
	['q:caso.orden:i2', '1'],
	['csrf', 'ignored'],
	['accion', 'enviar']
];

describe('answersFromForm', () => {
	it('reads every type of question from a form the page sent', () => {
		const r = parse(perfectForm);
		expect(r).toEqual({
			ok: true,
			answers: {
				capital: { type: 'single', optionId: 'a' },
				medios: { type: 'multiple', optionIds: ['a', 'b', 'c'] },
				exacto: { type: 'multiple', optionIds: ['x', 'z'] },
				consentimiento: { type: 'truefalse', value: false },
				relacionar: { type: 'matching', pairs: { p1: 'p1', p2: 'p2', p3: 'p3', p4: 'p4' } },
				pasos: { type: 'ordering', order: ['s1', 's2', 's3', 's4'] },
				ley: { type: 'short', text: 'ley 263' },
				'caso.indicio': { type: 'single', optionId: 'a' },
				'caso.orden': { type: 'ordering', order: ['u', 'd'] }
			}
		});
		if (r.ok) expect(gradeAttempt(quiz, drawn, r.answers).percent).toBe(100);
	});

	it('accepts URLSearchParams and a Map as well as FormData', () => {
		const expected = parse(perfectForm);
		expect(answersFromForm(quiz, drawn, new URLSearchParams(perfectForm))).toEqual(expected);
		const map = new Map<string, string[]>();
		for (const [k, v] of perfectForm) map.set(k, [...(map.get(k) ?? []), v]);
		expect(answersFromForm(quiz, drawn, map)).toEqual(expected);
	});

	it('leaves unanswered and blank questions out: they score 0', () => {
		expect(parse([])).toEqual({ ok: true, answers: {} });
		expect(
			parse([
				['q:capital', ''],
				['q:medios', ''],
				['q:consentimiento', ''],
				['q:relacionar:l1', ''],
				['q:pasos:i1', ''],
				['q:ley', '   ']
			])
		).toEqual({ ok: true, answers: {} });
	});

	it('keeps a partly answered matching or ordering question', () => {
		const r = parse([
			['q:relacionar:l1', 'r2'],
			['q:relacionar:l2', 'r2'], // the same right side twice is a wrong answer, not tampering
			['q:pasos:i3', '1'],
			['q:pasos:i1', '4']
		]);
		expect(r.ok && r.answers).toEqual({
			relacionar: { type: 'matching', pairs: { p1: 'p1', p2: 'p1', p3: null, p4: null } },
			pasos: { type: 'ordering', order: ['s1', '', '', 's2'] }
		});
	});

	it('accepts a short answer of exactly the maximum length', () => {
		const text = 'a'.repeat(MAX_SHORT_ANSWER_LENGTH);
		expect(parse([['q:ley', text]])).toEqual({
			ok: true,
			answers: { ley: { type: 'short', text } }
		});
	});

	it.each<[string, [string, string][], RegExp]>([
		[
			'an unknown option',
			[['q:capital', 'z']],
			/pregunta 1: la opción elegida no es de este intento/
		],
		[
			'two values for a single question',
			[
				['q:capital', 'a'],
				['q:capital', 'b']
			],
			/varias respuestas/
		],
		[
			'an unknown option among several',
			[
				['q:medios', 'a'],
				['q:medios', 'q']
			],
			/pregunta 2: una de las opciones/
		],
		[
			'the same option twice',
			[
				['q:medios', 'a'],
				['q:medios', 'a']
			],
			/más de una vez/
		],
		['a true/false that is neither', [['q:consentimiento', 'sí']], /verdadero o falso/],
		[
			'an overlong text',
			[['q:ley', 'x'.repeat(MAX_SHORT_ANSWER_LENGTH + 1)]],
			/supera los 500 caracteres/
		],
		[
			'an unknown right side',
			[['q:relacionar:l1', 'r9']],
			/pregunta 5: la relación elegida no existe/
		],
		[
			'an authored pair id instead of the public one',
			[['q:relacionar:l1', 'p1']],
			/la relación elegida no existe/
		],
		[
			'an unknown left side',
			[['q:relacionar:p1', 'r1']],
			/campo desconocido \(«q:relacionar:p1»\)/
		],
		['position 0', [['q:pasos:i1', '0']], /entre 1 y 4/],
		['a position beyond the last', [['q:pasos:i1', '5']], /entre 1 y 4/],
		['a position that is not a whole number', [['q:pasos:i1', '1.5']], /entre 1 y 4/],
		['a position with spaces', [['q:pasos:i1', ' 1']], /entre 1 y 4/],
		[
			'repeated positions',
			[
				['q:pasos:i1', '2'],
				['q:pasos:i2', '2']
			],
			/pregunta 6: dos elementos tienen la misma posición/
		],
		['an unknown ordering item', [['q:pasos:s1', '1']], /campo desconocido/],
		[
			'a case sub-question with a bad option',
			[['q:caso.indicio', 'c']],
			/pregunta 8\.1: la opción elegida no es de este intento/
		],
		[
			'a question that does not exist',
			[['q:inventada', 'a']],
			/campo desconocido \(«q:inventada»\)/
		],
		['a case answered as a whole', [['q:caso', 'a']], /campo desconocido/],
		['a matching question answered as a single one', [['q:relacionar', 'r1']], /campo desconocido/]
	])('refuses %s', (_, entries, message) => {
		const error = errorOf(entries);
		expect(error).toMatch(message);
		expect(error).toMatch(/Recargue la página/);
	});

	it('refuses an answer to a question not drawn in this attempt', () => {
		const few: DrawnQuestion[] = [{ id: 'ley' }];
		const r = answersFromForm(quiz, few, form([['q:capital', 'a']]));
		expect(r).toEqual({
			ok: false,
			error:
				'El formulario contiene un campo desconocido («q:capital»). Recargue la página e inténtelo de nuevo.'
		});
	});

	it('shortens a long unknown field name in the message', () => {
		const error = errorOf([[`q:${'x'.repeat(500)}`, 'a']]) ?? '';
		expect(error.length).toBeLessThan(200);
	});

	it('refuses a file where an answer is expected', () => {
		const f = form([]);
		f.append('q:ley', new Blob(['texto']), 'respuesta.txt');
		expect(answersFromForm(quiz, drawn, f)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/archivo/)
		});
	});
});

describe('option tokens', () => {
	const capital = sampleQuiz({ shuffleOptions: true });
	// Tokens as drawn for one attempt: `capital` shows c, a, b as tok-c, tok-a, tok-b.
	const tokenDrawn: DrawnQuestion[] = [
		{ id: 'capital', optionOrder: ['c', 'a', 'b'], optionTokens: ['k7q2', 'm3xz', 'p9aa'] },
		{
			id: 'medios',
			optionOrder: ['e', 'd', 'c', 'b', 'a'],
			optionTokens: ['t1', 't2', 't3', 't4', 't5']
		}
	];
	const parseTokens = (entries: [string, string][]) =>
		answersFromForm(capital, tokenDrawn, form(entries));

	it('shows options by their tokens, never by authored id', () => {
		const [single, multiple] = publicQuestions(capital, tokenDrawn);
		if (single.type !== 'single' || multiple.type !== 'multiple') throw new Error('types');
		expect(single.options).toEqual([
			{ id: 'k7q2', text: 'Quito' },
			{ id: 'm3xz', text: 'Sucre' },
			{ id: 'p9aa', text: 'Lima' }
		]);
		expect(multiple.options.map((o) => o.id)).toEqual(['t1', 't2', 't3', 't4', 't5']);
	});

	it('maps tokens back to the authored options', () => {
		expect(
			parseTokens([
				['q:capital', 'm3xz'],
				['q:medios', 't5'],
				['q:medios', 't3']
			])
		).toEqual({
			ok: true,
			answers: {
				capital: { type: 'single', optionId: 'a' },
				medios: { type: 'multiple', optionIds: ['a', 'c'] }
			}
		});
	});

	it("refuses an authored id ('a' is the key of most questions) with a clear message", () => {
		expect(parseTokens([['q:capital', 'a']])).toEqual({
			ok: false,
			error:
				'Respuesta no válida en la pregunta 1: la opción elegida no es de este intento. Recargue la página e inténtelo de nuevo.'
		});
		expect(parseTokens([['q:medios', 'a']])).toMatchObject({ ok: false });
		// A token of another question is no better.
		expect(parseTokens([['q:capital', 't1']])).toMatchObject({ ok: false });
	});

	it('shows a saved answer again by its tokens', () => {
		const values = answersToFormValues(capital, tokenDrawn, {
			capital: { type: 'single', optionId: 'a' },
			medios: { type: 'multiple', optionIds: ['a', 'b'] }
		});
		expect(values).toEqual({ 'q:capital': ['m3xz'], 'q:medios': ['t5', 't4'] });
	});

	it('tells an English-speaking learner in English', () => {
		const spanish = getLocale;
		overwriteGetLocale(() => 'en');
		try {
			expect(parseTokens([['q:capital', 'a']])).toEqual({
				ok: false,
				error:
					'Invalid answer to question 1: the option chosen is not one of this attempt. Reload the page and try again.'
			});
		} finally {
			overwriteGetLocale(spanish);
		}
	});
});

describe('fieldName', () => {
	it('names fields the way the form posts them', () => {
		expect(fieldName('caso.orden', 'i2')).toBe('q:caso.orden:i2');
		expect(fieldName('ley')).toBe('q:ley');
	});
});

describe('answersToFormValues', () => {
	it('gives back what to select or type for a saved answer', () => {
		const r = parse(perfectForm);
		if (!r.ok) throw new Error(r.error);
		const values = answersToFormValues(quiz, drawn, r.answers);
		expect(values['q:medios']).toEqual(['a', 'b', 'c']);
		expect(values['q:relacionar:l1']).toEqual(['r2']);
		expect(values['q:pasos:i3']).toEqual(['1']);
		expect(values['q:consentimiento']).toEqual(['false']);
		expect(values['q:ley']).toEqual(['ley 263']);
	});

	it('leaves out answers that no longer fit the quiz', () => {
		expect(
			answersToFormValues(quiz, drawn, {
				capital: { type: 'single', optionId: 'borrada' },
				ley: { type: 'truefalse', value: true },
				inventada: { type: 'short', text: 'x' },
				pasos: { type: 'ordering', order: ['s1', '', 'vieja'] }
			})
		).toEqual({ 'q:pasos:i3': ['1'] });
	});

	it('a perfect answer survives the trip through the form and scores 100', () => {
		const d = drawAttempt(quiz, seededRandom('ida-y-vuelta'));
		const values = answersToFormValues(quiz, d, perfectAnswers(quiz, d));
		const r = answersFromForm(quiz, d, new Map(Object.entries(values)));
		expect(r.ok && gradeAttempt(quiz, d, r.answers).percent).toBe(100);
	});

	it('property: any form a browser could send parses, and shows again as the same values', () => {
		/** Random valid choices for every public question: what a learner could click. */
		const formFor = (qs: PublicQuestion[]): fc.Arbitrary<FormValues> =>
			fc
				.tuple(
					...qs.flatMap((p): fc.Arbitrary<FormValues>[] => {
						const f = fieldName(p.key);
						switch (p.type) {
							case 'case':
								return [formFor(p.questions)];
							case 'single':
								return [
									fc
										.option(fc.constantFrom(...p.options.map((o) => o.id)))
										.map((id) => (id ? { [f]: [id] } : {}))
								];
							case 'multiple':
								return [
									fc
										.subarray(p.options.map((o) => o.id))
										.map((ids) => (ids.length ? { [f]: ids } : {}))
								];
							case 'truefalse':
								return [fc.constantFrom<FormValues>({}, { [f]: ['true'] }, { [f]: ['false'] })];
							case 'short':
								return [
									fc.string({ maxLength: 20 }).map((t) => (t.trim() ? { [f]: [t.trim()] } : {}))
								];
							case 'matching':
								return [
									fc
										.array(fc.option(fc.constantFrom(...p.rights.map((r) => r.id))), {
											minLength: p.lefts.length,
											maxLength: p.lefts.length
										})
										.map((chosen) => {
											const out: FormValues = {};
											chosen.forEach((r, i) => {
												if (r) out[fieldName(p.key, p.lefts[i].id)] = [r];
											});
											return out;
										})
								];
							case 'ordering':
								return [
									fc
										.tuple(
											fc.shuffledSubarray(p.items.map((_, i) => i + 1)),
											fc.shuffledSubarray(
												p.items.map((it) => it.id),
												{ minLength: p.items.length }
											)
										)
										.map(([positions, ids]) => {
											const out: FormValues = {};
											positions.forEach(
												(pos, i) => (out[fieldName(p.key, ids[i])] = [String(pos)])
											);
											return out;
										})
								];
						}
					})
				)
				.map((parts) => Object.assign({}, ...parts));
		fc.assert(
			fc.property(
				fc.tuple(arbQuiz, fc.string()).chain(([q, seed]) => {
					const d = drawAttempt(q, seededRandom(seed));
					return fc.tuple(fc.constant(q), fc.constant(d), formFor(publicQuestions(q, d)));
				}),
				([q, d, values]) => {
					const r = answersFromForm(q, d, new Map(Object.entries(values)));
					if (!r.ok) throw new Error(r.error);
					const back = answersToFormValues(q, d, r.answers);
					// Same fields with the same values; checkbox order does not matter.
					const norm = (v: FormValues) =>
						Object.fromEntries(Object.entries(v).map(([k, xs]) => [k, [...xs].sort()]));
					expect(norm(back)).toEqual(norm(values));
					expect(answersFromForm(q, d, new Map(Object.entries(back)))).toEqual(r);
				}
			)
		);
	});
});
