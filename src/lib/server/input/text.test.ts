import { describe, expect, it } from 'vitest';
import { hasControlChars, isPersonName, isSingleLineText, stripControlChars } from './text';

describe('control characters', () => {
	it('finds NUL and friends but lets tab and line breaks be', () => {
		expect(hasControlChars('a\u0000b')).toBe(true);
		expect(hasControlChars('a\u001bb')).toBe(true);
		expect(hasControlChars('a\u0085b')).toBe(true);
		expect(hasControlChars('línea 1\r\nlínea 2\tfin')).toBe(false);
	});

	it('strips them from file text', () => {
		expect(stripControlChars('Ana\u0000 Pérez\u0007\n')).toBe('Ana Pérez\n');
	});

	it('keeps one-line fields on one visible line', () => {
		expect(isSingleLineText('Unidad de Frontera — Desaguadero')).toBe(true);
		expect(isSingleLineText('a\nb')).toBe(false);
		expect(isSingleLineText('abc\u202edcba')).toBe(false);
		expect(isSingleLineText('a\u0000b')).toBe(false);
	});
});

describe('isPersonName', () => {
	it.each([
		'Ana Pérez',
		"María-José O'Neil",
		'Ñusta Quispe Mamani',
		'J. R. R. Tolkien',
		'Müller, Jürgen',
		'Zoë Łukasz',
		'山田 太郎'
	])('accepts %j', (name) => {
		expect(isPersonName(name)).toBe(true);
	});

	it.each([
		'Aviso: su cuenta será bloqueada. Ingrese a http://evil.example/aula',
		'Ana <b>',
		'Agente 007',
		'a\u0000b',
		'-Ana',
		' Ana',
		'Ana  Pérez',
		'Ana\nPérez'
	])('refuses %j', (name) => {
		expect(isPersonName(name)).toBe(false);
	});
});
