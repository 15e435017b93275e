import { describe, expect, it } from 'vitest';
import { randomBytes, randomToken } from './random';

describe('randomBytes', () => {
	it('never hands out the same bytes twice, across refills of its buffer', () => {
		const seen = new Set<string>();
		// 20-byte tokens: a repeat among 5,000 would mean bytes given twice (chance ~2^-137 otherwise).
		for (let i = 0; i < 5000; i++) seen.add(randomToken(20));
		expect(seen.size).toBe(5000);
	});

	it('gives copies: changing one leaves the next draws alone', () => {
		const a = randomBytes(16);
		a.fill(0);
		const b = randomBytes(16);
		expect(b.some((x) => x !== 0)).toBe(true);
		expect(a.buffer).not.toBe(b.buffer);
	});

	it('serves requests larger than its buffer, and of the asked length', () => {
		expect(randomBytes(10_000)).toHaveLength(10_000);
		expect(randomBytes(1)).toHaveLength(1);
		expect(randomToken(8)).toMatch(/^[a-z2-7]{13}$/);
	});

	it('is not skewed: byte values spread evenly over many draws', () => {
		const counts = new Array<number>(256).fill(0);
		for (let i = 0; i < 400; i++) for (const x of randomBytes(64)) counts[x]++;
		// 25,600 bytes, 100 expected per value: every value within a wide band.
		expect(Math.min(...counts)).toBeGreaterThan(50);
		expect(Math.max(...counts)).toBeLessThan(160);
	});
});
