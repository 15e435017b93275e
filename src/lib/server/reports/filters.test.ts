import { describe, expect, it } from 'vitest';
import { filterQuery, monthsOf, parseReportFilter, periodBounds, splitPeriod } from './filters';

const today = new Date('2026-11-23T15:00:00Z');
const parse = (q: string) => parseReportFilter(new URLSearchParams(q), today);

describe('report filters', () => {
	it('defaults to this year so far, both countries, every course and department', () => {
		expect(parse('')).toEqual({
			from: '2026-01-01',
			to: '2026-11-23',
			country: 'all',
			course: null,
			department: null
		});
	});

	it('reads the query string, swapping a period typed backwards', () => {
		expect(
			parse('desde=2025-12-31&hasta=2025-01-01&pais=PE&curso=frontera&departamento=La+Paz')
		).toEqual({
			from: '2025-01-01',
			to: '2025-12-31',
			country: 'PE',
			course: 'frontera',
			department: 'La Paz'
		});
	});

	it('drops malformed values instead of failing', () => {
		expect(parse('desde=2025-02-30&hasta=ayer&pais=CL&curso=../../etc&departamento=')).toEqual(
			parse('')
		);
	});

	it('turns the inclusive period into half-open UTC bounds', () => {
		expect(periodBounds({ from: '2025-03-01', to: '2025-05-31' })).toEqual({
			from: '2025-03-01T00:00:00.000Z',
			toExclusive: '2025-06-01T00:00:00.000Z'
		});
		expect(periodBounds({ from: '2024-12-31', to: '2024-12-31' }).toExclusive).toBe(
			'2025-01-01T00:00:00.000Z'
		);
	});

	it('lists every month the period touches', () => {
		expect(monthsOf({ from: '2024-11-15', to: '2025-02-01' })).toEqual([
			'2024-11',
			'2024-12',
			'2025-01',
			'2025-02'
		]);
		expect(monthsOf({ from: '2025-03-01', to: '2025-03-31' })).toEqual(['2025-03']);
	});

	it('writes the filter back as a query string', () => {
		const f = parse('desde=2025-01-01&hasta=2025-12-31&curso=frontera');
		expect(filterQuery(f, { institucion: 4 })).toBe(
			'desde=2025-01-01&hasta=2025-12-31&pais=all&curso=frontera&institucion=4'
		);
		expect(parse(filterQuery(f))).toEqual(f);
	});

	describe('splitPeriod', () => {
		const at = (day: string) => `${day}T00:00:00.000Z`;
		it('reads a whole year from the roll-up alone', () => {
			expect(splitPeriod({ from: '2025-01-01', to: '2025-12-31' })).toEqual({
				months: { first: '2025-01', last: '2025-12' },
				windows: []
			});
		});
		it('reads the days of a month begun or unfinished from the enrolments', () => {
			expect(splitPeriod({ from: '2026-01-01', to: '2026-11-23' })).toEqual({
				months: { first: '2026-01', last: '2026-10' },
				windows: [{ from: at('2026-11-01'), toExclusive: at('2026-11-24') }]
			});
			expect(splitPeriod({ from: '2025-03-15', to: '2025-06-30' })).toEqual({
				months: { first: '2025-04', last: '2025-06' },
				windows: [{ from: at('2025-03-15'), toExclusive: at('2025-04-01') }]
			});
			expect(splitPeriod({ from: '2024-12-31', to: '2025-02-01' })).toEqual({
				months: { first: '2025-01', last: '2025-01' },
				windows: [
					{ from: at('2024-12-31'), toExclusive: at('2025-01-01') },
					{ from: at('2025-02-01'), toExclusive: at('2025-02-02') }
				]
			});
		});
		it('reads a period inside one month, or across two without a whole one, as one window', () => {
			expect(splitPeriod({ from: '2025-02-03', to: '2025-02-03' })).toEqual({
				months: null,
				windows: [{ from: at('2025-02-03'), toExclusive: at('2025-02-04') }]
			});
			expect(splitPeriod({ from: '2025-01-15', to: '2025-02-27' })).toEqual({
				months: null,
				windows: [{ from: at('2025-01-15'), toExclusive: at('2025-02-28') }]
			});
		});
		it('handles leap years and year ends', () => {
			expect(splitPeriod({ from: '2024-02-01', to: '2024-02-29' }).windows).toEqual([]);
			expect(splitPeriod({ from: '2024-02-01', to: '2024-02-28' }).months).toBeNull();
			expect(splitPeriod({ from: '2025-12-01', to: '2025-12-31' }).months).toEqual({
				first: '2025-12',
				last: '2025-12'
			});
		});
	});
});
