/**
 * A submitted question or settings form read into drafts, every value checked: whatever arrives
 * (missing fields, an unknown type, too many rows, NUL bytes, huge texts, odd numbers) gives a
 * draft to re-render and a list of messages, never an exception. Row buttons (`op`) change the
 * draft without saving: the page is rendered again with a row added, removed or moved.
 */
import { m } from '$lib/paraglide/messages';
import { LIMITS, QUESTION_TYPES, blankQuestion, nextRowId, type QuestionDraft, type RowKind, type SettingsDraft } from './model';

export const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ID = 60;

type Read = { errors: Set<string> };

function text(r: Read, form: FormData, key: string): string {
	const raw = form.get(key);
	const value = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').trim() : '';
	if (value.includes('\0')) {
		r.errors.add(m.quiz_form_bad_text());
		return value.replaceAll('\0', '');
	}
	if (value.length > LIMITS.field) {
		r.errors.add(m.error_text_too_long());
		return value.slice(0, LIMITS.field);
	}
	return value;
}

function rowId(r: Read, form: FormData, key: string): string {
	const id = text(r, form, key);
	if (!ID.test(id) || id.length > MAX_ID) r.errors.add(m.quiz_form_bad_id());
	return id;
}

/** Indices 0, 1, … of rows present under `prefix` (`o.0.id`…); a gap ends the list. */
function rows(r: Read, form: FormData, prefix: string, max: number): number[] {
	const out: number[] = [];
	while (form.has(`${prefix}${out.length}.id`) || form.has(`${prefix}${out.length}.type`)) {
		if (out.length === max) {
			r.errors.add(m.quiz_form_too_many({ max }));
			break;
		}
		out.push(out.length);
	}
	return out;
}

function readQuestion(r: Read, form: FormData, p: string, inCase: boolean): QuestionDraft {
	const rawType = String(form.get(`${p}type`) ?? '');
	const known = QUESTION_TYPES.find((t) => t === rawType && !(inCase && t === 'case'));
	if (!known) r.errors.add(m.quiz_form_bad_type());
	const type = known ?? 'single';
	const q = blankQuestion(type, '');
	q.id = text(r, form, `${p}id`);
	const objective = String(form.get(`${p}objective`) ?? '');
	if (objective !== '' && !/^[1-9]\d?$/.test(objective)) r.errors.add(m.quiz_form_bad_number());
	q.objective = /^[1-9]\d?$/.test(objective) ? Number(objective) : null;
	q.prompt = text(r, form, `${p}prompt`);
	q.scenario = type === 'case' ? text(r, form, `${p}scenario`) : '';
	q.explanation = text(r, form, `${p}explanation`);
	q.scoring = form.get(`${p}scoring`) === 'all-or-nothing' ? 'all-or-nothing' : 'partial';
	const single = form.get(`${p}correct`);
	q.options = type === 'single' || type === 'multiple'
		? rows(r, form, `${p}o.`, LIMITS.rows).map((i) => ({
				id: rowId(r, form, `${p}o.${i}.id`),
				text: text(r, form, `${p}o.${i}.text`),
				feedback: text(r, form, `${p}o.${i}.feedback`),
				correct: type === 'single' ? single === String(i) : form.get(`${p}o.${i}.correct`) === 'on'
			}))
		: [];
	const answer = form.get(`${p}answer`);
	q.answer = type === 'truefalse' ? (answer === 'true' ? true : answer === 'false' ? false : null) : null;
	if (type === 'short') {
		q.accept = text(r, form, `${p}accept`).split('\n').map((s) => s.trim()).filter(Boolean);
		if (q.accept.length > LIMITS.accept) r.errors.add(m.quiz_form_too_many({ max: LIMITS.accept }));
		q.accept = q.accept.slice(0, LIMITS.accept);
	}
	q.pairs = type === 'matching'
		? rows(r, form, `${p}pair.`, LIMITS.rows).map((i) => ({ id: rowId(r, form, `${p}pair.${i}.id`), left: text(r, form, `${p}pair.${i}.left`), right: text(r, form, `${p}pair.${i}.right`) }))
		: [];
	q.items = type === 'ordering'
		? rows(r, form, `${p}item.`, LIMITS.rows).map((i) => ({ id: rowId(r, form, `${p}item.${i}.id`), text: text(r, form, `${p}item.${i}.text`) }))
		: [];
	q.questions = type === 'case' ? rows(r, form, 'sub.', LIMITS.subQuestions).map((i) => readQuestion(r, form, `sub.${i}.`, true)) : [];
	return q;
}

export type QuestionForm = {
	draft: QuestionDraft;
	/** The id the question has in the file; null for a question not saved yet. */
	original: string | null;
	errors: string[];
	/** A row button was pressed: re-render, do not save. */
	op: string | null;
};

