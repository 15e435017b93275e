/**
 * What changed in a course's quizzes between two versions, by question id rather than by line:
 * a reviewer reads "objeto-de-la-ley: enunciado, respuesta correcta" faster than a YAML diff.
 * Works on the raw YAML (a draft may not validate yet); a file that does not parse is reported
 * as unreadable and left to the line diff.
 */
import { parse } from 'yaml';
import type { CourseFiles } from './revisions';

/** The parts of a question a change is named by. */
export const QUESTION_PARTS = [
	'type',
	'prompt',
	'scenario',
	'options',
	'answer',
	'scoring',
	'feedback',
	'explanation',
	'objective',
	'other'
] as const;
export type QuestionPart = (typeof QUESTION_PARTS)[number];

export type ItemChange = {
	id: string;
	change: 'added' | 'removed' | 'changed';
	parts: QuestionPart[];
};
export type SettingChange = { name: string; before: string; after: string };
export type QuizComparison = {
	name: string;
	unreadable: boolean;
	settings: SettingChange[];
	items: ItemChange[];
};

type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Raw[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const text = (v: unknown) => (v === undefined || v === null ? '' : JSON.stringify(v));

/** Each part as a comparable string; what no part covers falls under 'other'. */
const PARTS: Record<Exclude<QuestionPart, 'other'>, (q: Raw) => string> = {
	type: (q) => text(q.type),
	prompt: (q) => text(q.prompt),
	scenario: (q) => text(q.scenario),
	// What the learner chooses from (option texts, matching sides, items to order), in any order.
	options: (q) =>
		text(
			[
				...list(q.options).map((o) => `${text(o.id)}=${text(o.text)}`),
				...list(q.pairs).flatMap((p) => [`L${text(p.left)}`, `R${text(p.right)}`]),
				...list(q.items).map((i) => `${text(i.id)}=${text(i.text)}`)
			].sort()
		),
	// What counts as right: correct options, true/false, accepted answers, pairing, order.
	answer: (q) =>
		text([
			list(q.options)
				.filter((o) => o.correct === true)
				.map((o) => o.id),
			q.answer ?? null,
			q.accept ?? null,
			list(q.pairs)
				.map((p) => [p.left, p.right])
				.sort(),
			list(q.items).map((i) => i.id)
		]),
	scoring: (q) => text(q.scoring),
	feedback: (q) => text(list(q.options).map((o) => [o.id, o.feedback ?? null])),
	explanation: (q) => text(q.explanation),
	objective: (q) => text(q.objective)
};

/** Top-level questions and a case's sub-questions (ids are unique across both), by id. */
function questionsById(quiz: Raw): Map<string, Raw> {
	const out = new Map<string, Raw>();
	const add = (qs: Raw[]) => {
		for (const q of qs) {
			if (typeof q.id !== 'string' || out.has(q.id)) continue;
			if (q.type === 'case') {
				const { questions, ...own } = q;
				out.set(q.id, own);
				add(list(questions));
			} else out.set(q.id, q);
		}
	};
	add(list(quiz.questions));
	return out;
}

function changedParts(a: Raw, b: Raw): QuestionPart[] {
	const parts: QuestionPart[] = (Object.keys(PARTS) as Exclude<QuestionPart, 'other'>[]).filter(
		(p) => PARTS[p](a) !== PARTS[p](b)
	);
	if (parts.length === 0 && JSON.stringify(a) !== JSON.stringify(b)) parts.push('other');
	return parts;
}

function read(source: string | undefined): Raw | null {
	if (source === undefined) return {};
	try {
		const value: unknown = parse(source);
		return value === null ? {} : isRecord(value) ? value : null;
	} catch {
		return null;
	}
}

/**
 * One quiz file before and after (undefined: the file is not in that version). Nothing changed
 * gives empty lists.
 */
export function compareQuiz(
	name: string,
	before: string | undefined,
	after: string | undefined
): QuizComparison {
	const a = read(before);
	const b = read(after);
	if (!a || !b) return { name, unreadable: true, settings: [], items: [] };
	const sa = isRecord(a.settings) ? a.settings : {};
	const sb = isRecord(b.settings) ? b.settings : {};
	const settings = [...new Set([...Object.keys(sa), ...Object.keys(sb)])]
		.filter((k) => text(sa[k]) !== text(sb[k]))
		.map((k) => ({ name: k, before: String(sa[k] ?? '—'), after: String(sb[k] ?? '—') }));
	const qa = questionsById(a);
	const qb = questionsById(b);
	const items: ItemChange[] = [];
	// In the order of the newer file, then what it no longer has.
	for (const [id, q] of qb) {
		const old = qa.get(id);
		if (!old) items.push({ id, change: 'added', parts: [] });
		else {
			const parts = changedParts(old, q);
			if (parts.length) items.push({ id, change: 'changed', parts });
		}
	}
	for (const id of qa.keys()) if (!qb.has(id)) items.push({ id, change: 'removed', parts: [] });
	return { name, unreadable: false, settings, items };
}

/** Every quiz file (`*.quiz.yaml`) that differs between two versions, by file name. */
export function compareQuizFiles(before: CourseFiles, after: CourseFiles): QuizComparison[] {
	const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])]
		.filter((p) => p.endsWith('.quiz.yaml') && before[p] !== after[p])
		.sort();
	return paths.map((p) => compareQuiz(p.slice(p.lastIndexOf('/') + 1), before[p], after[p]));
}
