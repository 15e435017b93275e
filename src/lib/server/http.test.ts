import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './http';

describe('safeRedirectPath', () => {
	it('keeps same-site paths with their query', () => {
		expect(safeRedirectPath('/cuenta?x=1')).toBe('/cuenta?x=1');
	});
	it.each(['//evil.example', 'https://evil.example', '/\\evil.example', 'cuenta', '', null, 42, '/a\r\nSet-Cookie: x'])(
		'refuses %j',
		(value) => {
			expect(safeRedirectPath(value, '/home')).toBe('/home');
		}
	);
});
