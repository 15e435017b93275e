import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ID, parseId, parseIdList } from './ids';

describe('parseId', () => {
	it('reads positive integers up to the integer column limit', () => {
		expect(parseId('1')).toBe(1);
		expect(parseId('0042')).toBe(42);
		expect(parseId(String(MAX_ID))).toBe(MAX_ID);
		expect(parseId(7)).toBe(7);
	});

	it.each([
		'0',
		'-1',
		'1.5',
		'1e3',
		' 1',
		'1 ',
		'+1',
		'0x10',
		'',
		'2147483648',
		'999999999999999999999',
		'NaN',
		'Infinity',
		null,
		undefined,
		1e21,
		2 ** 31,
		1.5
	])('refuses %j', (value) => {
		expect(parseId(value)).toBeNull();
	});

	it('accepts exactly the decimal strings of 1..MAX_ID (property)', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.bigInt({ min: -10n, max: 10n ** 22n }),
					fc.integer({ min: -5, max: MAX_ID + 5 }).map(BigInt)
				),
				(n) => {
					const expected = n >= 1n && n <= BigInt(MAX_ID) ? Number(n) : null;
					expect(parseId(n.toString())).toBe(expected);
				}
			)
		);
	});
});

describe('parseIdList', () => {
	it('returns distinct ids, or null for a bad one or too many', () => {
		expect(parseIdList(['3', '1', '3'])).toEqual([3, 1]);
		expect(parseIdList(['3', 'x'])).toBeNull();
		expect(parseIdList(['3', '2147483648'])).toBeNull();
		expect(parseIdList(Array.from({ length: 501 }, (_, i) => String(i + 1)))).toBeNull();
		expect(parseIdList(Array.from({ length: 500 }, (_, i) => String(i + 1)))).toHaveLength(500);
	});
});
