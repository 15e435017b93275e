/**
 * Validator and item-writing findings placed beside the form field they concern. A finding
 * carries a file line; the line is traced back to the YAML node that starts there (the outermost
 * one: the line `- id: a` is the option, not its id), and that node's path names the field.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ContentIssue } from '../types';

export type Finding = { severity: 'error' | 'warning'; message: string };
/** Findings by question id, then by form field name (`prompt`, `o.1`, `sub.0.prompt`; `` = the question). */
export type PlacedFindings = {
	questions: Record<string, Record<string, Finding[]>>;
	settings: Record<string, Finding[]>;
	quiz: Finding[];
};

type Path = (string | number)[];
const FIELDS = new Set(['prompt', 'scenario', 'explanation', 'objective', 'answer', 'accept', 'scoring']);
const ROWS: Record<string, string> = { options: 'o', pairs: 'pair', items: 'item' };
// Item-writing findings that sit on the question's line but concern one field of it.
const RULE_FIELD: Record<string, string> = { '[untagged-item]': 'objective', '[negative-stem]': 'prompt' };

function pathsByLine(text: string): Map<number, Path> {
	const lines = new LineCounter();
	const doc = parseDocument(text, { lineCounter: lines });
	const out = new Map<number, Path>();
	const at = (node: Node | null | undefined, path: Path) => {
		if (!node?.range) return;
		const line = lines.linePos(node.range[0]).line;
		const known = out.get(line);
		if (!known || known.length > path.length) out.set(line, path);
	};
	const walk = (node: unknown, path: Path) => {
		if (isMap(node)) {
			for (const pair of node.items) {
				if (!isScalar(pair.key)) continue;
				const p = [...path, String(pair.key.value)];
				at(pair.key, p);
				walk(pair.value, p);
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, i) => {
				at(item as Node, [...path, i]);
				walk(item, [...path, i]);
			});
		}
	};
	walk(doc.contents, []);
	return out;
}

/** The form field of a path inside one question: `prompt`, `o.2`, `sub.1.pair.0`, or `` for the question. */
function fieldOf(rest: Path, prefix = ''): string {
	const [head, index, ...more] = rest;
	if (head === 'questions' && typeof index === 'number' && !prefix) {
		const inner = fieldOf(more, `sub.${index}.`);
		return inner || `sub.${index}.`;
	}
	if (typeof head === 'string' && ROWS[head] && typeof index === 'number') return `${prefix}${ROWS[head]}.${index}`;
	if (typeof head === 'string' && FIELDS.has(head)) return `${prefix}${head}`;
	return prefix;
}

/** `issues` of the quiz file `file` (whose text is `text`), placed by question and field. */
export function placeFindings(text: string, file: string, issues: ContentIssue[]): PlacedFindings {
	const paths = pathsByLine(text);
	let ids: { questions?: { id?: unknown }[] } | null = null;
	try {
		ids = parseDocument(text).toJSON();
	} catch {
		// An unreadable text: every finding goes to the quiz as a whole.
	}
	const placed: PlacedFindings = { questions: {}, settings: {}, quiz: [] };
	for (const issue of issues) {
		if (issue.file !== file) continue;
		const finding = { severity: issue.severity, message: issue.message };
		const path = paths.get(issue.line) ?? [];
		const id = path[0] === 'questions' && typeof path[1] === 'number' ? ids?.questions?.[path[1]]?.id : undefined;
		if (typeof id === 'string') {
			let key = fieldOf(path.slice(2));
			const rule = RULE_FIELD[issue.message.slice(0, issue.message.indexOf(']') + 1)];
			if (rule && (key === '' || key.endsWith('.'))) key += rule;
			((placed.questions[id] ??= {})[key] ??= []).push(finding);
		} else if (path[0] === 'settings' && typeof path[1] === 'string') (placed.settings[path[1]] ??= []).push(finding);
		else placed.quiz.push(finding);
	}
	return placed;
}
