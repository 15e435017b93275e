import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './dates';

describe('isCalendarDate', () => {
	it.each(['2026-01-01', '2026-12-31', '2028-02-29', '2000-01-01', '2100-12-31'])(
		'accepts %s',
		(d) => {
			expect(isCalendarDate(d)).toBe(true);
		}
	);

	it.each([
		'2026-13-01',
		'0000-00-00',
		'2026-00-10',
		'2026-02-29',
		'2100-02-29',
		'2026-04-31',
		'9999-99-99',
		'1999-12-31',
		'2101-01-01',
		'2026-1-01',
		'2026-01-01T00:00',
		' 2026-01-01',
		''
	])('refuses %j', (d) => {
		expect(isCalendarDate(d)).toBe(false);
	});

	it('agrees with the calendar for every day in range (property)', () => {
		fc.assert(
			fc.property(
				fc.date({
					min: new Date('2000-01-01T00:00:00Z'),
					max: new Date('2100-12-31T23:59:59Z'),
					noInvalidDate: true
				}),
				(d) => {
					expect(isCalendarDate(d.toISOString().slice(0, 10))).toBe(true);
				}
			)
		);
	});
});
