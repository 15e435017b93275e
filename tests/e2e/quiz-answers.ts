/**
 * Test-side knowledge of the right answers: reads a quiz file and the attempt drawn for the learner
 * (from the server's database) and fills the form the way a learner who knows the answers would.
 * Options are sent by the tokens drawn for the attempt, so only the drawn row tells which is which.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { quizField } from '../../src/lib/quiz-form';
import { shownTexts } from '../../src/lib/server/quizzes/present';
import { query } from './support';

type RawOption = { id: string; text: string; correct?: boolean; feedback?: string };
export type RawQuestion = {
	id: string;
	type: string;
	explanation?: string;
	options?: RawOption[];
	answer?: boolean;
	pairs?: { id: string }[];
	items?: { id: string }[];
	accept?: string[];
	questions?: RawQuestion[];
};
export type Drawn = {
	id: string;
	optionOrder?: string[];
	optionTokens?: string[];
	rightOrder?: string[];
	itemOrder?: string[];
	sub?: Drawn[];
};

export function quizFile(course: string, module: string) {
	return parse(readFileSync(`content/courses/${course}/${module}.quiz.yaml`, 'utf8')) as {
		settings: Record<string, unknown>;
		questions: RawQuestion[];
	};
}

/** The questions drawn for each of a learner's attempts at a quiz, in attempt order. */
export function attemptsDrawn(
	email: string,
	course: string,
	module: string
): { open: boolean; drawn: Drawn[] }[] {
	return query<{ drawn: string; submitted_at: string | null }>(
		`SELECT a.drawn, a.submitted_at FROM quiz_attempts a JOIN users u ON u.id = a.user_id
		 WHERE u.email = ? AND a.course_slug = ? AND a.module_slug = ? ORDER BY a.attempt_no`,
		email.toLowerCase(),
		course,
		module
	).map((r) => ({ open: r.submitted_at === null, drawn: JSON.parse(r.drawn) as Drawn[] }));
}

function openAttemptDrawn(email: string, course: string, module: string): Drawn[] {
	const open = attemptsDrawn(email, course, module).find((a) => a.open);
	if (!open) throw new Error(`no open attempt for ${email} in ${course}/${module}`);
	return open.drawn;
}

/** The value the page sends for an option of this attempt (its token; the id in old draws). */
export function optionValue(d: Drawn, optionId: string): string {
	const i = d.optionOrder?.indexOf(optionId) ?? -1;
	return (i >= 0 && d.optionTokens?.[i]) || optionId;
}

async function answer(page: Page, key: string, q: RawQuestion, d: Drawn) {
	const name = (part?: string) => quizField(key, part);
	switch (q.type) {
		case 'single':
		case 'multiple':
			for (const o of q.options!.filter((o) => o.correct)) {
				await page.locator(`input[name="${name()}"][value="${optionValue(d, o.id)}"]`).check();
			}
			break;
		case 'truefalse':
			await page.locator(`input[name="${name()}"][value="${q.answer}"]`).check();
			break;
		case 'matching':
			for (const [i, pair] of q.pairs!.entries()) {
				const shownAt = d.rightOrder!.indexOf(pair.id);
				await page.locator(`select[name="${name(`l${i + 1}`)}"]`).selectOption(`r${shownAt + 1}`);
			}
			break;
		case 'ordering':
			for (const [k, itemId] of d.itemOrder!.entries()) {
				const position = q.items!.findIndex((it) => it.id === itemId) + 1;
				await page.locator(`select[name="${name(`i${k + 1}`)}"]`).selectOption(String(position));
			}
			break;
		case 'short':
			await page.locator(`input[name="${name()}"]`).fill(q.accept![0]);
			break;
	}
}

/** Fills the open attempt's form with the correct answers (does not submit). */
export async function fillCorrectly(page: Page, email: string, course: string, module: string) {
	const quiz = quizFile(course, module);
	const byId = new Map(quiz.questions.map((q) => [q.id, q]));
	for (const d of openAttemptDrawn(email, course, module)) {
		const q = byId.get(d.id)!;
		if (q.type === 'case') {
			for (const sd of d.sub ?? []) {
				const sub = q.questions!.find((s) => s.id === sd.id)!;
				await answer(page, `${q.id}.${sub.id}`, sub, sd);
			}
		} else {
			await answer(page, q.id, q, d);
		}
	}
}

/** Every string that would give an answer away: correct options, feedback, accepted answers, explanations. */
export function answerStrings(): string[] {
	const out = new Set<string>();
	// What a learner is meant to read: prompts, scenarios and choices of every quiz.
	const shown: string[] = [];
	const walk = (q: Record<string, unknown>) => {
		// Question ids name the form's fields by design ("que-es-revictimizacion"); a short accepted
		// answer of another question ("revictimizacion") may read the same without leaking anything.
		if (typeof q.id === 'string') shown.push(q.id);
		if (typeof q.explanation === 'string') out.add(q.explanation);
		for (const o of (q.options as { feedback?: string }[]) ?? [])
			if (o.feedback) out.add(o.feedback);
		for (const a of (q.accept as string[]) ?? []) if (a.length >= 12) out.add(a);
		for (const sub of (q.questions as Record<string, unknown>[]) ?? []) walk(sub);
	};
	for (const course of readdirSync('content/courses')) {
		for (const f of readdirSync(join('content/courses', course)).filter((f) =>
			f.endsWith('.quiz.yaml')
		)) {
			const quiz = parse(readFileSync(join('content/courses', course, f), 'utf8'));
			for (const q of quiz.questions) {
				walk(q);
				shown.push(...shownTexts(q));
			}
		}
	}
	// Short accepted answers such as "tráfico de personas" or "Estado receptor" also occur in the
	// interface's own texts and in other questions' prompts and choices, shown by design.
	const ui = readFileSync('messages/es.json', 'utf8') + readFileSync('messages/en.json', 'utf8');
	const visible = shown.join('\n');
	return [...out].filter((s) => s.length >= 12 && !ui.includes(s) && !visible.includes(s));
}
