/**
 * Editing one question of a quiz file through a form, never as YAML: the values the trainer
 * changes are written into the file's text in place (each scalar replaced where it stands, as a
 * double-quoted string), so the rest of the file, its comments and layout stay as they were and
 * the reviewer's diff shows only the lines that changed. Adding or removing a key (an option's
 * feedback, `correct: true`) re-serialises the file with the yaml library instead.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';

export type EditableQuestion = {
	id: string;
	type: 'single' | 'multiple' | 'truefalse' | 'short';
	prompt: string;
	explanation: string;
	options: { id: string; text: string; feedback: string; correct: boolean }[];
	answer: boolean | null;
	accept: string[];
};
export type QuestionSummary = { id: string; type: string; prompt: string; editable: boolean };

const EDITABLE = new Set(['single', 'multiple', 'truefalse', 'short']);
type Path = (string | number)[];

function questionsOf(doc: Document) {
	const qs = doc.get('questions');
	return isSeq(qs) ? qs.items : [];
}

export function listQuestions(text: string): QuestionSummary[] {
	return questionsOf(parseDocument(text)).flatMap((q) => {
		if (!isMap(q)) return [];
		const type = String(q.get('type') ?? '');
		return [{ id: String(q.get('id') ?? ''), type, prompt: String(q.get('prompt') ?? q.get('scenario') ?? ''), editable: EDITABLE.has(type) }];
	});
}

export function readQuestion(text: string, id: string): EditableQuestion | null {
	const doc = parseDocument(text);
	const q = questionsOf(doc).find((x) => isMap(x) && x.get('id') === id);
	if (!isMap(q) || !EDITABLE.has(String(q.get('type')))) return null;
	const js = q.toJSON() as Record<string, unknown>;
	const options = Array.isArray(js.options) ? (js.options as Record<string, unknown>[]) : [];
	return {
		id,
		type: js.type as EditableQuestion['type'],
		prompt: String(js.prompt ?? ''),
		explanation: String(js.explanation ?? ''),
		options: options.map((o) => ({
			id: String(o.id ?? ''),
			text: String(o.text ?? ''),
			feedback: o.feedback == null ? '' : String(o.feedback),
			correct: o.correct === true
		})),
		answer: typeof js.answer === 'boolean' ? js.answer : null,
		accept: Array.isArray(js.accept) ? js.accept.map(String) : []
	};
}

/** The quiz text with question `id` changed to `edit` (same id, type and options); null if absent. */
export function writeQuestion(text: string, edit: EditableQuestion): string | null {
	const doc = parseDocument(text);
	const index = questionsOf(doc).findIndex((x) => isMap(x) && x.get('id') === edit.id);
	const before = readQuestion(text, edit.id);
	if (index === -1 || !before || before.type !== edit.type) return null;
	const at = (...p: Path): Path => ['questions', index, ...p];
	const values: [Path, string | boolean | string[] | null][] = [
		[at('prompt'), edit.prompt],
		[at('explanation'), edit.explanation]
	];
	if (edit.type === 'single' || edit.type === 'multiple') {
		if (edit.options.map((o) => o.id).join() !== before.options.map((o) => o.id).join()) return null;
		edit.options.forEach((o, i) => {
			values.push([at('options', i, 'text'), o.text]);
			values.push([at('options', i, 'feedback'), o.feedback || null]);
			values.push([at('options', i, 'correct'), o.correct || null]);
		});
	}
	if (edit.type === 'truefalse' && edit.answer !== null) values.push([at('answer'), edit.answer]);
	if (edit.type === 'short') values.push([at('accept'), edit.accept]);

	// In place where every change is to a scalar that is there already.
	const spans: { from: number; to: number; text: string }[] = [];
	let structural = false;
	for (const [path, value] of values) {
		const node = doc.getIn(path, true);
		const current = node === undefined ? null : isScalar(node) ? node.value : (doc.getIn(path) as unknown);
		if (JSON.stringify(current) === JSON.stringify(value)) continue;
		if (value === null || !isScalar(node) || !node.range || Array.isArray(value)) {
			structural = true;
			break;
		}
		spans.push({ from: node.range[0], to: node.range[1], text: typeof value === 'boolean' ? String(value) : JSON.stringify(value) });
	}
	if (!structural) {
		let out = text;
		for (const s of spans.sort((a, b) => b.from - a.from)) out = out.slice(0, s.from) + s.text + out.slice(s.to);
		return out;
	}
	for (const [path, value] of values) {
		if (value === null) doc.deleteIn(path);
		else if (Array.isArray(value)) {
			const seq = doc.createNode(value);
			seq.flow = true;
			doc.setIn(path, seq);
		} else doc.setIn(path, value);
	}
	return doc.toString({ lineWidth: 0 });
}
