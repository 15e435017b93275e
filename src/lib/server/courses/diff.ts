/**
 * Line diffs between two versions of a course's files, for the reviewer: what changed, with a few
 * lines of context, per file. A longest-common-subsequence table is fine at course-file sizes
 * (a few hundred lines each).
 */
import type { CourseFiles } from './revisions';

export type DiffLine = { kind: 'same' | 'added' | 'removed' | 'gap'; text: string; old?: number; new?: number };
export type FileDiff = { name: string; lines: DiffLine[]; added: number; removed: number };

export function lineDiff(before: string, after: string, context = 2): DiffLine[] {
	const a = before.split('\n');
	const b = after.split('\n');
	// Common head and tail first: an edit usually touches a few lines of a long file.
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const x = a.slice(head, a.length - tail);
	const y = b.slice(head, b.length - tail);
	const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
	for (let i = x.length - 1; i >= 0; i--)
		for (let j = y.length - 1; j >= 0; j--)
			lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
	const all: DiffLine[] = a.slice(0, head).map((text, i) => ({ kind: 'same', text, old: i + 1, new: i + 1 }));
	let i = 0;
	let j = 0;
	while (i < x.length || j < y.length) {
		if (i < x.length && j < y.length && x[i] === y[j]) {
			all.push({ kind: 'same', text: x[i], old: head + i + 1, new: head + j + 1 });
			i++;
			j++;
		} else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
			// Removed lines before the added ones that replace them, as reviewers read a change.
			all.push({ kind: 'removed', text: x[i], old: head + i + 1 });
			i++;
		} else {
			all.push({ kind: 'added', text: y[j], new: head + j + 1 });
			j++;
		}
	}
	for (let k = 0; k < tail; k++)
		all.push({ kind: 'same', text: a[a.length - tail + k], old: a.length - tail + k + 1, new: b.length - tail + k + 1 });
	// Keep changes and `context` lines around them; a run of skipped lines becomes one gap.
	const near = all.map((l) => l.kind !== 'same');
	const keep = all.map((_, n) => near.slice(Math.max(0, n - context), n + context + 1).some(Boolean));
	const out: DiffLine[] = [];
	all.forEach((l, n) => {
		if (keep[n]) out.push(l);
		else if (out.at(-1)?.kind !== 'gap') out.push({ kind: 'gap', text: '…' });
	});
	return out;
}

/** The files that differ between two versions (added and removed files too), by name. */
export function filesDiff(before: CourseFiles, after: CourseFiles): FileDiff[] {
	const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
	return names
		.filter((n) => before[n] !== after[n])
		.map((n) => {
			const lines = lineDiff(before[n] ?? '', after[n] ?? '');
			return {
				name: n.slice(n.lastIndexOf('/') + 1),
				lines,
				added: lines.filter((l) => l.kind === 'added').length,
				removed: lines.filter((l) => l.kind === 'removed').length
			};
		});
}