/** Reads a question form; `id` of a new question may be empty (then derived from the prompt on save). */
export function readQuestionForm(form: FormData): QuestionForm {
	const r: Read = { errors: new Set() };
	const original = form.get('new') === '1' ? null : String(form.get('question') ?? '');
	const draft = readQuestion(r, form, '', false);
	if (original !== null) draft.id = original;
	else if (draft.id !== '' && (!ID.test(draft.id) || draft.id.length > MAX_ID)) r.errors.add(m.quiz_form_bad_id());
	for (const s of draft.questions) if (s.id !== '' && (!ID.test(s.id) || s.id.length > MAX_ID)) r.errors.add(m.quiz_form_bad_id());
	const op = form.get('op');
	return { draft, original, errors: [...r.errors], op: typeof op === 'string' ? op : null };
}

const OP = /^(add|remove|up|down):((?:sub\.\d\.)?)(o|pair|item|sub)(?::(\d{1,2}))?$/;
const LISTS = { o: 'options', pair: 'pairs', item: 'items' } as const satisfies Record<string, RowKind>;

/** The draft with the row button `op` applied, or a message when the op is unknown or over a cap. */
export function applyOp(draft: QuestionDraft, op: string, subType: string): { draft: QuestionDraft; error: string | null } {
	const match = OP.exec(op);
	if (!match) return { draft, error: m.quiz_form_bad_op() };
	const [, verb, prefix, kind, index] = match;
	const q = structuredClone(draft);
	const target = prefix ? q.questions[Number(prefix.slice(4, -1))] : q;
	if (!target) return { draft, error: m.quiz_form_bad_op() };
	const i = index === undefined ? -1 : Number(index);
	if (kind === 'sub') {
		if (q.type !== 'case' || prefix) return { draft, error: m.quiz_form_bad_op() };
		if (verb === 'add') {
			if (q.questions.length >= LIMITS.subQuestions) return { draft, error: m.quiz_form_too_many({ max: LIMITS.subQuestions }) };
			const type = QUESTION_TYPES.find((t) => t === subType && t !== 'case') ?? 'single';
			const taken = new Set(q.questions.map((s) => s.id));
			let n = q.questions.length + 1;
			while (taken.has(`${q.id || 'caso'}-${n}`)) n++;
			q.questions.push(blankQuestion(type, `${q.id || 'caso'}-${n}`));
		} else if (verb === 'remove' && i < q.questions.length) q.questions.splice(i, 1);
		else return { draft, error: m.quiz_form_bad_op() };
		return { draft: q, error: null };
	}
	const key = LISTS[kind as keyof typeof LISTS];
	const list = target[key] as { id: string }[];
	if (verb === 'add') {
		if (list.length >= LIMITS.rows) return { draft, error: m.quiz_form_too_many({ max: LIMITS.rows }) };
		const id = nextRowId(key, list.map((x) => x.id));
		if (key === 'options') target.options.push({ id, text: '', feedback: '', correct: false });
		if (key === 'pairs') target.pairs.push({ id, left: '', right: '' });
		if (key === 'items') target.items.push({ id, text: '' });
		return { draft: q, error: null };
	}
	if (i < 0 || i >= list.length) return { draft, error: m.quiz_form_bad_op() };
	if (verb === 'remove') list.splice(i, 1);
	else {
		const j = verb === 'up' ? i - 1 : i + 1;
		if (j < 0 || j >= list.length) return { draft, error: m.quiz_form_bad_op() };
		[list[i], list[j]] = [list[j], list[i]];
	}
	return { draft: q, error: null };
}

/** Reads the settings form; numbers must be whole and in range (the validator checks the rest). */
export function readSettingsForm(form: FormData): { settings: SettingsDraft; errors: string[] } {
	const errors = new Set<string>();
	const num = (key: string, min: number, max: number, fallback: number) => {
		const raw = String(form.get(key) ?? '').trim();
		const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
		if (!(n >= min && n <= max)) {
			errors.add(m.quiz_form_bad_setting({ min, max }));
			return fallback;
		}
		return n;
	};
	const feedback = String(form.get('feedback') ?? '');
	const scoring = String(form.get('scoring') ?? '');
	const settings: SettingsDraft = {
		passingScore: num('passingScore', 1, 100, 70),
		maxAttempts: num('maxAttempts', 0, 100, 0),
		timeLimitMinutes: num('timeLimitMinutes', 0, 600, 0),
		drawCount: num('drawCount', 0, 100, 0),
		shuffleQuestions: form.get('shuffleQuestions') === 'on',
		shuffleOptions: form.get('shuffleOptions') === 'on',
		feedback: (['objectives', 'after-attempt', 'after-pass', 'never'] as const).find((f) => f === feedback) ?? 'objectives',
		scoring: scoring === 'last' ? 'last' : 'highest'
	};
	if (!['objectives', 'after-attempt', 'after-pass', 'never'].includes(feedback) || !['highest', 'last'].includes(scoring)) errors.add(m.quiz_form_bad_choice());
	return { settings, errors: [...errors] };
}
