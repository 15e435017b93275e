import { describe, expect, it } from 'vitest';
import { chunks } from './chunks';

describe('chunks', () => {
	it('cuts a list into consecutive parts of at most the size, in order', () => {
		expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunks([1, 2, 3, 4], 2)).toEqual([
			[1, 2],
			[3, 4]
		]);
		expect(chunks(Array.from({ length: 1001 }, (_, i) => i)).map((c) => c.length)).toEqual([
			500, 500, 1
		]);
	});

	it('gives no parts for an empty list', () => {
		expect(chunks([], 3)).toEqual([]);
	});
});
