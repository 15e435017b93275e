import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderingQuestion, Quiz } from '../courses/types';
import { drawAttempt, drawnItems, inDrawnOrder, seededRandom, shuffle } from './draw';
import { arbQuiz, sampleQuiz, settings } from './test-fixtures';

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
