import { isMap, type Node } from 'yaml';
import { complete, Fields } from './fields';
import { count, type IssueList } from './issues';
import type { GradableQuestion, Option, Question, QuestionType, Quiz, QuizSettings } from './types';
import { parseYaml, type YamlSource } from './yaml-source';

const TYPES = ['single', 'multiple', 'truefalse', 'matching', 'ordering', 'short', 'case'] as const;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What the readers of one quiz share: its source, the findings, and the question ids seen so far. */
type Context = {
	src: YamlSource;
	issues: IssueList;
	ids: Map<string, number>;
	types: Set<QuestionType>;
	lines: QuizLines;
};

/** Where things sit in a quiz file, for findings made after parsing (objectives, item writing). */
export type QuizLines = {
	questions: number;
	drawCount: number;
	/** By question id (ids are unique in a quiz, case sub-questions included). */
	question: Map<string, number>;
	/** The line of `objective:`, by question id. */
	objective: Map<string, number>;
	/** By `questionId/optionId`. */
	option: Map<string, number>;
};

/**
 * Reads and checks a `NN-slug.quiz.yaml`. Returns the quiz with its valid questions, or null when
 * the file or its settings cannot be read; either way, every problem is in `issues`.
 */
export function parseQuiz(
	file: string,
	text: string,
	issues: IssueList,
	/** An open course's self-check: short by design, so no minimum number of questions. */
	{ selfCheck = false }: { selfCheck?: boolean } = {}
): { quiz: Quiz | null; lines: QuizLines } {
	const lines: QuizLines = {
		questions: 1,
		drawCount: 1,
		question: new Map(),
		objective: new Map(),
		option: new Map()
	};
	const src = parseYaml(file, text, issues);
	if (!src) return { quiz: null, lines };
	return { quiz: readQuiz(src, issues, lines, selfCheck), lines };
}

function readQuiz(
	src: YamlSource,
	issues: IssueList,
	lines: QuizLines,
	selfCheck: boolean
): Quiz | null {
	const file = src.file;
	const top = Fields.of(src, issues, src.root, ' en el cuestionario', 1);
	const settingsFields = top.group('settings', true);
	const settings = readSettings(settingsFields);
	const nodes = top.list('questions');
	top.warnUnknown();
	lines.questions = top.lineOf('questions');
	lines.drawCount = settingsFields.lineOf('drawCount');
	if (!nodes) return null;

	const ctx: Context = { src, issues, ids: new Map(), types: new Set(), lines };
	const questions = nodes.map((node, i) =>
		readQuestion(ctx, node, `la pregunta n.º ${i + 1}`, false)
	);

	const total = nodes.length; // a case counts as one question
	const line = top.lineOf('questions');
	if (settings && settings.drawCount > total) {
		issues.error(
			file,
			settingsFields.lineOf('drawCount'),
			`drawCount es ${settings.drawCount}, pero el cuestionario solo tiene ${count(total, 'pregunta', 'preguntas')} (un caso cuenta como una). Ponga un número entre 0 y ${total}.`
		);
	}
	if (total < 8 && !selfCheck) {
		issues.warning(
			file,
			line,
			`El cuestionario tiene ${count(total, 'pregunta', 'preguntas')}; debe tener al menos 8 (un caso cuenta como una).`
		);
	}
	if (ctx.types.size < 4) {
		issues.warning(
			file,
			line,
			`El cuestionario usa ${count(ctx.types.size, 'tipo', 'tipos')} de pregunta; use al menos 4 tipos distintos.`
		);
	}
	if (!ctx.types.has('case')) {
		issues.warning(
			file,
			line,
			'El cuestionario no tiene ningún caso (type: case); incluya al menos uno.'
		);
	}
	if (!settings) return null;
	return { file, settings, questions: questions.filter((q) => q !== null) };
}

function readSettings(f: Fields): QuizSettings | null {
	const settings = complete<QuizSettings>({
		passingScore: f.number('passingScore', { min: 1, max: 100 }),
		maxAttempts: f.number('maxAttempts', { min: 0 }),
		timeLimitMinutes: f.number('timeLimitMinutes', { min: 0 }),
		drawCount: f.number('drawCount', { min: 0 }),
		shuffleQuestions: f.boolean('shuffleQuestions'),
		shuffleOptions: f.boolean('shuffleOptions'),
		feedback: f.has('feedback')
			? f.choice('feedback', ['objectives', 'after-attempt', 'after-pass', 'never'])
			: 'objectives',
		scoring: f.choice('scoring', ['highest', 'last'])
	});
	f.warnUnknown();
	return settings;
}

