import type { ContentIssue } from './types';

/** Collects what the validator finds; every check reports here instead of throwing. */
export class IssueList {
	readonly items: ContentIssue[] = [];

	error(file: string, line: number, message: string) {
		this.items.push({ file, line, severity: 'error', message });
	}

	warning(file: string, line: number, message: string) {
		this.items.push({ file, line, severity: 'warning', message });
	}
}

/** `1 pregunta`, `3 preguntas`: messages are read by people, not parsed. */
export function count(n: number, one: string, many: string) {
	return `${n} ${n === 1 ? one : many}`;
}
