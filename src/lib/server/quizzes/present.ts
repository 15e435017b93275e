/**
 * What the browser may see of an attempt before submission: prompts and choices in drawn order.
 *
 * No choice is shown by its authored id, which would give the answer away: the key of a single-
 * choice question is usually `a`, a left side and its right side share one pair id, and ordering
 * items are often numbered in the correct order (`s1`, `s2`…). Options of single and multiple
 * questions go by the random tokens drawn for the attempt; matching and ordering choices by
 * position (`l1…`, `r1…`, `i1…`), which the drawn shuffle makes meaningless.
 */
import type { PublicQuestion } from '../../quiz-form';
import type {
	MatchingQuestion,
	MultipleQuestion,
	OrderingQuestion,
	Quiz,
	SingleQuestion
} from '../courses/types';
import { inDrawnOrder, resolveDrawn, type DrawnItem } from './draw';
import type { DrawnQuestion } from './types';

/** A choice as shown: its public id and the authored id it stands for. */
export type MaskedChoice = { publicId: string; id: string; text: string };

/**
 * Options of a single or multiple question, in drawn order, by their tokens. A draw stored before
 * tokens existed (or an option added since) falls back to the authored id.
 */
export function optionChoices(
	q: SingleQuestion | MultipleQuestion,
	d: DrawnQuestion
): MaskedChoice[] {
	const tokens = new Map(
		(d.optionOrder ?? []).map((id, i) => [id, d.optionTokens?.[i] ?? id] as const)
	);
	return inDrawnOrder(q.options, d.optionOrder).map((o) => ({
		publicId: tokens.get(o.id) ?? o.id,
		id: o.id,
		text: o.text
	}));
}

/** Left sides of a matching question, in authored order. */
export function matchingLefts(q: MatchingQuestion): MaskedChoice[] {
	return q.pairs.map((p, i) => ({ publicId: `l${i + 1}`, id: p.id, text: p.left }));
}

/** Right sides of a matching question, in drawn order. */
export function matchingRights(q: MatchingQuestion, d: DrawnQuestion): MaskedChoice[] {
	return inDrawnOrder(q.pairs, d.rightOrder).map((p, i) => ({
		publicId: `r${i + 1}`,
		id: p.id,
		text: p.right
	}));
}

/** Items of an ordering question, in the order first shown. */
export function orderingItems(q: OrderingQuestion, d: DrawnQuestion): MaskedChoice[] {
	return inDrawnOrder(q.items, d.itemOrder).map((it, i) => ({
		publicId: `i${i + 1}`,
		id: it.id,
		text: it.text
	}));
}

const shown = (c: MaskedChoice) => ({ id: c.publicId, text: c.text });

function publicItem({ key, question: q, drawn: d }: DrawnItem): PublicQuestion {
	switch (q.type) {
		case 'single':
		case 'multiple':
			return {
				key,
				type: q.type,
				prompt: q.prompt,
				options: optionChoices(q, d).map(shown)
			};
		case 'matching':
			return {
				key,
				type: 'matching',
				prompt: q.prompt,
				lefts: matchingLefts(q).map(shown),
				rights: matchingRights(q, d).map(shown)
			};
		case 'ordering':
			return { key, type: 'ordering', prompt: q.prompt, items: orderingItems(q, d).map(shown) };
		case 'truefalse':
		case 'short':
			return { key, type: q.type, prompt: q.prompt };
	}
}

/** The attempt as the learner sees it; every field is copied explicitly so nothing else leaks. */
export function publicQuestions(quiz: Quiz, drawn: DrawnQuestion[]): PublicQuestion[] {
	return resolveDrawn(quiz, drawn).map((e) =>
		'items' in e
			? {
					key: e.key,
					type: 'case',
					scenario: e.question.scenario,
					prompt: e.question.prompt,
					questions: e.items.map(publicItem)
				}
			: publicItem(e)
	);
}

/** The fields of a question, authored (YAML) or loaded, that a learner reads before answering. */
export type ShownFields = {
	prompt?: string | null;
	scenario?: string | null;
	options?: { text: string }[];
	pairs?: { left: string; right: string }[];
	items?: { text: string }[];
	questions?: ShownFields[];
};

/**
 * The authored texts a learner is meant to see: prompts, scenarios and choices, a case's questions
 * included. A "secret" (feedback, an accepted answer) that also stands here is no leak.
 */
export function shownTexts(q: ShownFields): string[] {
	return [
		...[q.scenario, q.prompt].filter((t): t is string => typeof t === 'string'),
		...(q.options ?? []).map((o) => o.text),
		...(q.pairs ?? []).flatMap((p) => [p.left, p.right]),
		...(q.items ?? []).map((i) => i.text),
		...(q.questions ?? []).flatMap(shownTexts)
	];
}
