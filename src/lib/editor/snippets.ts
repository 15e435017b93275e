/**
 * The editor toolbar's text changes, as pure functions of the text and the selection: each wraps
 * the selected words, or inserts a placeholder, and returns the new text with what to select next
 * (the placeholder, so that typing replaces it). Used only by the module editor page.
 */

export type Snippet = 'bold' | 'italic' | 'heading' | 'list' | 'link' | 'callout' | 'case' | 'term' | 'source';
export const SNIPPETS: readonly Snippet[] = ['bold', 'italic', 'heading', 'list', 'link', 'callout', 'case', 'term', 'source'];

/** The words put in when nothing is selected, in the page's language. */
export type Placeholders = Record<'bold' | 'italic' | 'heading' | 'item' | 'linkText' | 'url' | 'callout' | 'caseTitle' | 'caseText' | 'term' | 'definition' | 'source', string>;

export type Edit = { text: string; start: number; end: number };

/** `before` + `inserted` + `after`, selecting `inserted.slice(from, to)`. */
function put(before: string, inserted: string, after: string, from: number, to: number): Edit {
	return { text: before + inserted + after, start: before.length + from, end: before.length + to };
}

/** Wraps the selection (its surrounding blanks stay outside) in `open`…`close`, or a placeholder. */
function wrap(text: string, start: number, end: number, open: string, close: string, placeholder: string): Edit {
	const selected = text.slice(start, end);
	const inner = selected.trim() || placeholder;
	const lead = selected.trim() ? selected.slice(0, selected.length - selected.trimStart().length) : '';
	const trail = selected.trim() ? selected.slice(selected.trimEnd().length) : '';
	return put(text.slice(0, start) + lead, open + inner + close, trail + text.slice(end), open.length, open.length + inner.length);
}

/** A component block on lines of its own, with the blank lines the renderer needs around its text. */
function block(text: string, start: number, end: number, open: string, close: string, placeholder: string, select?: [number, number]): Edit {
	const before = text.slice(0, start);
	const after = text.slice(end);
	const inner = text.slice(start, end).trim() || placeholder;
	const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
	const trail = after.startsWith('\n\n') ? '' : after === '' || after.startsWith('\n') ? '\n' : '\n\n';
	const inserted = `${lead}${open}\n\n${inner}\n\n${close}${trail}`;
	const [from, to] = select ?? [lead.length + open.length + 2, lead.length + open.length + 2 + inner.length];
	return put(before, inserted, after, from, to);
}

/** The start of the line holding `at`. */
const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

/** Prefixes each line of the selection (or the cursor's line) with `prefix`, replacing any `#` heading mark. */
function prefixLines(text: string, start: number, end: number, prefix: string, placeholder: string, strip: RegExp): Edit {
	const from = lineStart(text, start);
	const lineEnd = text.indexOf('\n', Math.max(end - (end > start && text[end - 1] === '\n' ? 1 : 0), start));
	const to = lineEnd === -1 ? text.length : lineEnd;
	const lines = text.slice(from, to).split('\n');
	if (lines.length === 1 && lines[0].trim() === '') return put(text.slice(0, from), prefix + placeholder, text.slice(to), prefix.length, prefix.length + placeholder.length);
	const changed = lines.map((l) => (l.trim() === '' ? l : prefix + l.replace(strip, ''))).join('\n');
	return put(text.slice(0, from), changed, text.slice(to), lines.length === 1 ? prefix.length : 0, changed.length);
}

export function applySnippet(kind: Snippet, text: string, start: number, end: number, ph: Placeholders): Edit {
	const selected = text.slice(start, end).trim();
	switch (kind) {
		case 'bold':
			return wrap(text, start, end, '**', '**', ph.bold);
		case 'italic':
			return wrap(text, start, end, '*', '*', ph.italic);
		case 'heading':
			return prefixLines(text, start, end, '## ', ph.heading, /^#+\s*/);
		case 'list':
			return prefixLines(text, start, end, '- ', ph.item, /^([-*+]|\d+\.)\s+/);
		case 'link': {
			// With words selected, what is left to write is the address.
			const edit = wrap(text, start, end, '[', `](${ph.url})`, ph.linkText);
			if (!selected) return edit;
			const at = edit.end + 2;
			return { ...edit, start: at, end: at + ph.url.length };
		}
		case 'callout':
			return block(text, start, end, '<Callout type="info">', '</Callout>', ph.callout);
		case 'case': {
			const open = `<CaseStudy title="${ph.caseTitle}">`;
			const edit = block(text, start, end, open, '</CaseStudy>', ph.caseText);
			if (!selected) return edit;
			// The case's text is there: its title is what to write.
			const at = edit.text.indexOf(open, start) + open.indexOf('"') + 1;
			return { ...edit, start: at, end: at + ph.caseTitle.length };
		}
		case 'term': {
			const edit = wrap(text, start, end, `<Term def="${ph.definition}">`, '</Term>', ph.term);
			if (!selected) return edit;
			const at = edit.start - `${ph.definition}">`.length;
			return { ...edit, start: at, end: at + ph.definition.length };
		}
		case 'source':
			return wrap(text, start, end, '<Source>', '</Source>', ph.source);
	}
}

/** `insert` in place of the selection, the cursor after it (an image's Markdown, for one). */
export function insertText(text: string, start: number, end: number, insert: string): Edit {
	const at = start + insert.length;
	return { text: text.slice(0, start) + insert + text.slice(end), start: at, end: at };
}
