/**
 * The item-writing linter: the classic flaws that let a learner answer without knowing the
 * subject (docs/authoring.md, «Revisión de la redacción de las preguntas»). Findings are warnings
 * — errors under `content:check --strict`, which CI runs — and each message starts with its rule
 * id, e.g. `[longest-key]`, which the guide explains.
 */
import type { ObjectiveLines } from './course-files';
import { count, type IssueList } from './issues';
import { gradableItems, objectivesWithoutItem } from './objectives';
import type { GradableQuestion, Module, MultipleQuestion, Quiz, SingleQuestion } from './types';
import type { QuizLines } from './validate-quiz';

export const LINT_RULES = [
	'longest-key',
	'correct-count',
	'truefalse-balance',
	'all-none-of-above',
	'option-in-stem',
	'negative-stem',
	'untagged-item',
	'objective-without-item',
	'small-pool',
	'draw-count'
] as const;
export type LintRule = (typeof LINT_RULES)[number];

/** Thresholds, named as docs/authoring.md states them. */
export const LIMITS = {
	/** A key this many times the longest distractor's length, and… */
	keyRatio: 1.3,
	/** …at least this many characters longer, stands out. */
	keyExtraChars: 15,
	/** Share of a course's single-choice keys that may be the longest option. */
	longestKeyShare: 0.3,
	/** Share of multiple-response items that may share one count of correct options… */
	correctCountShare: 0.6,
	/** …once a course has this many of them. */
	correctCountMinItems: 4,
	trueShare: [0.35, 0.65],
	trueFalseMinItems: 4,
	pool: 16,
	draw: [8, 10],
	optionInStemChars: 12
} as const;

export type LintModule = {
	module: Module & { quiz: Quiz };
	lines: { objectives: ObjectiveLines; quiz: QuizLines };
};

/**
 * Checks every quiz of a course; `courseFile` takes the course-wide findings. An open course's
 * quizzes (`selfCheck`) certify nothing and show their answers after each try, so the pool and
 * draw rules, which keep a retry from repeating the questions, do not apply to them.
 */
