/**
 * The editor's copy of unsaved text in this browser (localStorage), per course, file and draft:
 * a closed tab or a lost connection does not lose what was typed since the last save.
 */
export type LocalCopy = { text: string; at: number };

export const copyKey = (course: string, file: string, draft: number | null) =>
	`aula:editor:${course}/${file}:${draft ?? 'nuevo'}`;

export function readCopy(key: string): LocalCopy | null {
	try {
		const value = JSON.parse(localStorage.getItem(key) ?? 'null');
		return value && typeof value.text === 'string' && typeof value.at === 'number' ? value : null;
	} catch {
		return null;
	}
}

export function writeCopy(key: string, text: string, at = Date.now()) {
	try {
		localStorage.setItem(key, JSON.stringify({ text, at }));
	} catch {
		// Storage full or refused (private mode): the server's draft is what counts.
	}
}

export function clearCopy(key: string) {
	try {
		localStorage.removeItem(key);
	} catch {
		/* as above */
	}
}
