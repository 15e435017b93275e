import { describe, expect, it } from 'vitest';
import { isUniqueViolation, orOnDuplicate } from './errors';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('isUniqueViolation', () => {
	it('knows both dialects', () => {
		expect(isUniqueViolation(withCode('23505'))).toBe(true);
		expect(isUniqueViolation(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBe(true);
		expect(isUniqueViolation(withCode('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(true);
	});

	it('leaves every other error alone', () => {
		for (const e of [
			withCode('23503'),
			withCode('SQLITE_CONSTRAINT_FOREIGNKEY'),
			withCode('22P05'),
			new Error('23505'),
			null,
			'23505'
		]) {
			expect(isUniqueViolation(e)).toBe(false);
		}
	});

	it('turns only a duplicate into a value', async () => {
		await expect(orOnDuplicate(async () => 1, 'dup')).resolves.toBe(1);
		await expect(orOnDuplicate(() => Promise.reject(withCode('23505')), 'dup')).resolves.toBe(
			'dup'
		);
		await expect(orOnDuplicate(() => Promise.reject(withCode('23503')), 'dup')).rejects.toThrow(
			'x'
		);
	});
});
