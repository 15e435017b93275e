import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Quiz } from '../courses/types';
import { drawAttempt, seededRandom } from './draw';
import { publicQuestions, shownTexts } from './present';
import { arbQuiz, loadRealQuiz, SECRET_MARKERS, sampleQuiz } from './test-fixtures';
import type { PublicQuestion } from '../../quiz-form';
import type { DrawnQuestion } from './types';

/** The only keys a public question may have; anything else could carry an answer. */
const ALLOWED_KEYS = new Set([
	'key',
	'type',
	'prompt',
	'options',
	'id',
	'text',
	'lefts',
	'rights',
	'items',
	'scenario',
	'questions'
]);

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
	if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) {
			out.add(k);
			keysOf(v, out);
		}
	return out;
}

/** Every text the learner must not see before submitting. */
function secretsOf(quiz: Quiz): string[] {
	const secrets: string[] = [];
	for (const q of quiz.questions) {
		const all = q.type === 'case' ? q.questions : [q];
		if (q.type === 'case' && q.explanation) secrets.push(q.explanation);
		for (const s of all) {
			secrets.push(s.explanation);
			if (s.type === 'single' || s.type === 'multiple')
				for (const o of s.options) if (o.feedback) secrets.push(o.feedback);
			if (s.type === 'short') secrets.push(...s.accept);
		}
	}
	// An accepted short answer such as "Ley N° 263" may also be written in another question's
	// prompt, which is shown by design; only texts found nowhere public are secrets.
	const shown = JSON.stringify(quiz.questions.map(shownTexts));
	return secrets.filter((secret) => secret && !shown.includes(JSON.stringify(secret).slice(1, -1)));
}

function expectNoLeak(quiz: Quiz, pub: PublicQuestion[]) {
	const json = JSON.stringify(pub);
	for (const key of keysOf(pub)) expect(ALLOWED_KEYS).toContain(key);
	for (const secret of secretsOf(quiz)) expect(json).not.toContain(secret);
	const walk = (qs: PublicQuestion[]) => {
		for (const p of qs) {
			if (p.type === 'case') walk(p.questions);
			// Positional ids: no left side shares its id with its right side, no item keeps its id.
			if (p.type === 'matching') {
				expect(p.lefts.map((l) => l.id)).toEqual(p.lefts.map((_, i) => `l${i + 1}`));
				expect(p.rights.map((r) => r.id)).toEqual(p.rights.map((_, i) => `r${i + 1}`));
			}
			if (p.type === 'ordering')
				expect(p.items.map((it) => it.id)).toEqual(p.items.map((_, i) => `i${i + 1}`));
		}
	};
	walk(pub);
}

describe('publicQuestions', () => {
	const quiz = sampleQuiz();
	const drawn: DrawnQuestion[] = [
		{ id: 'ley' },
		{ id: 'capital', optionOrder: ['c', 'a', 'b'] },
		{ id: 'relacionar', rightOrder: ['p3', 'p1', 'p4', 'p2'] },
		{ id: 'pasos', itemOrder: ['s2', 's4', 's1', 's3'] },
		{ id: 'consentimiento' },
		{
			id: 'caso',
			sub: [
				{ id: 'indicio', optionOrder: ['b', 'a'] },
				{ id: 'orden', itemOrder: ['d', 'u'] }
			]
		}
	];
	const pub = publicQuestions(quiz, drawn);

	it('shows the drawn questions in drawn order, with choices in drawn order', () => {
		expect(pub).toEqual([
			{ key: 'ley', type: 'short', prompt: '¿Qué ley?' },
			{
				key: 'capital',
				type: 'single',
				prompt: '¿Capital de Bolivia?',
				options: [
					{ id: 'c', text: 'Quito' },
					{ id: 'a', text: 'Sucre' },
					{ id: 'b', text: 'Lima' }
				]
			},
			{
				key: 'relacionar',
				type: 'matching',
				prompt: 'Relacione.',
				lefts: [
					{ id: 'l1', text: 'Captación' },
					{ id: 'l2', text: 'Traslado' },
					{ id: 'l3', text: 'Acogida' },
					{ id: 'l4', text: 'Retención' }
				],
				rights: [
					{ id: 'r1', text: 'Recibir' },
					{ id: 'r2', text: 'Reclutar' },
					{ id: 'r3', text: 'Mantener' },
					{ id: 'r4', text: 'Mover' }
				]
			},
			{
				key: 'pasos',
				type: 'ordering',
				prompt: 'Ordene los pasos.',
				items: [
					{ id: 'i1', text: 'Proteger' },
					{ id: 'i2', text: 'Seguir' },
					{ id: 'i3', text: 'Identificar' },
					{ id: 'i4', text: 'Derivar' }
				]
			},
			{ key: 'consentimiento', type: 'truefalse', prompt: 'El consentimiento excluye la trata.' },
			{
				key: 'caso',
				type: 'case',
				scenario: 'Un bus llega a la frontera.',
				prompt: null,
				questions: [
					{
						key: 'caso.indicio',
						type: 'single',
						prompt: '¿Indicio?',
						options: [
							{ id: 'b', text: 'Equipaje' },
							{ id: 'a', text: 'Documentos retenidos' }
						]
					},
					{
						key: 'caso.orden',
						type: 'ordering',
						prompt: 'Ordene.',
						items: [
							{ id: 'i1', text: 'Dos' },
							{ id: 'i2', text: 'Uno' }
						]
					}
				]
			}
		]);
	});

	it('leaves out feedback, correct flags, accepted answers, the true/false answer and explanations', () => {
		expectNoLeak(quiz, pub);
		const json = JSON.stringify(pub);
		expect(json).not.toMatch(/"correct"|"answer"|"accept"|"feedback"|"explanation"/);
		expect(json).not.toContain('Sucre es la capital');
	});

	it('leaves out questions not drawn', () => {
		expect(publicQuestions(quiz, [{ id: 'ley' }]).map((p) => p.key)).toEqual(['ley']);
	});

	it('leaks nothing for a real quiz, drawn as the learner gets it', () => {
		const real = loadRealQuiz();
		for (const seed of ['a', 'b', 'c']) {
			const d = drawAttempt(real, seededRandom(seed));
			const p = publicQuestions(real, d);
			expectNoLeak(real, p);
			// Every drawn question is shown (and only those), cases with all their sub-questions.
			expect(p).toHaveLength(real.settings.drawCount);
			expect(p.map((q) => q.key).sort()).toEqual(d.map((q) => q.id).sort());
			for (const shown of p) {
				if (shown.type !== 'case') continue;
				const authored = real.questions.find((q) => q.id === shown.key);
				expect(
					authored?.type === 'case' && authored.questions.map((s) => `${shown.key}.${s.id}`)
				).toEqual(shown.questions.map((q) => q.key));
			}
		}
	});

	it('property: never shows a secret, a correct flag or an authored matching/ordering id', () => {
		fc.assert(
			fc.property(arbQuiz, fc.string(), (q, seed) => {
				const d = drawAttempt(q, seededRandom(seed));
				const p = publicQuestions(q, d);
				expectNoLeak(q, p);
				const json = JSON.stringify(p);
				for (const marker of SECRET_MARKERS) expect(json).not.toContain(marker);
			})
		);
	});
});
