/**
 * Test-side knowledge of the right answers: reads a quiz file and the attempt drawn for the learner
 * (from the server's database) and fills the form the way a learner who knows the answers would.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { query } from './support';

type RawOption = { id: string; text: string; correct?: boolean };
type RawQuestion = {
	id: string;
	type: string;
	options?: RawOption[];
	answer?: boolean;
	pairs?: { id: string }[];
	items?: { id: string }[];
	accept?: string[];
	questions?: RawQuestion[];
};
type Drawn = { id: string; rightOrder?: string[]; itemOrder?: string[]; sub?: Drawn[] };

export function quizFile(course: string, module: string) {
	return parse(readFileSync(`content/courses/${course}/${module}.quiz.yaml`, 'utf8')) as {
		settings: Record<string, unknown>;
		questions: RawQuestion[];
	};
}

function openAttemptDrawn(email: string, course: string, module: string): Drawn[] {
	const row = query<{ drawn: string }>(
		`SELECT a.drawn FROM quiz_attempts a JOIN users u ON u.id = a.user_id
		 WHERE u.email = ? AND a.course_slug = ? AND a.module_slug = ? AND a.submitted_at IS NULL`,
		email.toLowerCase(),
		course,
		module
	)[0];
	if (!row) throw new Error(`no open attempt for ${email} in ${course}/${module}`);
	return JSON.parse(row.drawn);
}

async function answer(page: Page, key: string, q: RawQuestion, d: Drawn) {
	const name = (part?: string) => (part ? `q:${key}:${part}` : `q:${key}`);
	switch (q.type) {
		case 'single':
		case 'multiple':
			for (const o of q.options!.filter((o) => o.correct)) {
				await page.locator(`input[name="${name()}"][value="${o.id}"]`).check();
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
