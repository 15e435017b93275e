/**
 * The figures of a course's assessment that the item-writing linter watches, per module and for
 * the whole course (`content:check --stats`): pool size, single-choice keys that are the longest
 * option, true/false balance, and how many options are correct in multiple-response items.
 */
import { correctCounts, keyIsLongest } from './lint-items';
import { gradableItems } from './objectives';
import type { Course, GradableQuestion } from './types';

export type ItemStats = {
	/** Gradable items (a case counts its sub-questions). */
	pool: number;
	/** Top-level questions (a case counts as one): what `drawCount` draws from. */
	questions: number;
	untagged: number;
	single: { items: number; longestKey: number };
	trueFalse: { trues: number; falses: number };
	/** Count of correct options → how many multiple-response items have it. */
	multipleCorrect: Map<number, number>;
};

export function itemStats(items: GradableQuestion[], questions: number): ItemStats {
	const singles = items.filter((q) => q.type === 'single');
	const trueFalse = items.filter((q) => q.type === 'truefalse');
	return {
		pool: items.length,
		questions,
		untagged: items.filter((q) => q.objective === undefined).length,
		single: { items: singles.length, longestKey: singles.filter(keyIsLongest).length },
		trueFalse: {
			trues: trueFalse.filter((q) => q.answer).length,
			falses: trueFalse.filter((q) => !q.answer).length
		},
		multipleCorrect: correctCounts(items.filter((q) => q.type === 'multiple'))
	};
}

/** A plain-text table of one course's figures, for `content:check --stats`. */
export function courseStats(course: Course): string {
	const rows: string[][] = [
		[
			'módulo',
			'banco',
			'preguntas',
			'drawCount',
			'sin objective',
			'única: correcta más larga',
			'V/F',
			'múltiple: correctas×ítems'
		]
	];
	const all: GradableQuestion[] = [];
	let questions = 0;
	for (const m of course.modules) {
		if (!m.quiz) continue;
		const items = gradableItems(m.quiz);
		all.push(...items);
		questions += m.quiz.questions.length;
		rows.push([
			m.slug,
			...cells(itemStats(items, m.quiz.questions.length), String(m.quiz.settings.drawCount))
		]);
	}
	if (rows.length === 1)
		return `${course.slug} — ${course.title}\n  (ningún módulo tiene cuestionario)\n`;
	rows.push(['total', ...cells(itemStats(all, questions), '')]);
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	const table = rows.map(
		(r) =>
			'  ' +
			r
				.map((cell, c) => cell.padEnd(widths[c]))
				.join('  ')
				.trimEnd()
	);
	return [`${course.slug} — ${course.title}`, ...table, ''].join('\n');
}

function cells(s: ItemStats, drawCount: string): string[] {
	const { trues, falses } = s.trueFalse;
	const tf = trues + falses;
	const spread = [...s.multipleCorrect]
		.sort((a, b) => a[0] - b[0])
		.map(([correct, items]) => `${correct}×${items}`)
		.join(' ');
	return [
		String(s.pool),
		String(s.questions),
		drawCount,
		String(s.untagged),
		s.single.items
			? `${s.single.longestKey}/${s.single.items} (${pct(s.single.longestKey, s.single.items)})`
			: '—',
		tf ? `${trues}V ${falses}F (${pct(trues, tf)} V)` : '—',
		spread || '—'
	];
}

function pct(part: number, whole: number) {
	return `${Math.round((100 * part) / whole)} %`;
}
