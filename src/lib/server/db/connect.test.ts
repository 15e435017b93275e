import { describe, expect, it } from 'vitest';
import { createDatabase, dialectOf, openConnections } from './connect';

describe('dialectOf', () => {
	it('picks the dialect from DATABASE_URL', () => {
		expect(dialectOf('file:data/aula.db')).toBe('sqlite');
		expect(dialectOf('postgres://127.0.0.1/aula')).toBe('postgres');
		expect(dialectOf('postgresql://u:p@h:5432/d')).toBe('postgres');
	});
	it('explains an unsupported URL', () => {
		expect(() => dialectOf('mysql://x')).toThrow(/must start with "file:"/);
	});
});

describe('openConnections', () => {
	it('has nothing to open on SQLite', async () => {
		const db = createDatabase(':memory:');
		try {
			expect(await openConnections(db)).toBe(0);
		} finally {
			await db.destroy();
		}
	});
});
