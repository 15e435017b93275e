/**
 * Quizzes for the quiz engine's unit tests: a small hand-written quiz, a fast-check generator,
 * the perfect answer to any draw, and one real quiz read from content/.
 */
import fc from 'fast-check';
import { findCourse } from '../courses/catalog';
import type { GradableQuestion, Option, Question, Quiz, QuizSettings } from '../courses/types';
import { drawnItems } from './draw';
import type { Answer, Answers, DrawnQuestion } from './types';

export const settings = (over: Partial<QuizSettings> = {}): QuizSettings => ({
	passingScore: 70,
	maxAttempts: 3,
	timeLimitMinutes: 0,
	drawCount: 0,
	shuffleQuestions: false,
	shuffleOptions: false,
	feedback: 'after-attempt',
	scoring: 'highest',
	...over
});

const opt = (
	id: string,
	text: string,
	correct = false,
	feedback: string | null = null
): Option => ({
	id,
	text,
	correct,
	feedback
});

/** One question of every type and a case; nothing shuffled unless `over` says so. */
export function sampleQuiz(over: Partial<QuizSettings> = {}): Quiz {
	return {
		file: 'content/courses/test/01-prueba.quiz.yaml',
		settings: settings(over),
		questions: [
			{
				id: 'capital',
				type: 'single',
				prompt: '¿Capital de Bolivia?',
				options: [
					opt('a', 'Sucre', true, 'Bien: Sucre es la capital.'),
					opt('b', 'Lima', false, 'No: Lima es la capital del Perú.'),
					opt('c', 'Quito')
				],
				explanation: 'Sucre es la capital constitucional.'
			},
			{
				id: 'medios',
				type: 'multiple',
				scoring: 'partial',
				prompt: 'Marque los medios.',
				options: [
					opt('a', 'Engaño', true, 'Sí, engaño.'),
					opt('b', 'Fuerza', true),
					opt('c', 'Amenaza', true),
					opt('d', 'Pasaporte', false, 'No, pasaporte.'),
					opt('e', 'Frontera')
				],
				explanation: 'Art. 3(a).'
			},
			{
				id: 'exacto',
				type: 'multiple',
				scoring: 'all-or-nothing',
				prompt: 'Marque los pares.',
				options: [opt('x', 'Dos', true), opt('y', 'Tres'), opt('z', 'Cuatro', true)],
				explanation: 'Dos y cuatro.'
			},
			{
				id: 'consentimiento',
				type: 'truefalse',
				prompt: 'El consentimiento excluye la trata.',
				answer: false,
				explanation: 'Art. 3(b).'
			},
			{
				id: 'relacionar',
				type: 'matching',
				prompt: 'Relacione.',
				pairs: [
					{ id: 'p1', left: 'Captación', right: 'Reclutar' },
					{ id: 'p2', left: 'Traslado', right: 'Mover' },
					{ id: 'p3', left: 'Acogida', right: 'Recibir' },
					{ id: 'p4', left: 'Retención', right: 'Mantener' }
				],
				explanation: 'Las acciones.'
			},
			{
				id: 'pasos',
				type: 'ordering',
				prompt: 'Ordene los pasos.',
				items: [
					{ id: 's1', text: 'Identificar' },
					{ id: 's2', text: 'Proteger' },
					{ id: 's3', text: 'Derivar' },
					{ id: 's4', text: 'Seguir' }
				],
				explanation: 'Primero identificar.'
			},
			{
				id: 'ley',
				type: 'short',
				prompt: '¿Qué ley?',
				accept: ['Ley N° 263', 'Ley 263'],
				explanation: 'Ley N° 263.'
			},
			{
				id: 'caso',
				type: 'case',
				scenario: 'Un bus llega a la frontera.',
				prompt: null,
				explanation: 'El caso muestra indicadores.',
				questions: [
					{
						id: 'indicio',
						type: 'single',
						prompt: '¿Indicio?',
						options: [opt('a', 'Documentos retenidos', true, 'Correcto.'), opt('b', 'Equipaje')],
						explanation: 'Retener documentos es un indicador.'
					},
					{
						id: 'orden',
						type: 'ordering',
						prompt: 'Ordene.',
						items: [
							{ id: 'u', text: 'Uno' },
							{ id: 'd', text: 'Dos' }
						],
						explanation: 'Uno, dos.'
					}
				]
			}
		]
	};
}

