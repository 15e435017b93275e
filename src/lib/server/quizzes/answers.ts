/**
 * Reading a submitted quiz form (it works without JavaScript) into `Answers`, and back. The field
 * names are those of `$lib/quiz-form`; option and choice values are the public ids of
 * `publicQuestions` (per-attempt tokens, positions), mapped back to authored ids here.
 *
 * Leaving a question blank is allowed (it scores 0). Anything a browser could not have sent
 * from our page means a tampered form and is refused as a whole.
 */
import { m } from '$lib/paraglide/messages';
import { QUIZ_FIELD_PREFIX, quizField } from '../../quiz-form';
import type { Quiz } from '../courses/types';
import { drawnItems, type DrawnItem } from './draw';
import { matchingLefts, matchingRights, optionChoices, orderingItems } from './present';
import type { Answer, Answers, DrawnQuestion } from './types';

export const MAX_SHORT_ANSWER_LENGTH = 500;

export type FormInput = Map<string, string[]> | URLSearchParams | FormData;
/** Form field name → values, as `answersFromForm` reads them and a page pre-fills them. */
export type FormValues = Record<string, string[]>;
export type ParsedAnswers = { ok: true; answers: Answers } | { ok: false; error: string };

type Invalid = { error: string };
const invalid = (item: DrawnItem, reason: string): Invalid => ({
	error: m.quiz_invalid_answer({ number: item.number, reason })
});

/** Reads one field that may carry a single value; '' when absent. */
function single(item: DrawnItem, values: string[]): string | Invalid {
	if (values.length > 1) return invalid(item, m.quiz_invalid_several());
	return values[0] ?? '';
}

/** Public option value → authored option id, for a single or multiple item. */
function optionIds({ question: q, drawn: d }: DrawnItem): Map<string, string> {
	if (q.type !== 'single' && q.type !== 'multiple') return new Map();
	return new Map(optionChoices(q, d).map((o) => [o.publicId, o.id]));
}

function parseItem(item: DrawnItem, take: (name: string) => string[]): Answer | null | Invalid {
	const { key, question: q, drawn: d } = item;
	switch (q.type) {
		case 'single': {
			const value = single(item, take(quizField(key)));
			if (typeof value !== 'string') return value;
			if (value === '') return null;
			const optionId = optionIds(item).get(value);
			if (optionId === undefined) return invalid(item, m.quiz_invalid_option());
			return { type: 'single', optionId };
		}
		case 'multiple': {
			// An empty value (e.g. a hidden "none checked" field) is not a choice.
			const values = take(quizField(key)).filter((v) => v !== '');
			const ids = optionIds(item);
			if (values.some((v) => !ids.has(v))) return invalid(item, m.quiz_invalid_options());
			if (new Set(values).size !== values.length) return invalid(item, m.quiz_invalid_repeated());
			return values.length
				? { type: 'multiple', optionIds: values.map((v) => ids.get(v) ?? v) }
				: null;
		}
		case 'truefalse': {
			const value = single(item, take(quizField(key)));
			if (typeof value !== 'string') return value;
			if (value === '') return null;
			if (value !== 'true' && value !== 'false') return invalid(item, m.quiz_invalid_truefalse());
			return { type: 'truefalse', value: value === 'true' };
		}
		case 'short': {
			const value = single(item, take(quizField(key)));
			if (typeof value !== 'string') return value;
			if (value.length > MAX_SHORT_ANSWER_LENGTH)
				return invalid(item, m.quiz_invalid_too_long({ max: MAX_SHORT_ANSWER_LENGTH }));
			const text = value.trim();
			return text ? { type: 'short', text } : null;
		}
		case 'matching': {
			const rights = new Map(matchingRights(q, d).map((r) => [r.publicId, r.id]));
			const pairs: Record<string, string | null> = {};
			let answered = false;
			for (const left of matchingLefts(q)) {
				const value = single(item, take(quizField(key, left.publicId)));
				if (typeof value !== 'string') return value;
				// Choosing one right side for several left sides is a wrong answer, not tampering.
				const right = value === '' ? null : rights.get(value);
				if (right === undefined) return invalid(item, m.quiz_invalid_pair());
				pairs[left.id] = right;
				answered ||= right !== null;
			}
			return answered ? { type: 'matching', pairs } : null;
		}
		case 'ordering': {
			const items = orderingItems(q, d);
			// `order[i]` is the item placed at position i + 1; '' marks a position left empty.
			const order: string[] = items.map(() => '');
			let answered = false;
			for (const it of items) {
				const value = single(item, take(quizField(key, it.publicId)));
				if (typeof value !== 'string') return value;
				if (value === '') continue;
				const position = /^[0-9]{1,3}$/.test(value) ? Number(value) : 0;
				if (position < 1 || position > items.length)
					return invalid(item, m.quiz_invalid_position({ max: items.length }));
				if (order[position - 1] !== '') return invalid(item, m.quiz_invalid_same_position());
				order[position - 1] = it.id;
				answered = true;
			}
			return answered ? { type: 'ordering', order } : null;
		}
	}
}