export function lintCourse(
	courseFile: string,
	modules: LintModule[],
	issues: IssueList,
	{ selfCheck = false }: { selfCheck?: boolean } = {}
) {
	const warn = (file: string, line: number, rule: LintRule, message: string) =>
		issues.warning(file, line, `[${rule}] ${message}`);
	const singles: SingleQuestion[] = [];
	const multiples: MultipleQuestion[] = [];
	const courseItems: GradableQuestion[] = [];

	for (const { module, lines } of modules) {
		const { quiz } = module;
		const items = gradableItems(quiz);
		const at = (id: string) => lines.quiz.question.get(id) ?? lines.quiz.questions;
		const optionAt = (q: GradableQuestion, optionId: string) =>
			lines.quiz.option.get(`${q.id}/${optionId}`) ?? at(q.id);

		for (const q of items) {
			if (q.type === 'single') singles.push(q);
			if (q.type === 'multiple') multiples.push(q);
			if (q.objective === undefined) {
				warn(
					quiz.file,
					at(q.id),
					'untagged-item',
					`La pregunta "${q.id}" no dice qué objetivo del módulo examina. Añada «objective: N», donde N es el número del objetivo en la lista «objectives» del módulo (en un caso, basta con ponerlo en el caso).`
				);
			}
			if (q.type === 'single') {
				const key = q.options.find((o) => o.correct);
				const longest = Math.max(...q.options.filter((o) => !o.correct).map((o) => size(o.text)));
				if (key && standsOut(size(key.text), longest)) {
					warn(
						quiz.file,
						optionAt(q, key.id),
						'longest-key',
						`En la pregunta "${q.id}", la opción correcta (${size(key.text)} caracteres) es mucho más larga que la incorrecta más larga (${longest}): quien no sabe la respuesta puede elegirla solo por su longitud. Acorte la correcta o escriba incorrectas igual de detalladas.`
					);
				}
			}
			if (q.type === 'single' || q.type === 'multiple') {
				for (const o of q.options) {
					if (ALL_NONE.test(o.text)) {
						warn(
							quiz.file,
							optionAt(q, o.id),
							'all-none-of-above',
							`La opción "${o.id}" de la pregunta "${q.id}" dice «${o.text.trim().replace(/\.$/, '')}». Estas opciones se aciertan o descartan sin conocer el tema, y dejan de tener sentido cuando las opciones se barajan. Sustitúyala por una opción con contenido propio.`
						);
					}
					if (inStem(o.text, q.prompt)) {
						warn(
							quiz.file,
							optionAt(q, o.id),
							'option-in-stem',
							`La opción "${o.id}" de la pregunta "${q.id}" repite palabra por palabra un texto del enunciado: delata la respuesta (o atrae hacia una incorrecta). Redacte la opción con otras palabras.`
						);
					}
				}
				const negation = unemphasisedNegation(q.prompt);
				if (negation) {
					warn(
						quiz.file,
						at(q.id),
						'negative-stem',
						`El enunciado de la pregunta "${q.id}" pide la opción que NO cumple algo («${negation}»), pero la negación no se destaca y se lee fácilmente como afirmativa. Escríbala en mayúsculas (${negation.toUpperCase()}) o, mejor, pregunte en positivo.`
					);
				}
			}
		}

		const balance = trueFalseBalance(items);
		if (balance) {
			warn(
				quiz.file,
				lines.quiz.questions,
				'truefalse-balance',
				`De las ${balance.items} preguntas de verdadero o falso del cuestionario, ${count(balance.trues, 'es verdadera', 'son verdaderas')} (${percent(balance.trues, balance.items)}); deben serlo entre el 35 % y el 65 %. Si casi todas son falsas (o verdaderas), responder lo mismo a ciegas aprueba. Reescriba algunas afirmaciones en el otro sentido.`
			);
		}
		courseItems.push(...items);

		for (const n of objectivesWithoutItem(module, quiz)) {
			warn(
				module.file,
				lines.objectives.each[n - 1] ?? lines.objectives.list,
				'objective-without-item',
				`Ninguna pregunta del cuestionario examina el objetivo n.º ${n} («${module.objectives[n - 1].text}»). Escriba preguntas con «objective: ${n}» o quite el objetivo si el módulo no lo enseña.`
			);
		}
		if (items.length < LIMITS.pool && !selfCheck) {
			warn(
				quiz.file,
				lines.quiz.questions,
				'small-pool',
				`El banco de preguntas tiene ${count(items.length, 'pregunta puntuable', 'preguntas puntuables')} (cada pregunta de un caso cuenta); debe tener al menos ${LIMITS.pool}, para que los intentos sucesivos no repitan las mismas preguntas.`
			);
		}
		const [fewest, most] = LIMITS.draw;
		const { drawCount } = quiz.settings;
		if ((drawCount < fewest || drawCount > most) && !selfCheck) {
			warn(
				quiz.file,
				lines.quiz.drawCount,
				'draw-count',
				`drawCount es ${drawCount}${drawCount === 0 ? ' (todas las preguntas en cada intento)' : ''}; cada intento debe sacar del banco de ${fewest} a ${most} preguntas. Ponga drawCount entre ${fewest} y ${most}.`
			);
		}
	}

	const longestKeys = singles.filter(keyIsLongest).length;
	if (singles.length > 0 && longestKeys / singles.length > LIMITS.longestKeyShare) {
		warn(
			courseFile,
			1,
			'longest-key',
			`En ${longestKeys} de las ${count(singles.length, 'pregunta', 'preguntas')} de respuesta única del curso (${percent(longestKeys, singles.length)}), la opción correcta es la más larga; no debe pasar del 30 %. Quien lo note acierta sin saber: iguale la longitud de las opciones.`
		);
	}

	// Balanced quizzes make a balanced course; this catches a course of small, lopsided quizzes.
	const balance = trueFalseBalance(courseItems);
	if (balance) {
		warn(
			courseFile,
			1,
			'truefalse-balance',
			`De las ${balance.items} preguntas de verdadero o falso del curso, ${count(balance.trues, 'es verdadera', 'son verdaderas')} (${percent(balance.trues, balance.items)}); deben serlo entre el 35 % y el 65 %. Reescriba algunas afirmaciones en el otro sentido.`
		);
	}

	const counts = correctCounts(multiples);
	const [common, times] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
	if (
		multiples.length >= LIMITS.correctCountMinItems &&
		times / multiples.length > LIMITS.correctCountShare
	) {
		warn(
			courseFile,
			1,
			'correct-count',
			`En ${times} de las ${multiples.length} preguntas de respuesta múltiple del curso (${percent(times, multiples.length)}) hay exactamente ${count(common, 'opción correcta', 'opciones correctas')}: quien lo note marca esa cantidad sin saber. Varíe cuántas opciones son correctas (de 2 a todas menos una).`
		);
	}
}

