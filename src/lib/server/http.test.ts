import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition, safeRedirectPath } from './http';

const ORIGIN = 'https://aula.example.gob.bo';

describe('safeRedirectPath', () => {
	it('keeps same-site paths with their query and fragment', () => {
		expect(safeRedirectPath('/cuenta?x=1')).toBe('/cuenta?x=1');
		expect(safeRedirectPath('/cursos/a#m2')).toBe('/cursos/a#m2');
		expect(safeRedirectPath('/cursos?q=a b')).toBe('/cursos?q=a%20b');
	});

	it.each([
		'//evil.example',
		'https://evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r/evil.example',
		'\t//evil.example',
		'/.//evil.example',
		'/%2e//evil.example',
		'/\\/evil.example',
		'cuenta',
		'',
		null,
		42
	])('refuses %j', (value) => {
		expect(safeRedirectPath(value, '/home')).toBe('/home');
	});

	it('turns control characters into harmless escapes or refuses them (no header injection)', () => {
		expect(safeRedirectPath('/a\r\nSet-Cookie: x')).toBe('/aSet-Cookie:%20x');
	});

	// Whatever the input, the answer is a path that a browser resolves to this origin.
	it('never yields a path that leaves the site (property)', () => {
		const piece = fc.constantFrom(
			'/',
			'\\',
			'\t',
			'\n',
			'\r',
			' ',
			'\u0000',
			'\u000b',
			'\u000c',
			'.',
			'%2f',
			'%5c',
			'%09',
			'evil.example',
			':',
			'@',
			'?',
			'#',
			'https:',
			'\u3000',
			'\u00a0',
			'\ufeff'
		);
		const input = fc.oneof(
			fc.string({ unit: 'grapheme' }),
			fc.string(),
			fc
				.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { maxLength: 8 })
				.map((p) => p.join(''))
		);
		fc.assert(
			fc.property(input, (value) => {
				const path = safeRedirectPath(value, '/fallback');
				expect(path.startsWith('/')).toBe(true);
				expect(path.startsWith('//')).toBe(false);
				expect(path).not.toMatch(/[\u0000-\u0020\u007f\\]/);
				expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
				expect(safeRedirectPath(path, '/fallback')).toBe(path);
			}),
			{ numRuns: 5000 }
		);
	});
});

describe('contentDisposition', () => {
	it('names the file in ASCII and, exactly, in UTF-8', () => {
		expect(contentDisposition('certificados-İstanbul año.zip')).toBe(
			`attachment; filename="certificados-Istanbul ano.zip"; filename*=UTF-8''certificados-%C4%B0stanbul%20a%C3%B1o.zip`
		);
	});

	it('drops quotes, separators and control characters that could break the header', () => {
		const value = contentDisposition('a"b;c\r\nSet-Cookie: x/../y\u0000.csv');
		expect(value).not.toMatch(/[\r\n\u0000]/);
		expect(value).toMatch(
			/^attachment; filename="a_b_cSet-Cookie: x..y.csv"; filename\*=UTF-8''a%22b%3BcSet-Cookie%3A%20x..y.csv$/
		);
	});

	it('always yields a valid header value (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (name) => {
				const value = contentDisposition(name);
				expect(() => new Headers({ 'content-disposition': value })).not.toThrow();
				expect(value).toMatch(
					/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/
				);
				expect(value.slice(value.indexOf('filename="') + 10, value.lastIndexOf('"'))).not.toContain(
					'"'
				);
			})
		);
	});
});
