/** Quiz attempts: what is drawn for an attempt, what the browser may see, what the learner answered. */

/** Stored with each attempt so a reload shows the same questions in the same order. */
export type DrawnQuestion = {
	id: string;
	/** single / multiple: option ids in display order. */
	optionOrder?: string[];
	/** matching: right-hand pair ids in display order (left-hand sides keep the authored order). */
	rightOrder?: string[];
	/** ordering: item ids in the (shuffled) order first shown. */
	itemOrder?: string[];
	/** case: its sub-questions, drawn the same way. */
	sub?: DrawnQuestion[];
};

/** A learner's answer to one gradable question. */
export type Answer =
	| { type: 'single'; optionId: string | null }
	| { type: 'multiple'; optionIds: string[] }
	| { type: 'truefalse'; value: boolean | null }
	| { type: 'matching'; pairs: Record<string, string | null> } // left pair id -> chosen right pair id
	| { type: 'ordering'; order: string[] } // item ids in the learner's order
	| { type: 'short'; text: string };

/** Answers keyed by gradable question id; case sub-questions use `<caseId>.<subId>`. */
export type Answers = Record<string, Answer>;

/**
 * What the browser may see before submission: prompts and choices only — no `correct` flags,
 * feedback, accepted answers, the true/false answer, the correct order or explanations.
 */
export type PublicQuestion =
	| { key: string; type: 'single' | 'multiple'; prompt: string; options: { id: string; text: string }[] }
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
	| { key: string; type: 'case'; scenario: string; prompt: string | null; questions: PublicQuestion[] };

export type ItemResult = { key: string; score: number; max: 1; correct: boolean };
export type AttemptGrade = { score: number; max: number; percent: number; items: ItemResult[] };