/** True/false items and how many are true, when there are enough of them and too many of one kind. */
function trueFalseBalance(items: GradableQuestion[]) {
	const trueFalse = items.filter((q) => q.type === 'truefalse');
	const trues = trueFalse.filter((q) => q.answer).length;
	const [low, high] = LIMITS.trueShare;
	const share = trues / trueFalse.length;
	return trueFalse.length >= LIMITS.trueFalseMinItems && (share < low || share > high)
		? { items: trueFalse.length, trues }
		: null;
}

/** How many multiple-response items have each count of correct options. */
export function correctCounts(items: MultipleQuestion[]): Map<number, number> {
	const counts = new Map<number, number>();
	for (const q of items) {
		const n = q.options.filter((o) => o.correct).length;
		counts.set(n, (counts.get(n) ?? 0) + 1);
	}
	return counts;
}

/** The key is strictly longer than every distractor: what a test-wise learner picks. */
export function keyIsLongest(q: SingleQuestion): boolean {
	const key = q.options.find((o) => o.correct);
	const distractors = q.options.filter((o) => !o.correct).map((o) => size(o.text));
	return key !== undefined && distractors.every((d) => size(key.text) > d);
}

function standsOut(key: number, longestDistractor: number) {
	return (
		key >= LIMITS.keyRatio * longestDistractor && key - longestDistractor >= LIMITS.keyExtraChars
	);
}

function size(text: string) {
	return [...text.trim()].length;
}

function percent(part: number, whole: number) {
	return `${Math.round((100 * part) / whole)} %`;
}

const ALL_NONE =
	/\b(todas|ninguna|todos|ninguno)\s+(de\s+)?(las|los)\s+((opciones|respuestas)\s+)?anteriores\b|\b(all|none)\s+of\s+the\s+above\b/i;

/** The option, less its final full stop, appears in the stem (case-insensitive). */
function inStem(option: string, stem: string) {
	const text = option
		.trim()
		.replace(/[.;:]+$/, '')
		.toLowerCase();
	return text.length >= LIMITS.optionInStemChars && stem.toLowerCase().includes(text);
}

// A question that asks which option does NOT fit: «¿Cuál de estas … no …?», «¿Qué … excepto…?».
// Only the question sentence counts, from its interrogative (cuál, qué, quién, with an optional
// preposition; not «por qué», which asks for a reason) to the «?».
const QUESTION =
	/¿\s*(?:(?:en|de|a|con|para|según|sobre)\s+)?(cuál(?:es)?|qué|quién(?:es)?)(?!\p{L})([^?]*)\?/giu;
// A «no» after one of these belongs to a clause inside the question, not to the question itself:
// «¿Qué hace si la persona no habla?», «…respetuoso y no estigmatizante», «principio de no…».
const CLAUSE = /\b(si|cuando|aunque|que|porque|donde|mientras|cual|quien|cuyo|cuya|para|sin)\b/iu;
const NEGATION =
	/(?<!\p{L})(no|excepto|salvo|(?:es|son|está|están|resulta)\s+(?:incorrect[ao]s?|fals[ao]s?))(?!\p{L})/giu;

/**
 * The negation of a «which one is not» stem when it is written without emphasis (neither in
 * capitals nor in **bold**), else null.
 * @example unemphasisedNegation('¿Cuál de estas acciones no corresponde?') // 'no'
 */
export function unemphasisedNegation(stem: string): string | null {
	for (const question of stem.matchAll(QUESTION)) {
		const rest = question[2];
		for (const m of rest.matchAll(NEGATION)) {
			const word = m[1];
			const before = rest.slice(0, m.index);
			if (
				/^no$/i.test(word) &&
				(CLAUSE.test(before) || /\b(y|o|e|ni|de|la|el|lo|a)\s*$/iu.test(before))
			)
				continue;
			const last = word.split(/\s+/).at(-1) ?? word;
			const emphasised = last === last.toUpperCase() || insideBold(rest, m.index + word.length - 1);
			return emphasised ? null : last;
		}
	}
	return null;
}

function insideBold(text: string, at: number) {
	return (text.slice(0, at).match(/\*\*/g)?.length ?? 0) % 2 === 1;
}