/** The answer that gets every drawn item right. */
export function perfectAnswers(quiz: Quiz, drawn: DrawnQuestion[]): Answers {
	const answers: Answers = {};
	for (const { key, question } of drawnItems(quiz, drawn)) answers[key] = perfectAnswer(question);
	return answers;
}

export function perfectAnswer(q: GradableQuestion): Answer {
	switch (q.type) {
		case 'single':
			return { type: 'single', optionId: q.options.find((o) => o.correct)?.id ?? null };
		case 'multiple':
			return { type: 'multiple', optionIds: q.options.filter((o) => o.correct).map((o) => o.id) };
		case 'truefalse':
			return { type: 'truefalse', value: q.answer };
		case 'matching':
			return { type: 'matching', pairs: Object.fromEntries(q.pairs.map((p) => [p.id, p.id])) };
		case 'ordering':
			return { type: 'ordering', order: q.items.map((it) => it.id) };
		case 'short':
			return { type: 'short', text: q.accept[0] };
	}
}

/**
 * A pool of `size` single-choice questions `q1…`, question i examining objective
 * `(i - 1) % objectives + 1`, each with its key at `a` as authors tend to write it.
 */
export function objectiveQuiz(
	size: number,
	objectives: number,
	over: Partial<QuizSettings> = {}
): Quiz {
	return {
		file: 'content/courses/test/01-objetivos.quiz.yaml',
		settings: settings({ shuffleOptions: true, shuffleQuestions: true, ...over }),
		questions: Array.from({ length: size }, (_, i) => ({
			id: `q${i + 1}`,
			type: 'single' as const,
			prompt: `Pregunta ${i + 1}`,
			objective: (i % objectives) + 1,
			options: [
				opt('a', `Correcta ${i + 1}`, true, 'FEEDBACK'),
				opt('b', `Distractor B ${i + 1}`),
				opt('c', `Distractor C ${i + 1}`),
				opt('d', `Distractor D ${i + 1}`)
			],
			explanation: `Explicación ${i + 1}`
		}))
	};
}

// ---- fast-check: quizzes whose secret texts carry markers, so a leak is easy to spot ----

/** Markers put in every text the browser must never see before submission. */
export const SECRET_MARKERS = ['FEEDBACK', 'EXPLANATION', 'ACCEPT'];

const text = fc.string({ minLength: 1, maxLength: 10 });
const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const secret = (marker: string) => word.map((w) => `${marker}-${w}`);

const options = (min: number, max: number) =>
	fc
		.array(fc.record({ text, correct: fc.boolean(), feedback: fc.option(secret('FEEDBACK')) }), {
			minLength: min,
			maxLength: max
		})
		.map((os) => os.map((o, i): Option => ({ id: `o${i + 1}`, ...o })));

const base = { prompt: text, explanation: secret('EXPLANATION') };

