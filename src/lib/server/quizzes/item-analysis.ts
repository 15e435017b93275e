/**
 * Item analysis for trainers (classical test theory, as in Moodle's quiz statistics):
 * - facility: mean score on the item, as a percentage (100 = everyone right);
 * - discrimination: Kelley's upper–lower index — the item's mean score among the top 27 % of
 *   attempts (by total score) minus its mean among the bottom 27 %; from −1 to 1;
 * - the distribution of what was answered.
 * Pure: it takes graded attempts and the quiz, and returns figures.
 */
import { m } from '$lib/paraglide/messages';
import type { GradableQuestion, Quiz } from '../courses/types';
import { drawnItems } from './draw';
import type { Answer, Answers, DrawnQuestion, ItemResult } from './types';

export type AnalysedAttempt = {
	id: number;
	percent: number;
	drawn: DrawnQuestion[];
	answers: Answers;
	items: ItemResult[];
};

export type Flag = 'too-easy' | 'too-hard' | 'negative-discrimination';

export type ItemStats = {
	key: string;
	type: GradableQuestion['type'];
	prompt: string;
	attempts: number;
	/** 0–100, or null without attempts. */
	facility: number | null;
	/** −1 to 1, or null with fewer than 2 attempts. */
	discrimination: number | null;
	/** What was answered: option texts for single/multiple, true/false, or right/partial/wrong. */
	distribution: { label: string; count: number; correct: boolean }[];
	blank: number;
	flags: Flag[];
};

export const EASY_ABOVE = 90;
export const HARD_BELOW = 20;
export const GROUP_SHARE = 0.27;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Size of the upper and lower groups: 27 % of the attempts, at least 1 (null under 2 attempts). */
export function groupSize(n: number): number | null {
	return n < 2 ? null : Math.max(1, Math.round(GROUP_SHARE * n));
}

function isBlank(a: Answer | undefined): boolean {
	if (!a) return true;
	switch (a.type) {
		case 'single':
			return !a.optionId;
		case 'multiple':
			return a.optionIds.length === 0;
		case 'truefalse':
			return a.value === null;
		case 'matching':
			return Object.values(a.pairs).every((v) => !v);
		case 'ordering':
			return a.order.every((v) => !v);
		case 'short':
			return a.text.trim() === '';
	}
}

function distribution(
	q: GradableQuestion,
	answered: { answer: Answer | undefined; score: number }[]
) {
	const given = answered.filter((x) => !isBlank(x.answer));
	if (q.type === 'single' || q.type === 'multiple') {
		return q.options.map((o) => ({
			label: o.text,
			correct: o.correct,
			count: given.filter(({ answer: a }) =>
				a?.type === 'single'
					? a.optionId === o.id
					: a?.type === 'multiple'
						? a.optionIds.includes(o.id)
						: false
			).length
		}));
	}
	if (q.type === 'truefalse') {
		return [true, false].map((v) => ({
			label: v ? m.quiz_true() : m.quiz_false(),
			correct: q.answer === v,
			count: given.filter(({ answer: a }) => a?.type === 'truefalse' && a.value === v).length
		}));
	}
	return [
		{
			label: m.analysis_answer_right(),
			correct: true,
			count: given.filter((x) => x.score === 1).length
		},
		{
			label: m.analysis_answer_partial(),
			correct: false,
			count: given.filter((x) => x.score > 0 && x.score < 1).length
		},
		{
			label: m.analysis_answer_wrong(),
			correct: false,
			count: given.filter((x) => x.score === 0).length
		}
	];
}

export function analyseQuiz(quiz: Quiz, attempts: AnalysedAttempt[]): ItemStats[] {
	// Items in authored order, each with every attempt that was shown it.
	const byKey = new Map<
		string,
		{
			question: GradableQuestion;
			rows: { attempt: AnalysedAttempt; score: number; answer: Answer | undefined }[];
		}
	>();
	const allDrawn: DrawnQuestion[] = quiz.questions.map((q) =>
		q.type === 'case' ? { id: q.id, sub: q.questions.map((s) => ({ id: s.id })) } : { id: q.id }
	);
	for (const item of drawnItems(quiz, allDrawn))
		byKey.set(item.key, { question: item.question, rows: [] });

	for (const attempt of attempts) {
		const scores = new Map(attempt.items.map((i) => [i.key, i.score]));
		for (const item of drawnItems(quiz, attempt.drawn)) {
			const entry = byKey.get(item.key);
			if (!entry) continue;
			entry.rows.push({
				attempt,
				score: scores.get(item.key) ?? 0,
				answer: attempt.answers[item.key]
			});
		}
	}

	return [...byKey.entries()].map(([key, { question, rows }]) => {
		const n = rows.length;
		const facility = n ? round(100 * mean(rows.map((r) => r.score)), 2) : null;
		const g = groupSize(n);
		let discrimination: number | null = null;
		if (g !== null) {
			// Highest total first; ties keep the attempt order so the result is reproducible.
			const sorted = [...rows].sort(
				(a, b) => b.attempt.percent - a.attempt.percent || a.attempt.id - b.attempt.id
			);
			const upper = sorted.slice(0, g).map((r) => r.score);
			const lower = sorted.slice(-g).map((r) => r.score);
			discrimination = round(mean(upper) - mean(lower), 3);
		}
		const flags: Flag[] = [];
		if (facility !== null && facility > EASY_ABOVE) flags.push('too-easy');
		if (facility !== null && facility < HARD_BELOW) flags.push('too-hard');
		if (discrimination !== null && discrimination < 0) flags.push('negative-discrimination');
		return {
			key,
			type: question.type,
			prompt: question.prompt,
			attempts: n,
			facility,
			discrimination,
			distribution: distribution(question, rows),
			blank: rows.filter((r) => isBlank(r.answer)).length,
			flags
		};
	});
}

/** CSV (UTF-8 with BOM so spreadsheet programs keep the accents), one row per item. */
export function itemAnalysisCsv(stats: ItemStats[]): string {
	const cell = (v: string | number | null) => {
		const s = v === null ? '' : String(v);
		return /[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	const header = [
		'pregunta',
		'tipo',
		'enunciado',
		'intentos',
		'facilidad_%',
		'discriminacion',
		'en_blanco',
		'alertas',
		'distribucion'
	];
	const rows = stats.map((s) =>
		[
			s.key,
			s.type,
			s.prompt,
			s.attempts,
			s.facility,
			s.discrimination,
			s.blank,
			s.flags.join(' '),
			s.distribution.map((d) => `${d.correct ? '*' : ''}${d.label}: ${d.count}`).join(' | ')
		]
			.map(cell)
			.join(',')
	);
	return '\uFEFF' + [header.join(','), ...rows].join('\r\n') + '\r\n';
}
