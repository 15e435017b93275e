import { describe, expect, it } from 'vitest';
import { parsePlace } from './place';

describe('parsePlace', () => {
	it('accepts lower-case slugs up to 60 characters', () => {
		expect(parsePlace('cebaf-desaguadero')).toBe('cebaf-desaguadero');
		expect(parsePlace('terminal-2')).toBe('terminal-2');
		expect(parsePlace('a'.repeat(60))).toBe('a'.repeat(60));
	});

	it('refuses anything else rather than guessing', () => {
		for (const bad of [
			'',
			'Desaguadero',
			'cebaf desaguadero',
			'cebaf--x',
			'-x',
			'x-',
			'peñas',
			'a/b',
			'<b>',
			'a'.repeat(61),
			null,
			3
		])
			expect(parsePlace(bad), String(bad)).toBeNull();
	});
});
