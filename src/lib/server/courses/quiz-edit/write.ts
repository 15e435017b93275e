/**
 * Drafts back into the quiz text with the smallest change: a value that changed where a scalar
 * already stands is replaced in place (its own line, as a double-quoted string), so comments and
 * layout stay and the reviewer's diff shows only what the trainer changed. A structural change
 * (a key, row or question added, removed or moved; a block scalar `|` rewritten) re-serialises
 * the document with the yaml library, which keeps comments but may reflow the rest.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { QuestionDraft, SettingsDraft } from './model';

type Value = string | number | boolean | undefined | Value[] | { [key: string]: Value };
type Span = { from: number; to: number; text: string };
type Sync = { doc: Document; spans: Span[]; structural: boolean };

/** The YAML shape of a question (validate-quiz.ts); `undefined`: absent, or left at its default. */
export function questionValue(q: QuestionDraft): { [key: string]: Value } {
	const head = { id: q.id, type: q.type, objective: q.objective ?? undefined };
	if (q.type === 'case')
		return { ...head, scenario: q.scenario, prompt: q.prompt || undefined, questions: q.questions.map(questionValue), explanation: q.explanation || undefined };
	const body: { [key: string]: Value } = { ...head };
	if (q.type === 'multiple') body.scoring = q.scoring;
	body.prompt = q.prompt;
	if (q.type === 'single' || q.type === 'multiple')
		body.options = q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct || undefined, feedback: o.feedback || undefined }));
	if (q.type === 'truefalse') body.answer = q.answer ?? undefined;
	if (q.type === 'matching') body.pairs = q.pairs.map((p) => ({ id: p.id, left: p.left, right: p.right }));
	if (q.type === 'ordering') body.items = q.items.map((s) => ({ id: s.id, text: s.text }));
	if (q.type === 'short') body.accept = q.accept;
	body.explanation = q.explanation;
	return body;
}

// Ends of a text do not matter to a learner, and a textarea does not keep them.
const same = (a: unknown, b: Value) =>
	typeof a === 'string' && typeof b === 'string' ? a.replace(/\r\n?/g, '\n').trim() === b.trim() : a === b;
const isDefault = (node: unknown) => isScalar(node) && (node.value === false || node.value === '' || node.value === null);
const keyOf = (id: Value) => (typeof id === 'string' ? id : undefined);

function create(s: Sync, value: Value): Node {
	s.structural = true;
	return s.doc.createNode(value) as Node;
}

/** Brings `node` to `value`, in place where it can; returns a new node when it must be replaced. */
function sync(s: Sync, node: unknown, value: Value): Node | null {
	if (value === undefined) return null;
	if (Array.isArray(value)) {
		if (!isSeq(node)) return create(s, value);
		const byId = value.every((v) => v && typeof v === 'object' && !Array.isArray(v) && typeof v.id === 'string');
		if (!byId && node.items.length === value.length) {
			node.items.forEach((item, i) => {
				const r = sync(s, item, value[i]);
				if (r) node.items[i] = r;
			});
			return null;
		}
		if (!byId) {
			node.items = value.map((v) => create(s, v));
			return null;
		}
		const old = new Map(node.items.flatMap((item) => (isMap(item) ? [[keyOf(item.get('id') as Value), item] as const] : [])));
		const items = value.map((v) => {
			const id = (v as { id: string }).id;
			const existing = old.get(id);
			if (!existing) return create(s, v);
			return sync(s, existing, v) ?? existing;
		});
		if (items.length !== node.items.length || items.some((x, i) => x !== node.items[i])) {
			s.structural = true;
			node.items = items;
		}
		return null;
	}
	if (typeof value === 'object') {
		if (!isMap(node)) return create(s, value);
		syncMap(s, node, value);
		return null;
	}
	if (!isScalar(node)) return create(s, value);
	if (same(node.value, value)) return null;
	const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
	if (node.range && !block) s.spans.push({ from: node.range[0], to: node.range[1], text: typeof value === 'string' ? JSON.stringify(value) : String(value) });
	else s.structural = true;
	node.value = value;
	return null;
}

function syncMap(s: Sync, node: YAMLMap, value: { [key: string]: Value }) {
	const keys = Object.keys(value);
	keys.forEach((key, k) => {
		const v = value[key];
		const child = node.get(key, true);
		if (v === undefined) {
			if (node.has(key) && !isDefault(child)) {
				node.delete(key);
				s.structural = true;
			}
			return;
		}
		if (!node.has(key)) {
			// After the nearest earlier key of the shape that is there, so the file keeps its order.
			const before = keys.slice(0, k).reverse().find((b) => node.has(b));
			const at = before === undefined ? 0 : node.items.findIndex((p) => isScalar(p.key) && p.key.value === before) + 1;
			node.items.splice(at, 0, s.doc.createPair(key, create(s, v)));
			return;
		}
		const r = sync(s, child, v);
		if (r) {
			node.set(key, r);
			s.structural = true;
		}
	});
}

/** Applies `change` to the parsed `text` and returns the new text (unchanged text when nothing changed). */
function edit(text: string, change: (s: Sync) => boolean): string | null {
	const doc = parseDocument(text);
	if (doc.errors.length) return null;
	const s: Sync = { doc, spans: [], structural: false };
	if (!change(s)) return null;
	if (s.structural) return doc.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', flowCollectionPadding: false });
	let out = text;
	for (const span of s.spans.sort((a, b) => b.from - a.from)) out = out.slice(0, span.from) + span.text + out.slice(span.to);
	return out;
}

function questionsSeq(doc: Document) {
	const qs = doc.get('questions');
	return isSeq(qs) ? qs : null;
}

const indexOf = (doc: Document, id: string) => questionsSeq(doc)?.items.findIndex((q) => isMap(q) && q.get('id') === id) ?? -1;

/** The text with question `q.id` brought to `q` (same type); null if there is no such question. */
export function writeQuestion(text: string, q: QuestionDraft): string | null {
	return edit(text, (s) => {
		const seq = questionsSeq(s.doc);
		const node = seq?.items[indexOf(s.doc, q.id)];
		if (!seq || !isMap(node) || node.get('type') !== q.type) return false;
		syncMap(s, node, questionValue(q));
		return true;
	});
}

/** The text with `q` appended to the questions; null if its id is taken or the file has no list. */
export function addQuestion(text: string, q: QuestionDraft): string | null {
	return edit(text, (s) => {
		const seq = questionsSeq(s.doc);
		if (!seq || indexOf(s.doc, q.id) !== -1) return false;
		const node = create(s, questionValue(q));
		node.spaceBefore = seq.items.length > 0;
		seq.items.push(node);
		return true;
	});
}

export function removeQuestion(text: string, id: string): string | null {
	return edit(text, (s) => {
		const index = indexOf(s.doc, id);
		if (index === -1) return false;
		questionsSeq(s.doc)!.items.splice(index, 1);
		s.structural = true;
		return true;
	});
}

export function writeSettings(text: string, settings: SettingsDraft): string | null {
	return edit(text, (s) => {
		const node = s.doc.get('settings', true);
		if (!isMap(node)) return false;
		// The validator's default for an absent `feedback`: leave it absent.
		const feedback = settings.feedback === 'objectives' && !node.has('feedback') ? undefined : settings.feedback;
		syncMap(s, node, { ...settings, feedback });
		return true;
	});
}
