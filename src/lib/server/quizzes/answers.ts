/**
 * Reading a submitted quiz form (it works without JavaScript) into `Answers`, and back.
 *
 * Field names, with `<key>` a question key and the public ids taken from `publicQuestions`:
 * - single, truefalse (`true`|`false`), short (text): `q:<key>`
 * - multiple: `q:<key>` once per checked option id
 * - matching: `q:<key>:<left id>` = chosen right id (`l1…`, `r1…`)
 * - ordering: `q:<key>:<item id>` = position `1..n` (`i1…`)
 *
 * Leaving a question blank is allowed (it scores 0). Anything a browser could not have sent
 * from our page means a tampered form and is refused as a whole.
 */
import type { Quiz } from '../courses/types';
import { drawnItems, type DrawnItem } from './draw';
import { matchingLefts, matchingRights, orderingItems } from './present';
import type { Answer, Answers, DrawnQuestion } from './types';

export const MAX_SHORT_ANSWER_LENGTH = 500;

export type FormInput = Map<string, string[]> | URLSearchParams | FormData;
/** Form field name → values, as `answersFromForm` reads them and a page pre-fills them. */
export type FormValues = Record<string, string[]>;
export type ParsedAnswers = { ok: true; answers: Answers } | { ok: false; error: string };

const PREFIX = 'q:';

/** The name of a form field: `fieldName('medios')` → `q:medios`, `fieldName('m', 'l1')` → `q:m:l1`. */
export function fieldName(key: string, part?: string): string {
	return part === undefined ? `${PREFIX}${key}` : `${PREFIX}${key}:${part}`;
}

type Invalid = { error: string };
const invalid = (item: DrawnItem, reason: string): Invalid => ({
	error: `Respuesta no válida en la pregunta ${item.number}: ${reason}. Recargue la página e inténtelo de nuevo.`
});

/** Reads one field that may carry a single value; '' when absent. */
function single(item: DrawnItem, values: string[]): string | Invalid {
	if (values.length > 1) return invalid(item, 'se enviaron varias respuestas donde se espera una');
	return values[0] ?? '';
}

function parseItem(item: DrawnItem, take: (name: string) => string[]): Answer | null | Invalid {
	const { key, question: q, drawn: d } = item;
	switch (q.type) {
		case 'single': {
			const value = single(item, take(fieldName(key)));
			if (typeof value !== 'string') return value;
			if (value === '') return null;
			if (!q.options.some((o) => o.id === value))
				return invalid(item, 'la opción elegida no existe');
			return { type: 'single', optionId: value };
		}
		case 'multiple': {
			// An empty value (e.g. a hidden "none checked" field) is not a choice.
			const values = take(fieldName(key)).filter((v) => v !== '');
			if (values.some((v) => !q.options.some((o) => o.id === v)))
				return invalid(item, 'una de las opciones elegidas no existe');
			if (new Set(values).size !== values.length)
				return invalid(item, 'la misma opción se envió más de una vez');
			return values.length ? { type: 'multiple', optionIds: values } : null;
		}
		case 'truefalse': {
			const value = single(item, take(fieldName(key)));
			if (typeof value !== 'string') return value;
			if (value === '') return null;
			if (value !== 'true' && value !== 'false')
				return invalid(item, 'el valor debe ser verdadero o falso');
			return { type: 'truefalse', value: value === 'true' };
		}
		case 'short': {
			const value = single(item, take(fieldName(key)));
			if (typeof value !== 'string') return value;
			if (value.length > MAX_SHORT_ANSWER_LENGTH)
				return invalid(item, `el texto supera los ${MAX_SHORT_ANSWER_LENGTH} caracteres`);
			const text = value.trim();
			return text ? { type: 'short', text } : null;
		}
		case 'matching': {
			const rights = new Map(matchingRights(q, d).map((r) => [r.publicId, r.id]));
			const pairs: Record<string, string | null> = {};
			let answered = false;
			for (const left of matchingLefts(q)) {
				const value = single(item, take(fieldName(key, left.publicId)));
				if (typeof value !== 'string') return value;
				// Choosing one right side for several left sides is a wrong answer, not tampering.
				const right = value === '' ? null : rights.get(value);
				if (right === undefined) return invalid(item, 'la relación elegida no existe');
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
				const value = single(item, take(fieldName(key, it.publicId)));
				if (typeof value !== 'string') return value;
				if (value === '') continue;
				const position = /^[0-9]{1,3}$/.test(value) ? Number(value) : 0;
				if (position < 1 || position > items.length)
					return invalid(item, `la posición debe ser un número entre 1 y ${items.length}`);
				if (order[position - 1] !== '')
					return invalid(item, 'dos elementos tienen la misma posición');
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
		if (!name.startsWith(PREFIX)) continue;
		for (const v of Array.isArray(value) ? value : [value]) {
			if (typeof v !== 'string')
				return { error: 'El formulario contiene un archivo inesperado. Recargue la página.' };
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
		return {
			ok: false,
			error: `El formulario contiene un campo desconocido («${name}»). Recargue la página e inténtelo de nuevo.`
		};
	}
	return { ok: true, answers };
}

function itemValues(item: DrawnItem, answer: Answer): FormValues {
	const { key, question: q, drawn: d } = item;
	const field = fieldName(key);
	switch (q.type) {
		case 'single': {
			const id = answer.type === 'single' ? answer.optionId : null;
			return q.options.some((o) => o.id === id) && id ? { [field]: [id] } : {};
		}
		case 'multiple': {
			const chosen =
				answer.type === 'multiple' && Array.isArray(answer.optionIds) ? answer.optionIds : [];
			const ids = chosen.filter((id) => q.options.some((o) => o.id === id));
			return ids.length ? { [field]: ids } : {};
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
				if (right) out[fieldName(key, left.publicId)] = [right];
			}
			return out;
		}
		case 'ordering': {
			if (answer.type !== 'ordering' || !Array.isArray(answer.order)) return {};
			const items = new Map(orderingItems(q, d).map((it) => [it.id, it.publicId]));
			const out: FormValues = {};
			answer.order.forEach((id, i) => {
				const publicId = items.get(id);
				if (publicId) out[fieldName(key, publicId)] = [String(i + 1)];
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
