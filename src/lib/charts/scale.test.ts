import { describe, expect, it } from 'vitest';
import { barLayout, lineLayout, niceTicks, seriesMax } from './scale';

describe('chart scales', () => {
	it('takes the top of the scale from every series, and 0 from none', () => {
		expect(
			seriesMax([
				{ name: 'a', values: [3, 9] },
				{ name: 'b', values: [12, 0] }
			])
		).toBe(12);
		expect(seriesMax([])).toBe(0);
		expect(seriesMax([{ name: 'a', values: [] }])).toBe(0);
	});

	it('picks round ticks that reach the maximum', () => {
		expect(niceTicks(87)).toEqual([0, 20, 40, 60, 80, 100]);
		expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
		expect(niceTicks(148_660)).toEqual([0, 50_000, 100_000, 150_000]);
		expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
		expect(niceTicks(0)).toEqual([0, 1]);
		expect(niceTicks(2.4)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
	});

	it('lays bars out inside the chart and lines across it', () => {
		const bars = barLayout(4, 2, 87);
		expect(bars.x(100)).toBe(bars.plotWidth);
		expect(bars.height).toBe(bars.top + 4 * bars.rowHeight + 28);
		const lines = lineLayout(12, 87);
		expect(lines.x(0)).toBe(lines.left);
		expect(lines.x(11)).toBe(lines.left + lines.plotWidth);
		expect(lines.y(0)).toBe(lines.top + lines.plotHeight);
		expect(lines.y(100)).toBe(lines.top);
		expect(lineLayout(1, 5).x(0)).toBe(lines.left + lines.plotWidth / 2);
	});
});
