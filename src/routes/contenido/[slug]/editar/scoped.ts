/**
 * What the editor page's own forms answer: each says which form it was for (`scope`), so the
 * message and the typed values go back beside that form.
 */
export type Scoped = {
	scope?: string;
	message?: string;
	ok?: string;
	values?: Record<string, unknown>;
	errors?: Record<string, string | undefined>;
	problems?: { file: string; line: number; message: string }[];
	quizOf?: string;
};

/** The action's answer if it was for form `scope`. */
export function answerFor(form: unknown, scope: string): Scoped | null {
	return form && typeof form === 'object' && (form as Scoped).scope === scope ? (form as Scoped) : null;
}
