import { describe, expect, it } from 'vitest';
import { filesDiff, lineDiff } from './diff';

describe('lineDiff', () => {
	it('shows a changed line as removed then added, with two lines of context and gaps', () => {
		const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
		const b = ['1', '2', '3', '4', 'cinco', '6', '7', '8', '9'].join('\n');
		expect(lineDiff(a, b).map((l) => `${l.kind}:${l.text}:${l.old ?? ''}:${l.new ?? ''}`)).toEqual([
			'gap:…::',
			'same:3:3:3',
			'same:4:4:4',
			'removed:5:5:',
			'added:cinco::5',
			'same:6:6:6',
			'same:7:7:7',
			'gap:…::'
		]);
	});

	it('numbers lines after an insertion in the new text', () => {
		const d = lineDiff('a\nb\nc', 'a\nx\nb\nc');
		expect(d.filter((l) => l.kind !== 'same')).toEqual([{ kind: 'added', text: 'x', new: 2 }]);
		expect(d.at(-1)).toEqual({ kind: 'same', text: 'c', old: 3, new: 4 });
	});

	it('has nothing to show for equal texts, and lists only the files that differ', () => {
		expect(lineDiff('a\nb', 'a\nb').every((l) => l.kind === 'gap')).toBe(true);
		const diff = filesDiff({ 'c/x/a.md': '1', 'c/x/b.md': '2' }, { 'c/x/a.md': '1', 'c/x/b.md': '3', 'c/x/c.md': 'n' });
		expect(diff.map((f) => [f.name, f.added, f.removed])).toEqual([['b.md', 1, 1], ['c.md', 1, 1]]);
	});
});
