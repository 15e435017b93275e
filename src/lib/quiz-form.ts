/**
 * The quiz form as the browser sees it, shared by the server (which reads it back), the page that
 * draws it (QuizQuestion.svelte) and the end-to-end tests that fill it. Nothing here may carry an
 * answer: the shapes below are all the page ever receives.
 *
 * Field names, with `<key>` a question key (`<id>`, or `<caseId>.<subId>` in a case):
 * - single, truefalse (`true`|`false`), short (text): `q:<key>`
 * - multiple: `q:<key>` once per checked option
 * - matching: `q:<key>:<left id>` = chosen right id (`l1…`, `r1…`)
 * - ordering: `q:<key>:<item id>` = position `1..n` (`i1…`)
 * Option values of single and multiple questions are per-attempt tokens, not authored ids.
 */

export const QUIZ_FIELD_PREFIX = 'q:';

/**
 * The name of a quiz form field.
 * @example quizField('medios') // 'q:medios'
 * @example quizField('relacionar', 'l1') // 'q:relacionar:l1'
 */
export function quizField(key: string, part?: string): string {
	return part === undefined ? `${QUIZ_FIELD_PREFIX}${key}` : `${QUIZ_FIELD_PREFIX}${key}:${part}`;
}

/**
 * A question as shown before submission: prompts and choices only — no `correct` flags, feedback,
 * accepted answers, the true/false answer, the correct order or explanations.
 */
export type PublicQuestion =
	| {
			key: string;
			type: 'single' | 'multiple';
			prompt: string;
			options: { id: string; text: string }[];
	  }
	| { key: string; type: 'truefalse'; prompt: string }
	| {
			key: string;
			type: 'matching';
			prompt: string;
			lefts: { id: string; text: string }[];
			rights: { id: string; text: string }[];
	  }
	| { key: string; type: 'ordering'; prompt: string; items: { id: string; text: string }[] }
	| { key: string; type: 'short'; prompt: string }
	| {
			key: string;
			type: 'case';
			scenario: string;
			prompt: string | null;
			questions: PublicQuestion[];
	  };

/** What a learner may read about one item in the full review. */
export type ItemFeedback = {
	key: string;
	score: number;
	correct: boolean;
	/** The author's feedback for each option the learner chose (single/multiple), in display order. */
	chosen: { option: string; feedback: string }[];
	/**
	 * The correct answer as lines of text: the correct option(s), True/False in the learner's
	 * language, `left → right` per pair, the items in order, or the first accepted short answer.
	 */
	correctAnswer: string[];
	explanation: string;
};

export type AttemptFeedback = {
	/** By item key (`<id>` or `<caseId>.<subId>`). */
	items: Record<string, ItemFeedback>;
	/** By case id: the case's own explanation, shown after its sub-questions. */
	cases: Record<string, string | null>;
};

/** A module objective the learner missed, with where the module teaches it. */
export type MissedObjective = { number: number; text: string; href: string };