/** The `q:` fields of a form; a file where text is expected is tampering. */
function quizFields(form: FormInput): Map<string, string[]> | Invalid {
	const fields = new Map<string, string[]>();
	const entries: Iterable<[string, string[] | FormDataEntryValue]> = form;
	for (const [name, value] of entries) {
		if (!name.startsWith(QUIZ_FIELD_PREFIX)) continue;
		for (const v of Array.isArray(value) ? value : [value]) {
			if (typeof v !== 'string') return { error: m.quiz_form_file() };
			const values = fields.get(name);
			if (values) values.push(v);
			else fields.set(name, [v]);
		}
	}
	return fields;
}

/**
 * Parses a submitted quiz form against the questions drawn for this attempt.
 * @example const parsed = answersFromForm(quiz, attempt.drawn, await request.formData());
 *          if (!parsed.ok) return fail(400, { message: parsed.error });
 */
export function answersFromForm(
	quiz: Quiz,
	drawn: DrawnQuestion[],
	form: FormInput
): ParsedAnswers {
	const fields = quizFields(form);
	if ('error' in fields) return { ok: false, error: fields.error };
	const take = (name: string) => {
		const values = fields.get(name) ?? [];
		fields.delete(name);
		return values;
	};
	const answers: Answers = {};
	for (const item of drawnItems(quiz, drawn)) {
		const answer = parseItem(item, take);
		if (answer === null) continue;
		if ('error' in answer) return { ok: false, error: answer.error };
		answers[item.key] = answer;
	}
	// Whatever is left names a question not drawn in this attempt, or a choice that does not exist.
	const [unknown] = fields.keys();
	if (unknown !== undefined) {
		const name = unknown.length > 60 ? `${unknown.slice(0, 60)}…` : unknown;
		return { ok: false, error: m.quiz_form_unknown_field({ name }) };
	}
	return { ok: true, answers };
}

function itemValues(item: DrawnItem, answer: Answer): FormValues {
	const { key, question: q, drawn: d } = item;
	const field = quizField(key);
	switch (q.type) {
		case 'single': {
			const id = answer.type === 'single' ? answer.optionId : null;
			const value = optionChoices(q, d).find((o) => o.id === id)?.publicId;
			return value ? { [field]: [value] } : {};
		}
		case 'multiple': {
			const chosen =
				answer.type === 'multiple' && Array.isArray(answer.optionIds) ? answer.optionIds : [];
			const values = new Map(optionChoices(q, d).map((o) => [o.id, o.publicId]));
			const shown = chosen.flatMap((id) => values.get(id) ?? []);
			return shown.length ? { [field]: shown } : {};
		}
		case 'truefalse':
			return answer.type === 'truefalse' && typeof answer.value === 'boolean'
				? { [field]: [String(answer.value)] }
				: {};
		case 'short':
			return answer.type === 'short' && typeof answer.text === 'string'
				? { [field]: [answer.text] }
				: {};
		case 'matching': {
			if (answer.type !== 'matching' || typeof answer.pairs !== 'object' || !answer.pairs)
				return {};
			const rights = new Map(matchingRights(q, d).map((r) => [r.id, r.publicId]));
			const out: FormValues = {};
			for (const left of matchingLefts(q)) {
				const chosen = Object.hasOwn(answer.pairs, left.id) ? answer.pairs[left.id] : null;
				const right = chosen === null ? undefined : rights.get(chosen);
				if (right) out[quizField(key, left.publicId)] = [right];
			}
			return out;
		}
		case 'ordering': {
			if (answer.type !== 'ordering' || !Array.isArray(answer.order)) return {};
			const items = new Map(orderingItems(q, d).map((it) => [it.id, it.publicId]));
			const out: FormValues = {};
			answer.order.forEach((id, i) => {
				const publicId = items.get(id);
				if (publicId) out[quizField(key, publicId)] = [String(i + 1)];
			});
			return out;
		}
	}
}

/**
 * A saved answer as form values, to show it again (after a reload, or read-only in the review):
 * a field is selected/checked when its value is listed, and a text input shows its only value.
 * Answers that no longer fit the quiz are left out.
 */
export function answersToFormValues(
	quiz: Quiz,
	drawn: DrawnQuestion[],
	answers: Answers
): FormValues {
	const out: FormValues = {};
	for (const item of drawnItems(quiz, drawn)) {
		const answer = Object.hasOwn(answers, item.key) ? answers[item.key] : undefined;
		if (answer) Object.assign(out, itemValues(item, answer));
	}
	return out;
}
