import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderingQuestion, Quiz } from '../courses/types';
import {
	drawAttempt,
	drawnItems,
	inDrawnOrder,
	objectivesOf,
	pickQuestions,
	seededRandom,
	shuffle
} from './draw';
import { arbQuiz, arbTaggedQuiz, objectiveQuiz, sampleQuiz, settings } from './test-fixtures';

const sorted = (xs: string[]) => [...xs].sort();
const seeds = Array.from({ length: 200 }, (_, i) => `intento-${i}`);

function orderingQuiz(n: number): Quiz {
	const q: OrderingQuestion = {
		id: 'o',
		type: 'ordering',
		prompt: 'Ordene.',
		explanation: '',
		items: Array.from({ length: n }, (_, i) => ({ id: `s${i + 1}`, text: `Paso ${i + 1}` }))
	};
	return { file: 'x', settings: settings(), questions: [q] };
}

describe('seededRandom', () => {
	it('repeats the same sequence for the same seed', () => {
		const a = seededRandom('abc');
		const b = seededRandom('abc');
		const xs = Array.from({ length: 20 }, () => a());
		expect(Array.from({ length: 20 }, () => b())).toEqual(xs);
	});

	it('gives different sequences for different seeds, within [0, 1)', () => {
		const a = Array.from({ length: 5 }, seededRandom('intento-1'));
		const b = Array.from({ length: 5 }, seededRandom('intento-2'));
		expect(a).not.toEqual(b);
		for (const x of [...a, ...b]) expect(x >= 0 && x < 1).toBe(true);
	});

	it('is roughly uniform', () => {
		const random = seededRandom('uniforme');
		const buckets = [0, 0, 0, 0];
		for (let i = 0; i < 4000; i++) buckets[Math.floor(random() * 4)]++;
		for (const b of buckets) expect(b).toBeGreaterThan(850);
	});
});

describe('shuffle', () => {
	it('returns a permutation and leaves its input alone', () => {
		fc.assert(
			fc.property(fc.array(fc.integer()), fc.string(), (xs, seed) => {
				const copy = [...xs];
				const out = shuffle(xs, seededRandom(seed));
				expect(xs).toEqual(copy);
				expect([...out].sort()).toEqual([...xs].sort());
			})
		);
	});

	it('survives a random function that returns 1 or NaN', () => {
		expect(sorted(shuffle(['a', 'b', 'c'], () => 1))).toEqual(['a', 'b', 'c']);
		expect(sorted(shuffle(['a', 'b', 'c'], () => NaN))).toEqual(['a', 'b', 'c']);
	});
});

