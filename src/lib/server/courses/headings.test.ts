import { describe, expect, it } from 'vitest';
import { addHeadingIds, headingId, markdownHeadings } from './headings';

describe('headingId', () => {
	it('drops accents and punctuation, keeps words joined by hyphens', () => {
		expect(headingId('La estructura: el Título I')).toBe('la-estructura-el-titulo-i');
		expect(headingId('¿Qué hace la Policía?')).toBe('que-hace-la-policia');
		expect(headingId('Art. 281 bis — trata')).toBe('art-281-bis-trata');
	});
});

describe('markdownHeadings', () => {
	it('lists ## and ### headings as the reader sees them, with their file line, outside code', () => {
		const body = [
			'',
			'# Not a section',
			'## Una ley **integral**',
			'Texto.',
			'```',
			'## código',
			'```',
			'### La <Term def="x">trata</Term> ##',
			'#### Too deep'
		].join('\n');
		expect(markdownHeadings(body, 12)).toEqual([
			{ text: 'Una ley integral', line: 14 },
			{ text: 'La trata', line: 19 }
		]);
	});
});

describe('addHeadingIds', () => {
	it('gives h2 and h3 the headingId of their text, numbering repeated texts', () => {
		const html =
			'<h1>Título</h1><h2>Una ley <strong>integral</strong></h2><p>x</p>' +
			'<h3 class="a">Niñas &amp; niños</h3><h2>Resumen</h2><h3>Resumen</h3><h2 id="keep">Otro</h2>';
		expect(addHeadingIds(html)).toBe(
			'<h1>Título</h1><h2 id="una-ley-integral">Una ley <strong>integral</strong></h2><p>x</p>' +
				'<h3 id="ninas-ninos" class="a">Niñas &amp; niños</h3><h2 id="resumen">Resumen</h2>' +
				'<h3 id="resumen-2">Resumen</h3><h2 id="keep">Otro</h2>'
		);
	});

	it('matches the anchor an objective section links to', () => {
		const section = 'La estructura: el Título I';
		expect(addHeadingIds(`<h2>${section}</h2>`)).toContain(`id="${headingId(section)}"`);
	});
});
