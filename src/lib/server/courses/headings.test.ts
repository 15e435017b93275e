import { describe, expect, it } from 'vitest';
import { headingId } from './headings';

describe('headingId', () => {
	it('drops accents and punctuation, keeps words joined by hyphens', () => {
		expect(headingId('La estructura: el Título I')).toBe('la-estructura-el-titulo-i');
		expect(headingId('¿Qué hace la Policía?')).toBe('que-hace-la-policia');
		expect(headingId('Art. 281 bis — trata')).toBe('art-281-bis-trata');
	});
});
