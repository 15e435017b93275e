/**
 * A quiz as the editor's forms hold it: every question type in one flat shape (the fields a type
 * does not use stay empty), so a form can be re-rendered with a row added or removed before
 * anything is saved. read.ts fills it from the YAML text, form.ts from a submitted form, and
 * write.ts puts it back into the text.
 */
import type { QuestionType, QuizSettings } from '../types';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'matching', 'ordering', 'short', 'case'] as const satisfies readonly QuestionType[];
export type SubQuestionType = Exclude<QuestionType, 'case'>;

/** Caps on what one form may hold: beyond them the form refuses, with a message. */
export const LIMITS = { rows: 10, subQuestions: 6, field: 4000, accept: 20 } as const;

export type OptionRow = { id: string; text: string; feedback: string; correct: boolean };
export type PairRow = { id: string; left: string; right: string };
export type ItemRow = { id: string; text: string };

export type QuestionDraft = {
	id: string;
	type: QuestionType;
	/** 1-based module objective, or null for none (a case's sub-questions then take the case's). */
	objective: number | null;
	/** Optional for a case. */
	prompt: string;
	/** Case only. */
	scenario: string;
	explanation: string;
	/** Multiple only. */
	scoring: 'partial' | 'all-or-nothing';
	options: OptionRow[];
	/** True/false only; null when the file has none. */
	answer: boolean | null;
	accept: string[];
	pairs: PairRow[];
	/** In the correct order. */
	items: ItemRow[];
	/** A case's sub-questions. */
	questions: QuestionDraft[];
};

export type SettingsDraft = QuizSettings;

export type QuestionSummary = { id: string; type: string; prompt: string };

export type RowKind = 'options' | 'pairs' | 'items';

/** A row id not yet used in the list: `a`, `b`… for options, `p1`… for pairs, `s1`… for items. */
export function nextRowId(kind: RowKind, taken: string[]): string {
	const used = new Set(taken);
	if (kind === 'options') for (const c of 'abcdefghijklmnopqrstuvwxyz') if (!used.has(c)) return c;
	const prefix = kind === 'options' ? 'o' : kind === 'pairs' ? 'p' : 's';
	for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** An empty question of `type`, with the rows a valid one needs at least (filled in by the trainer). */
export function blankQuestion(type: QuestionType, id: string): QuestionDraft {
	const q: QuestionDraft = {
		id,
		type,
		objective: null,
		prompt: '',
		scenario: '',
		explanation: '',
		scoring: 'partial',
		options: [],
		answer: type === 'truefalse' ? true : null,
		accept: [],
		pairs: [],
		items: [],
		questions: []
	};
	if (type === 'single' || type === 'multiple')
		q.options = ['a', 'b', 'c'].map((o) => ({ id: o, text: '', feedback: '', correct: false }));
	if (type === 'matching') q.pairs = ['p1', 'p2', 'p3'].map((p) => ({ id: p, left: '', right: '' }));
	if (type === 'ordering') q.items = ['s1', 's2', 's3'].map((s) => ({ id: s, text: '' }));
	if (type === 'case') q.questions = [blankQuestion('truefalse', `${id}-1`), blankQuestion('single', `${id}-2`)];
	return q;
}

/**
 * A question id from its prompt: lower case, no accents, words joined by hyphens (at most five),
 * made unique against `taken` with `-2`, `-3`…
 * e.g. `questionId('¿Qué es la trata?', [])` → `que-es-la-trata`.
 */
export function questionId(prompt: string, taken: Iterable<string>): string {
	const words = prompt
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean)
		.slice(0, 5);
	const base = words.join('-').slice(0, 48).replace(/-+$/, '') || 'pregunta';
	const used = new Set(taken);
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Every question id of a quiz, case sub-questions included. */
export const allIds = (questions: QuestionDraft[]): string[] =>
	questions.flatMap((q) => [q.id, ...q.questions.map((s) => s.id)]);