/** `fallbackName` names the question in messages until its id is known, e.g. `la pregunta n.º 3`. */
function readQuestion(
	ctx: Context,
	node: Node,
	fallbackName: string,
	inCase: boolean
): Question | null {
	const rawId = isMap(node) ? node.get('id') : undefined;
	const name = typeof rawId === 'string' ? `la pregunta "${rawId}"` : fallbackName;
	const q = Fields.of(ctx.src, ctx.issues, node, ` en ${name}`, ctx.src.line(node));
	const error = (line: number, message: string) => ctx.issues.error(ctx.src.file, line, message);

	const id = q.text('id');
	if (id !== null) {
		checkQuestionId(ctx, id, q.src.line(q.node('id')));
		ctx.lines.question.set(id, q.line);
		if (q.has('objective')) ctx.lines.objective.set(id, q.lineOf('objective'));
	}
	const type = q.choice('type', TYPES);
	if (type === null) return null; // without a type, its other fields mean nothing
	ctx.types.add(type);
	const label = `La pregunta "${id ?? fallbackName}" (tipo ${type})`;

	if (type === 'case') {
		if (inCase) {
			error(
				q.line,
				`${label} está dentro de otro caso. Un caso no puede contener otro caso: use otro tipo de pregunta.`
			);
			return null;
		}
		const scenario = q.text('scenario');
		const prompt = q.text('prompt', false);
		const explanation = q.text('explanation', false);
		const objective = q.has('objective') ? q.number('objective', { min: 1 }) : undefined;
		const subNodes = q.list('questions', false);
		q.warnUnknown();
		if (subNodes === null && q.has('questions')) return null; // not a list: already reported
		if (!subNodes?.length) {
			error(
				q.line,
				`El caso "${id ?? fallbackName}" no tiene preguntas: añada de 2 a 4 en «questions».`
			);
			return null;
		}
		if (subNodes.length > 4 || subNodes.length < 2) {
			ctx.issues.warning(
				ctx.src.file,
				q.line,
				`El caso "${id ?? fallbackName}" tiene ${count(subNodes.length, 'pregunta', 'preguntas')}; debe tener de 2 a 4.`
			);
		}
		const subs = subNodes.map((sub, i) =>
			readQuestion(ctx, sub, `la pregunta n.º ${i + 1} del caso "${id ?? fallbackName}"`, true)
		);
		const questions = subs.filter((s): s is GradableQuestion => s !== null && s.type !== 'case');
		if (id === null || scenario === null || questions.length !== subs.length) return null;
		if (objective === null) return null;
		const tagged = (s: GradableQuestion) => ({ ...s, objective: s.objective ?? objective });
		return {
			id,
			type,
			scenario,
			prompt,
			explanation,
			...(objective === undefined ? {} : { objective }),
			questions: objective === undefined ? questions : questions.map(tagged)
		};
	}

	const prompt = q.text('prompt');
	const explanation = q.text('explanation');
	const objective = q.has('objective') ? q.number('objective', { min: 1 }) : undefined;
	const optionLine = (optionId: string, line: number) =>
		ctx.lines.option.set(`${id}/${optionId}`, line);
	const question = readAnswerData(q, type, name, label, error, optionLine);
	q.warnUnknown();
	if (id === null || prompt === null || explanation === null || question === null) return null;
	if (objective === null) return null;
	return {
		id,
		...question,
		prompt,
		explanation,
		...(objective === undefined ? {} : { objective })
	};
}

/** The part of a gradable question that depends on its type (Omit over each member of the union). */
type AnswerData = GradableQuestion extends infer Q
	? Q extends GradableQuestion
		? Omit<Q, 'id' | 'prompt' | 'explanation' | 'objective'>
		: never
	: never;

