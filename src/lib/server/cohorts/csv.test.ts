import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv, toCsv } from './csv';

describe('parseCsv', () => {
	it('reads comma and semicolon files, with or without a BOM and CRLF', () => {
		expect(parseCsv('nombre,correo,unidad\r\nAna,ana@x.bo,Consulado\r\n')).toEqual([
			['nombre', 'correo', 'unidad'],
			['Ana', 'ana@x.bo', 'Consulado']
		]);
		expect(parseCsv('\uFEFFnombre;correo;unidad\nAna;ana@x.bo;\n')).toEqual([
			['nombre', 'correo', 'unidad'],
			['Ana', 'ana@x.bo', '']
		]);
	});

	it('keeps separators, quotes and newlines inside quoted fields', () => {
		expect(parseCsv('"Pérez, Ana","dice ""hola""","línea 1\nlínea 2"\nb,c,d')).toEqual([
			['Pérez, Ana', 'dice "hola"', 'línea 1\nlínea 2'],
			['b', 'c', 'd']
		]);
		expect(parseCsv('"a;b";c\n', ';')).toEqual([['a;b', 'c']]);
	});

	it('skips blank lines and reads a last line without a newline', () => {
		expect(parseCsv('a,b\n\n\nc,d')).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
		expect(parseCsv('')).toEqual([]);
	});

	it('detects the separator from the first line only, ignoring quoted ones', () => {
		expect(detectSeparator('"a,b,c";d;e\nx,y,z,w,v')).toBe(';');
		expect(detectSeparator('a,b\n;;;;')).toBe(',');
	});

	it('reads back what toCsv writes, whatever the text', () => {
		const text = fc.string({ unit: fc.constantFrom('a', 'ñ', ',', ';', '"', '\n', ' ', 'x') });
		fc.assert(
			fc.property(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 5 }), (rows) => {
				const nonBlank = rows.filter((r) => r.some((f) => f !== ''));
				const safe = nonBlank.map((r) => r.map((f) => (/^[=+\-@]/.test(f) ? `'${f}` : f)));
				expect(parseCsv(toCsv(nonBlank), ',')).toEqual(safe);
			})
		);
	});
});

describe('toCsv', () => {
	it('starts with a BOM, quotes where needed and defuses formulas', () => {
		expect(toCsv([['a', 'b,c', '=SUM(A1)', null, 3]])).toBe('\uFEFFa,"b,c",\'=SUM(A1),,3\r\n');
	});
});