describe('drawAttempt', () => {
	it('is deterministic for a seed', () => {
		const quiz = sampleQuiz({ shuffleQuestions: true, shuffleOptions: true, drawCount: 5 });
		expect(drawAttempt(quiz, seededRandom('s'))).toEqual(drawAttempt(quiz, seededRandom('s')));
	});

	it('draws every question, in authored order, when nothing is shuffled', () => {
		const quiz = sampleQuiz();
		const drawn = drawAttempt(quiz, seededRandom('x'));
		expect(drawn.map((d) => d.id)).toEqual(quiz.questions.map((q) => q.id));
		expect(drawn[0].optionOrder).toEqual(['a', 'b', 'c']);
		expect(drawn[3]).toEqual({ id: 'consentimiento' });
		expect(drawn[6]).toEqual({ id: 'ley' });
	});

	it('draws drawCount distinct questions, keeping authored order unless shuffled', () => {
		const quiz = sampleQuiz({ drawCount: 3 });
		const authored = quiz.questions.map((q) => q.id);
		const seen = new Set<string>();
		for (const seed of seeds.slice(0, 50)) {
			const ids = drawAttempt(quiz, seededRandom(seed)).map((d) => d.id);
			expect(ids).toHaveLength(3);
			expect(new Set(ids).size).toBe(3);
			expect(ids).toEqual([...ids].sort((a, b) => authored.indexOf(a) - authored.indexOf(b)));
			ids.forEach((id) => seen.add(id));
		}
		expect(seen.size).toBe(authored.length);
	});

	it('draws all questions when drawCount is 0 or larger than the pool', () => {
		for (const drawCount of [0, 8, 50]) {
			const quiz = sampleQuiz({ drawCount, shuffleQuestions: true });
			expect(drawAttempt(quiz, seededRandom('a'))).toHaveLength(8);
		}
	});

	it('shuffles question order only when asked', () => {
		const quiz = sampleQuiz({ shuffleQuestions: true });
		const authored = quiz.questions.map((q) => q.id);
		const orders = seeds
			.slice(0, 20)
			.map((s) => drawAttempt(quiz, seededRandom(s)).map((d) => d.id));
		expect(orders.some((o) => o.join() !== authored.join())).toBe(true);
		for (const o of orders) expect(sorted(o)).toEqual(sorted(authored));
	});

	it('shuffles options of single and multiple questions only when asked', () => {
		const plain = sampleQuiz();
		for (const s of seeds.slice(0, 20))
			expect(drawAttempt(plain, seededRandom(s))[1].optionOrder).toEqual(['a', 'b', 'c', 'd', 'e']);
		const quiz = sampleQuiz({ shuffleOptions: true });
		const orders = seeds
			.slice(0, 20)
			.map((s) => drawAttempt(quiz, seededRandom(s))[1].optionOrder ?? []);
		expect(orders.some((o) => o.join() !== 'a,b,c,d,e')).toBe(true);
		for (const o of orders) expect(sorted(o)).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	it('always shuffles matching right sides and ordering items, even with shuffling off', () => {
		const quiz = sampleQuiz();
		for (const s of seeds) {
			const drawn = drawAttempt(quiz, seededRandom(s));
			expect(sorted(drawn[4].rightOrder ?? [])).toEqual(['p1', 'p2', 'p3', 'p4']);
			expect(drawn[4].rightOrder).not.toEqual(['p1', 'p2', 'p3', 'p4']);
			expect(drawn[5].itemOrder).not.toEqual(['s1', 's2', 's3', 's4']);
		}
	});

	it('never shows an ordering question in the correct order, whatever the random source', () => {
		for (const n of [2, 3, 7]) {
			const authored = Array.from({ length: n }, (_, i) => `s${i + 1}`);
			// 0.999… makes Fisher–Yates the identity: the fallback must step in.
			for (const random of [() => 0.9999999, () => 0, ...seeds.map(seededRandom)]) {
				const [d] = drawAttempt(orderingQuiz(n), random);
				expect(sorted(d.itemOrder ?? [])).toEqual(sorted(authored));
				expect(d.itemOrder).not.toEqual(authored);
			}
		}
	});

	it('leaves a one-item ordering question as it is', () => {
		expect(drawAttempt(orderingQuiz(1), seededRandom('x'))[0].itemOrder).toEqual(['s1']);
	});

	it('draws every case sub-question in authored order, each drawn like a question', () => {
		const quiz = sampleQuiz({ shuffleOptions: true, shuffleQuestions: true });
		for (const s of seeds.slice(0, 30)) {
			const c = drawAttempt(quiz, seededRandom(s)).find((d) => d.id === 'caso');
			expect(c?.sub?.map((d) => d.id)).toEqual(['indicio', 'orden']);
			expect(sorted(c?.sub?.[0].optionOrder ?? [])).toEqual(['a', 'b']);
			expect(c?.sub?.[1].itemOrder).toEqual(['d', 'u']);
		}
	});

	it('property: every order drawn is a permutation of the authored ids', () => {
		fc.assert(
			fc.property(arbQuiz, fc.string(), (quiz, seed) => {
				const drawn = drawAttempt(quiz, seededRandom(seed));
				const { drawCount } = quiz.settings;
				const n = quiz.questions.length;
				expect(drawn).toHaveLength(drawCount > 0 ? Math.min(drawCount, n) : n);
				expect(new Set(drawn.map((d) => d.id)).size).toBe(drawn.length);
				for (const item of drawnItems(quiz, drawn)) {
					const { question: q, drawn: d } = item;
					if (q.type === 'single' || q.type === 'multiple')
						expect(sorted(d.optionOrder ?? [])).toEqual(sorted(q.options.map((o) => o.id)));
					if (q.type === 'matching')
						expect(sorted(d.rightOrder ?? [])).toEqual(sorted(q.pairs.map((p) => p.id)));
					if (q.type === 'ordering') {
						const ids = q.items.map((it) => it.id);
						expect(sorted(d.itemOrder ?? [])).toEqual(sorted(ids));
						if (ids.length >= 2) expect(d.itemOrder).not.toEqual(ids);
					}
				}
			})
		);
	});
});

describe('drawAttempt: objectives and retries', () => {
	const idsOf = (quiz: Quiz, seed: string, previous: string[][] = []) =>
		drawAttempt(quiz, seededRandom(seed), { previous }).map((d) => d.id);
	const objectiveOf = (quiz: Quiz) => new Map(quiz.questions.map((q) => [q.id, q.objective]));

	it('examines every objective in every draw, even when one objective has many questions', () => {
		// 20 questions, objective 1 with 17 of them: a plain sample of 8 would often miss 2, 3 or 4.
		const quiz = objectiveQuiz(20, 4, { drawCount: 8 });
		quiz.questions.forEach((q, i) => (q.objective = i < 3 ? i + 2 : 1));
		const tags = objectiveOf(quiz);
		for (const seed of seeds) {
			const ids = idsOf(quiz, seed);
			expect(ids).toHaveLength(8);
			expect(new Set(ids.map((id) => tags.get(id)))).toEqual(new Set([1, 2, 3, 4]));
		}
	});

	it('property: every objective tagged in the pool is examined in every draw', () => {
		fc.assert(
			fc.property(arbTaggedQuiz, fc.string(), (quiz, seed) => {
				const ids = idsOf(quiz, seed);
				expect(ids).toHaveLength(quiz.settings.drawCount);
				expect(new Set(ids).size).toBe(ids.length);
				const tags = objectiveOf(quiz);
				const all = new Set(quiz.questions.flatMap(objectivesOf));
				expect(new Set(ids.map((id) => tags.get(id)))).toEqual(all);
			})
		);
	});

	it('property: a retry repeats only what it must — max(places − unseen, objectives with nothing unseen)', () => {
		fc.assert(
			fc.property(arbTaggedQuiz, fc.string(), (quiz, seed) => {
				const first = idsOf(quiz, `${seed}-1`);
				const second = idsOf(quiz, `${seed}-2`, [first]);
				const seenBefore = new Set(first);
				const unseen = quiz.questions.filter((q) => !seenBefore.has(q.id));
				const objectives = new Set(quiz.questions.flatMap(objectivesOf));
				const exhausted = [...objectives].filter(
					(o) => !unseen.some((q) => q.objective === o)
				).length;
				const repeats = second.filter((id) => seenBefore.has(id)).length;
				expect(repeats).toBe(Math.max(quiz.settings.drawCount - unseen.length, exhausted));
			})
		);
	});

	it('draws a different set on a retry when the pool allows', () => {
		// 8 questions per objective: a draw takes at most 5 of one, so each keeps some unseen.
		const quiz = objectiveQuiz(32, 4, { drawCount: 8 });
		for (const seed of seeds.slice(0, 50)) {
			const a = idsOf(quiz, `${seed}-a`);
			const b = idsOf(quiz, `${seed}-b`, [a]);
			expect(b.filter((id) => a.includes(id))).toEqual([]);
		}
	});

	it('once every question was seen, brings back those seen longest ago', () => {
		const quiz = objectiveQuiz(16, 1, { drawCount: 8 });
		for (const seed of seeds.slice(0, 50)) {
			const a = idsOf(quiz, `${seed}-a`);
			const b = idsOf(quiz, `${seed}-b`, [a]);
			const c = idsOf(quiz, `${seed}-c`, [a, b]);
			expect(b.filter((id) => a.includes(id))).toEqual([]);
			expect([...c].sort()).toEqual([...a].sort());
		}
	});

	it('is deterministic for a seed and a history', () => {
		const quiz = objectiveQuiz(16, 4, { drawCount: 8 });
		const previous = [idsOf(quiz, 'x')];
		expect(drawAttempt(quiz, seededRandom('s'), { previous })).toEqual(
			drawAttempt(quiz, seededRandom('s'), { previous })
		);
	});

	it('covers as many objectives as it can when there are more objectives than places', () => {
		const quiz = objectiveQuiz(10, 5);
		const picked = pickQuestions(quiz.questions, 3, seededRandom('p'));
		expect(new Set(picked.map((i) => quiz.questions[i].objective)).size).toBe(3);
	});

	it("counts a case's sub-question objectives as examined by the case", () => {
		const quiz = sampleQuiz();
		const caso = quiz.questions.find((q) => q.type === 'case');
		if (caso?.type !== 'case') throw new Error('no case');
		caso.objective = 1;
		caso.questions[1].objective = 3;
		expect(objectivesOf(caso)).toEqual([1, 3]);
	});
});

describe('drawAttempt: option tokens', () => {
	it('sends options as tokens: distinct, never the authored ids, new in every attempt', () => {
		const quiz = objectiveQuiz(16, 4);
		const byAttempt = seeds.slice(0, 30).map((s) => drawAttempt(quiz, seededRandom(s)));
		const everyToken = new Set<string>();
		for (const drawn of byAttempt)
			for (const d of drawn) {
				const tokens = d.optionTokens ?? [];
				expect(tokens).toHaveLength(4);
				expect(new Set(tokens).size).toBe(4);
				for (const t of tokens) {
					expect(t).toMatch(/^[a-z2-7]{8}$/);
					expect(everyToken.has(t)).toBe(false);
					everyToken.add(t);
				}
			}
	});

	it('takes its tokens from the generator it is given (the app passes a CSPRNG)', () => {
		let n = 0;
		const [d] = drawAttempt(objectiveQuiz(1, 1), seededRandom('t'), { token: () => `t${n++}` });
		expect(d.optionTokens).toEqual(['t0', 't1', 't2', 't3']);
		// A generator that repeats itself still yields distinct tokens.
		const [r] = drawAttempt(objectiveQuiz(1, 1), seededRandom('t'), { token: () => 'x' });
		expect(new Set(r.optionTokens).size).toBe(4);
	});

	it('sorting the tokens says nothing about the key: the key sorts first about one time in four', () => {
		const quiz = objectiveQuiz(1, 1);
		let keyFirst = 0;
		const n = 4000;
		for (let i = 0; i < n; i++) {
			const [d] = drawAttempt(quiz, seededRandom(`orden-${i}`));
			const tokenOfKey = d.optionTokens?.[d.optionOrder?.indexOf('a') ?? -1];
			if ([...(d.optionTokens ?? [])].sort()[0] === tokenOfKey) keyFirst++;
		}
		expect(keyFirst / n).toBeGreaterThan(0.22);
		expect(keyFirst / n).toBeLessThan(0.28);
	});
});

describe('drawnItems', () => {
	it('flattens cases into <caseId>.<subId> keys numbered as shown', () => {
		const quiz = sampleQuiz();
		const items = drawnItems(quiz, drawAttempt(quiz, seededRandom('k')));
		expect(items.map((i) => [i.key, i.number]).slice(-3)).toEqual([
			['ley', '7'],
			['caso.indicio', '8.1'],
			['caso.orden', '8.2']
		]);
	});

	it('skips ids the quiz no longer has, and repeated ones', () => {
		const quiz = sampleQuiz();
		const items = drawnItems(quiz, [
			{ id: 'borrada' },
			{ id: 'ley' },
			{ id: 'ley' },
			{ id: 'caso', sub: [{ id: 'orden' }, { id: 'vieja' }] }
		]);
		expect(items.map((i) => i.key)).toEqual(['ley', 'caso.orden']);
	});
});

describe('inDrawnOrder', () => {
	it('follows the order and appends what it does not list', () => {
		const items = ['a', 'b', 'c'].map((id) => ({ id }));
		expect(inDrawnOrder(items, ['c', 'x', 'a']).map((i) => i.id)).toEqual(['c', 'a', 'b']);
		expect(inDrawnOrder(items).map((i) => i.id)).toEqual(['a', 'b', 'c']);
	});
});
