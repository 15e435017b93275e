import { describe, expect, it } from 'vitest';
import { isBehind } from './pace';

const cohort = { starts_on: '2026-03-01', deadline_on: '2026-03-11' };

describe('isBehind', () => {
	it('expects progress in proportion to the time passed between start and deadline', () => {
		expect(isBehind(0, cohort, '2026-03-01')).toBe(false);
		expect(isBehind(40, cohort, '2026-03-07')).toBe(true);
		expect(isBehind(60, cohort, '2026-03-07')).toBe(false);
	});

	it('expects nothing before the start and everything after the deadline', () => {
		expect(isBehind(0, cohort, '2026-02-20')).toBe(false);
		expect(isBehind(99, cohort, '2026-04-01')).toBe(true);
		expect(isBehind(100, cohort, '2026-04-01')).toBe(false);
	});

	it('treats a one-day cohort as a day', () => {
		expect(isBehind(0, { starts_on: '2026-03-01', deadline_on: '2026-03-01' }, '2026-03-02')).toBe(true);
	});
});
