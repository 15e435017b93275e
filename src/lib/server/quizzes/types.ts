/** Quiz attempts: what is drawn for an attempt, what the browser may see, what the learner answered. */

/** Stored with each attempt so a reload shows the same questions in the same order. */
export type DrawnQuestion = {
	id: string;
	/** single / multiple: option ids in display order. */
	optionOrder?: string[];
	/**
	 * single / multiple: the value the page sends for each option of `optionOrder` (same index).
	 * Random per attempt, so a form value says nothing about the authored id (`a` is often the key).
	 * Draws stored before tokens existed have none: their options are sent by authored id.
	 */
	optionTokens?: string[];
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

export type ItemResult = { key: string; score: number; max: 1; correct: boolean };
export type AttemptGrade = { score: number; max: number; percent: number; items: ItemResult[] };