/** The type-specific part of a gradable question, with the checks that keep it answerable. */
function readAnswerData(
	q: Fields,
	type: Exclude<QuestionType, 'case'>,
	name: string,
	label: string,
	error: (line: number, message: string) => void,
	optionLine: (optionId: string, line: number) => void
): AnswerData | null {
	const warn = (message: string) => q.issues.warning(q.file, q.line, message);
	switch (type) {
		case 'single':
		case 'multiple': {
			const scoring =
				type === 'multiple' ? q.choice('scoring', ['partial', 'all-or-nothing']) : null;
			const options = readEntries(q, 'options', 'la opción', name, readOption, optionLine);
			if (options === null) return null;
			const correct = options.filter((o) => o.correct).length;
			if (options.length < 2) {
				error(
					q.line,
					`${label} tiene ${count(options.length, 'opción', 'opciones')}; necesita al menos 2 (mejor de 3 a 5).`
				);
				return null;
			}
			if (options.length > 5 || options.length < 3)
				warn(`${label} tiene ${count(options.length, 'opción', 'opciones')}; use de 3 a 5.`);
			if (type === 'single') {
				if (correct === 0) {
					error(q.line, `${label} no tiene ninguna opción marcada con correct: true.`);
				} else if (correct > 1) {
					error(
						q.line,
						`${label} tiene ${count(correct, 'opción marcada', 'opciones marcadas')} con correct: true; debe tener exactamente una. Si hay varias correctas, use el tipo multiple.`
					);
				}
				return correct === 1 ? { type, options } : null;
			}
			if (correct < 2) {
				error(
					q.line,
					`${label} tiene ${count(correct, 'opción marcada', 'opciones marcadas')} con correct: true; debe tener al menos 2. Si solo una es correcta, use el tipo single.`
				);
				return null;
			}
			return scoring === null ? null : { type, scoring, options };
		}
		case 'truefalse': {
			const answer = q.boolean('answer');
			return answer === null ? null : { type, answer };
		}
		case 'short': {
			const accept = q.textList('accept');
			return accept === null ? null : { type, accept };
		}
		case 'matching': {
			const pairs = readEntries(q, 'pairs', 'la pareja', name, (f) =>
				complete<{ left: string; right: string }>({ left: f.text('left'), right: f.text('right') })
			);
			if (pairs === null) return null;
			if (pairs.length < 2) {
				error(
					q.line,
					`${label} tiene ${count(pairs.length, 'pareja', 'parejas')}; necesita al menos 2 (mejor de 3 a 6).`
				);
				return null;
			}
			if (pairs.length > 6 || pairs.length < 3)
				warn(`${label} tiene ${count(pairs.length, 'pareja', 'parejas')}; use de 3 a 6.`);
			return { type, pairs };
		}
		case 'ordering': {
			const items = readEntries(q, 'items', 'el elemento', name, (f) =>
				complete<{ text: string }>({ text: f.text('text') })
			);
			if (items === null) return null;
			if (items.length < 2) {
				error(
					q.line,
					`${label} tiene ${count(items.length, 'elemento', 'elementos')}; necesita al menos 2 (mejor de 3 a 7).`
				);
				return null;
			}
			if (items.length > 7 || items.length < 3)
				warn(`${label} tiene ${count(items.length, 'elemento', 'elementos')}; use de 3 a 7.`);
			return { type, items };
		}
	}
}

function readOption(f: Fields): Omit<Option, 'id'> | null {
	const text = f.text('text');
	const correct = f.has('correct') ? f.boolean('correct') : false;
	const feedback = f.has('feedback') ? f.text('feedback') : null;
	if (text === null || correct === null || (f.has('feedback') && feedback === null)) return null;
	return { text, correct, feedback };
}

/**
 * Reads the options, pairs or items of a question. Each has an `id`, unique within the question
 * because answers refer to them by id. Returns null if any entry is unusable.
 */
function readEntries<T extends object>(
	q: Fields,
	key: string,
	one: string,
	questionName: string,
	read: (f: Fields) => T | null,
	onLine?: (id: string, line: number) => void
): (T & { id: string })[] | null {
	const nodes = q.list(key);
	if (nodes === null) return null;
	const seen = new Map<string, number>();
	const out: (T & { id: string })[] = [];
	let ok = true;
	nodes.forEach((node, i) => {
		const rawId = isMap(node) ? node.get('id') : undefined;
		const entryName = typeof rawId === 'string' ? `${one} "${rawId}"` : `${one} n.º ${i + 1}`;
		const f = Fields.of(
			q.src,
			q.issues,
			node,
			` en ${entryName} de ${questionName}`,
			q.src.line(node)
		);
		const id = f.text('id');
		const value = read(f);
		f.warnUnknown();
		if (id !== null) {
			const line = f.src.line(f.node('id'));
			const first = seen.get(id);
			if (first !== undefined) {
				q.issues.error(
					q.file,
					line,
					`El id "${id}" se repite en «${key}» de ${questionName} (ya se usó en la línea ${first}). Cada una necesita un id distinto.`
				);
				ok = false;
			}
			seen.set(id, first ?? line);
			onLine?.(id, f.line);
		}
		if (id === null || value === null) ok = false;
		else out.push({ id, ...value });
	});
	return ok ? out : null;
}

function checkQuestionId(ctx: Context, id: string, line: number) {
	if (!ID.test(id)) {
		ctx.issues.error(
			ctx.src.file,
			line,
			`El id de pregunta "${id}" no es válido: use solo minúsculas sin tildes, números y guiones, sin espacios (por ejemplo, diferencia-trata-trafico).`
		);
	}
	const first = ctx.ids.get(id);
	if (first !== undefined) {
		ctx.issues.error(
			ctx.src.file,
			line,
			`El id de pregunta "${id}" ya se usó en la línea ${first}. Cada pregunta (también las de un caso) necesita un id distinto.`
		);
	} else {
		ctx.ids.set(id, line);
	}
}
