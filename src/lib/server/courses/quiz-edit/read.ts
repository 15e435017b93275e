/** The quiz text read into the editor's drafts (model.ts). Never throws: odd values read as empty. */
import { isMap, isSeq, parseDocument } from 'yaml';
import type { QuestionType } from '../types';
import { QUESTION_TYPES, type QuestionDraft, type QuestionSummary, type SettingsDraft } from './model';

type Obj = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x)) : []);

function toDraft(js: Obj): QuestionDraft | null {
	const type = js.type as QuestionType;
	if (!QUESTION_TYPES.includes(type)) return null;
	return {
		id: str(js.id),
		type,
		objective: Number.isInteger(js.objective) ? (js.objective as number) : null,
		prompt: str(js.prompt),
		scenario: str(js.scenario),
		explanation: str(js.explanation),
		scoring: js.scoring === 'all-or-nothing' ? 'all-or-nothing' : 'partial',
		options: list(js.options).map((o) => ({ id: str(o.id), text: str(o.text), feedback: str(o.feedback), correct: o.correct === true })),
		answer: typeof js.answer === 'boolean' ? js.answer : null,
		accept: Array.isArray(js.accept) ? js.accept.map(str) : [],
		pairs: list(js.pairs).map((p) => ({ id: str(p.id), left: str(p.left), right: str(p.right) })),
		items: list(js.items).map((s) => ({ id: str(s.id), text: str(s.text) })),
		questions: type === 'case' ? list(js.questions).flatMap((s) => toDraft(s) ?? []) : []
	};
}

/** The questions of a quiz text that the editor can show (a map with a known type). */
export function readQuestions(text: string): QuestionDraft[] {
	const qs = parseDocument(text).get('questions');
	if (!isSeq(qs)) return [];
	return qs.items.flatMap((q) => (isMap(q) ? (toDraft(q.toJSON() as Obj) ?? []) : []));
}

export function readQuestion(text: string, id: string): QuestionDraft | null {
	return readQuestions(text).find((q) => q.id === id) ?? null;
}

export function listQuestions(text: string): QuestionSummary[] {
	return readQuestions(text).map((q) => ({ id: q.id, type: q.type, prompt: q.prompt || q.scenario }));
}

/** The settings as written, with the validator's defaults for what is missing or odd. */
export function readSettings(text: string): SettingsDraft {
	const s = parseDocument(text).get('settings');
	const js = (isMap(s) ? s.toJSON() : {}) as Obj;
	const num = (k: string, d: number) => (Number.isInteger(js[k]) ? (js[k] as number) : d);
	const feedback = ['objectives', 'after-attempt', 'after-pass', 'never'].includes(js.feedback as string) ? js.feedback : 'objectives';
	return {
		passingScore: num('passingScore', 70),
		maxAttempts: num('maxAttempts', 0),
		timeLimitMinutes: num('timeLimitMinutes', 0),
		drawCount: num('drawCount', 0),
		shuffleQuestions: js.shuffleQuestions === true,
		shuffleOptions: js.shuffleOptions === true,
		feedback: feedback as SettingsDraft['feedback'],
		scoring: js.scoring === 'last' ? 'last' : 'highest'
	};
}
