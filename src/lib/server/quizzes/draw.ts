/**
 * Drawing an attempt: which questions, in which order, with which choices in which order.
 * Pure and driven by an injected `random`, so a draw can be stored, repeated from a seed and tested.
 */
import type {
	CaseQuestion,
	GradableQuestion,
	Question,
	Quiz,
	QuizSettings
} from '../courses/types';
import type { DrawnQuestion } from './types';

/**
 * A small deterministic PRNG in [0, 1): mulberry32 seeded with the FNV-1a hash of `seed`.
 * @example drawAttempt(quiz, seededRandom(attemptId)) // the same attempt id draws the same quiz
 */
export function seededRandom(seed: string): () => number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) {
		hash ^= seed.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	let state = hash >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** An index in [0, n); a misbehaving `random` (1, NaN, negative) must not break a draw. */
function randomIndex(random: () => number, n: number): number {
	const i = Math.floor(random() * n);
	return i >= 0 && i < n ? i : 0;
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomIndex(random, i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * A shuffle that never returns the authored order when there are two or more items: for ordering
 * and matching questions the authored order IS the answer. A few fresh shuffles keep the result
 * uniform over the other permutations; the rotation only guards against a degenerate `random`.
 */
function shuffleAwayFromAuthored(ids: readonly string[], random: () => number): string[] {
	if (ids.length < 2) return [...ids];
	for (let tries = 0; tries < 8; tries++) {
		const out = shuffle(ids, random);
		if (out.some((id, i) => id !== ids[i])) return out;
	}
	return [...ids.slice(1), ids[0]];
}

function drawGradable(
	q: GradableQuestion,
	settings: QuizSettings,
	random: () => number
): DrawnQuestion {
	switch (q.type) {
		case 'single':
		case 'multiple': {
			const ids = q.options.map((o) => o.id);
			return { id: q.id, optionOrder: settings.shuffleOptions ? shuffle(ids, random) : ids };
		}
		case 'matching':
			return {
				id: q.id,
				rightOrder: shuffleAwayFromAuthored(
					q.pairs.map((p) => p.id),
					random
				)
			};
		case 'ordering':
			return {
				id: q.id,
				itemOrder: shuffleAwayFromAuthored(
					q.items.map((i) => i.id),
					random
				)
			};
		case 'truefalse':
		case 'short':
			return { id: q.id };
	}
}

function drawQuestion(q: Question, settings: QuizSettings, random: () => number): DrawnQuestion {
	if (q.type !== 'case') return drawGradable(q, settings, random);
	// A case reads as a story: every sub-question, in the authored order.
	return { id: q.id, sub: q.questions.map((s) => drawGradable(s, settings, random)) };
}

/**
 * Draws `settings.drawCount` questions (all when 0). Like Moodle's random slots, the drawn
 * questions keep their authored order unless `shuffleQuestions` is set.
 */
export function drawAttempt(quiz: Quiz, random: () => number): DrawnQuestion[] {
	const { settings, questions } = quiz;
	const count =
		settings.drawCount > 0 ? Math.min(settings.drawCount, questions.length) : questions.length;
	// A prefix of a uniform shuffle is a uniform sample, already in random order.
	const picked = shuffle(
		questions.map((_, i) => i),
		random
	).slice(0, count);
	if (!settings.shuffleQuestions) picked.sort((a, b) => a - b);
	return picked.map((i) => drawQuestion(questions[i], settings, random));
}

/** `items` in the drawn order; items missing from `order` (a stale draw) follow in authored order. */
export function inDrawnOrder<T extends { id: string }>(items: readonly T[], order?: string[]): T[] {
	if (!order) return [...items];
	const rank = new Map(order.map((id, i) => [id, i]));
	const listed = items.filter((it) => rank.has(it.id));
	listed.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
	return [...listed, ...items.filter((it) => !rank.has(it.id))];
}

/** A gradable question of an attempt: `key` is its id, or `<caseId>.<subId>` inside a case. */
export type DrawnItem = {
	key: string;
	/** As the learner sees it numbered: `3`, or `9.2` for the second sub-question of question 9. */
	number: string;
	question: GradableQuestion;
	drawn: DrawnQuestion;
};
export type DrawnCase = { key: string; number: string; question: CaseQuestion; items: DrawnItem[] };

/**
 * Matches a stored draw with the quiz. Ids the quiz no longer has (content edited since the
 * draw) and repeated ids are skipped, so grading a stale attempt degrades instead of throwing.
 */
export function resolveDrawn(quiz: Quiz, drawn: DrawnQuestion[]): (DrawnItem | DrawnCase)[] {
	const byId = new Map(quiz.questions.map((q) => [q.id, q]));
	const seen = new Set<string>();
	const out: (DrawnItem | DrawnCase)[] = [];
	for (const d of drawn) {
		const question = byId.get(d.id);
		if (!question || seen.has(d.id)) continue;
		seen.add(d.id);
		const number = String(out.length + 1);
		if (question.type !== 'case') {
			out.push({ key: question.id, number, question, drawn: d });
			continue;
		}
		const subs = new Map(question.questions.map((s) => [s.id, s]));
		const subSeen = new Set<string>();
		const items: DrawnItem[] = [];
		for (const sd of d.sub ?? question.questions.map((s) => ({ id: s.id }))) {
			const sub = subs.get(sd.id);
			if (!sub || subSeen.has(sd.id)) continue;
			subSeen.add(sd.id);
			items.push({
				key: `${question.id}.${sub.id}`,
				number: `${number}.${items.length + 1}`,
				question: sub,
				drawn: sd
			});
		}
		out.push({ key: question.id, number, question, items });
	}
	return out;
}

/** Every gradable item of an attempt, in the order shown (case sub-questions in place). */
export function drawnItems(quiz: Quiz, drawn: DrawnQuestion[]): DrawnItem[] {
	return resolveDrawn(quiz, drawn).flatMap((e) => ('items' in e ? e.items : [e]));
}
