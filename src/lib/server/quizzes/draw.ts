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

/** What a draw may take besides the quiz and its random source. */
export type DrawOptions = {
	/** Question ids drawn in the learner's earlier attempts, oldest attempt first. */
	previous?: string[][];
	/**
	 * Makes the value an option is sent as. The app passes a CSPRNG token: a token made from
	 * `random` (the default, for repeatable tests) could be traced back to the 32-bit PRNG state.
	 */
	token?: () => string;
};

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** An 8-character token from `random`; only for tests and the default of `DrawOptions.token`. */
export function tokenFrom(random: () => number): () => string {
	return () =>
		Array.from(
			{ length: 8 },
			() => TOKEN_ALPHABET[randomIndex(random, TOKEN_ALPHABET.length)]
		).join('');
}

/** `n` distinct tokens (a repeat would make two options indistinguishable). */
function distinctTokens(n: number, token: () => string): string[] {
	const out = new Set<string>();
	for (let tries = 0; out.size < n; tries++) {
		// A degenerate generator (tests) still yields distinct values.
		out.add(tries < 4 * n ? token() : `${token()}${tries}`);
	}
	return [...out];
}

function drawGradable(
	q: GradableQuestion,
	settings: QuizSettings,
	random: () => number,
	token: () => string
): DrawnQuestion {
	switch (q.type) {
		case 'single':
		case 'multiple': {
			const ids = q.options.map((o) => o.id);
			const optionOrder = settings.shuffleOptions ? shuffle(ids, random) : ids;
			return { id: q.id, optionOrder, optionTokens: distinctTokens(ids.length, token) };
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

function drawQuestion(
	q: Question,
	settings: QuizSettings,
	random: () => number,
	token: () => string
): DrawnQuestion {
	if (q.type !== 'case') return drawGradable(q, settings, random, token);
	// A case reads as a story: every sub-question, in the authored order.
	return { id: q.id, sub: q.questions.map((s) => drawGradable(s, settings, random, token)) };
}

/** The module objectives a top-level question examines (a case: its own and its sub-questions'). */
export function objectivesOf(q: Question): number[] {
	const all =
		q.type === 'case' ? [q.objective, ...q.questions.map((s) => s.objective)] : [q.objective];
	return [...new Set(all.filter((o) => o !== undefined))];
}

/**
 * Which questions an attempt shows (indices into `questions`, in no particular order).
 *
 * Least recently seen first: questions not in `previous` come before those seen long ago, which
 * come before those of the last attempt; ties are broken at random. First every objective gets its
 * least recently seen question, so each draw examines every objective the module's items tag;
 * then the remaining places go to the least recently seen of the rest. A retry so repeats only what
 * it must: max(places − unseen questions, objectives whose every question was seen).
 */
export function pickQuestions(
	questions: readonly Question[],
	count: number,
	random: () => number,
	previous: string[][] = []
): number[] {
	const lastSeen = new Map<string, number>();
	previous.forEach((ids, attempt) => ids.forEach((id) => lastSeen.set(id, attempt)));
	const seen = (i: number) => lastSeen.get(questions[i].id) ?? -1;
	// Random order first, then a stable sort by recency: ties stay in random order.
	const ranked = shuffle(
		questions.map((_, i) => i),
		random
	).sort((a, b) => seen(a) - seen(b));
	if (count >= questions.length) return ranked;

	const picked = new Set<number>();
	const covered = new Set<number>();
	const examines = questions.map(objectivesOf);
	const objectives = shuffle([...new Set(ranked.flatMap((i) => examines[i]))], random);
	for (const objective of objectives) {
		if (picked.size >= count) break;
		if (covered.has(objective)) continue;
		const best = ranked.find((i) => examines[i].includes(objective));
		if (best === undefined) continue;
		picked.add(best);
		for (const o of examines[best]) covered.add(o);
	}
	for (const i of ranked) {
		if (picked.size >= count) break;
		picked.add(i);
	}
	return [...picked];
}

/**
 * Draws `settings.drawCount` questions (all when 0), every objective covered, least recently seen
 * first (see `pickQuestions`). Like Moodle's random slots, the drawn questions keep their authored
 * order unless `shuffleQuestions` is set.
 */
export function drawAttempt(
	quiz: Quiz,
	random: () => number,
	{ previous = [], token = tokenFrom(random) }: DrawOptions = {}
): DrawnQuestion[] {
	const { settings, questions } = quiz;
	const count =
		settings.drawCount > 0 ? Math.min(settings.drawCount, questions.length) : questions.length;
	const picked = pickQuestions(questions, count, random, previous);
	const ordered = settings.shuffleQuestions
		? shuffle(picked, random)
		: picked.sort((a, b) => a - b);
	return ordered.map((i) => drawQuestion(questions[i], settings, random, token));
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