const gradable: fc.Arbitrary<GradableQuestion> = fc.oneof(
	fc
		.record({ ...base, options: options(2, 5), pick: fc.nat() })
		.map(({ pick, options, ...rest }): GradableQuestion => ({
			id: '',
			type: 'single',
			...rest,
			// Exactly one correct option.
			options: options.map((o, i) => ({ ...o, correct: i === pick % options.length }))
		})),
	fc
		.record({
			...base,
			options: options(2, 6),
			scoring: fc.constantFrom('partial', 'all-or-nothing')
		})
		.map(({ options, ...rest }): GradableQuestion => ({
			id: '',
			type: 'multiple',
			...rest,
			// At least one correct option, or no answer could be perfect.
			options: options.some((o) => o.correct)
				? options
				: [{ ...options[0], correct: true }, ...options.slice(1)]
		})),
	fc
		.record({ ...base, answer: fc.boolean() })
		.map((r): GradableQuestion => ({ id: '', type: 'truefalse', ...r })),
	fc
		.record({ ...base, sides: fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 6 }) })
		.map(({ sides, ...rest }): GradableQuestion => ({
			id: '',
			type: 'matching',
			...rest,
			pairs: sides.map(([left, right], i) => ({ id: `p${i + 1}`, left, right }))
		})),
	fc
		.record({ ...base, texts: fc.array(text, { minLength: 1, maxLength: 7 }) })
		.map(({ texts, ...rest }): GradableQuestion => ({
			id: '',
			type: 'ordering',
			...rest,
			items: texts.map((t, i) => ({ id: `s${i + 1}`, text: t }))
		})),
	fc
		.record({ ...base, accept: fc.array(secret('ACCEPT'), { minLength: 1, maxLength: 3 }) })
		.map((r): GradableQuestion => ({ id: '', type: 'short', ...r }))
);

const question: fc.Arbitrary<Question> = fc.oneof(
	{ weight: 4, arbitrary: gradable },
	{
		weight: 1,
		arbitrary: fc
			.record({
				scenario: text,
				prompt: fc.option(text),
				explanation: fc.option(secret('EXPLANATION')),
				questions: fc.array(gradable, { minLength: 1, maxLength: 4 })
			})
			.map((r): Question => ({
				id: '',
				type: 'case',
				...r,
				questions: r.questions.map((q, i) => ({ ...q, id: `sub${i + 1}` }))
			}))
	}
);

export const arbQuiz: fc.Arbitrary<Quiz> = fc
	.record({
		questions: fc.array(question, { minLength: 1, maxLength: 8 }),
		drawCount: fc.nat({ max: 9 }),
		shuffleQuestions: fc.boolean(),
		shuffleOptions: fc.boolean(),
		passingScore: fc.integer({ min: 1, max: 100 })
	})
	.map(({ questions, ...over }) => ({
		file: 'generated.quiz.yaml',
		settings: settings(over),
		questions: questions.map((q, i) => ({ ...q, id: `q${i + 1}` }))
	}));

/** A pool whose top-level questions each examine one of `objectives` objectives (all used). */
export const arbTaggedQuiz: fc.Arbitrary<Quiz> = fc
	.record({
		objectives: fc.integer({ min: 1, max: 5 }),
		extra: fc.array(fc.nat({ max: 4 }), { maxLength: 14 }),
		drawExtra: fc.nat({ max: 6 }),
		shuffleQuestions: fc.boolean()
	})
	.map(({ objectives, extra, drawExtra, shuffleQuestions }) => {
		// Every objective has at least one question; the extra ones land where fast-check says.
		const tags = [
			...Array.from({ length: objectives }, (_, i) => i + 1),
			...extra.map((e) => (e % objectives) + 1)
		];
		const quiz = objectiveQuiz(tags.length, objectives, {
			drawCount: Math.min(objectives + drawExtra, tags.length),
			shuffleQuestions
		});
		quiz.questions.forEach((q, i) => (q.objective = tags[i]));
		return quiz;
	});

// ---- one real quiz, through the real content loader ----

export const REAL_QUIZ_FILE = 'content/courses/frontera/01-conceptos.quiz.yaml';

export function loadRealQuiz(): Quiz {
	const quiz = findCourse('frontera')?.modules.find((m) => m.slug === '01-conceptos')?.quiz;
	if (!quiz) throw new Error(`${REAL_QUIZ_FILE} did not load`);
	return quiz;
}
