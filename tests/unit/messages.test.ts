// Every message exists in both languages, is not empty, and every m.key() the code calls exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const load = (locale: string) => {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
	return messages as Record<string, string>;
};
const es = load('es');
const en = load('en');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (name === 'paraglide') return [];
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(svelte|ts)$/.test(name) ? [path] : [];
	});
}

describe('messages', () => {
	it('has the same keys in Spanish and English', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
	});

	it('has no empty message, and the same {placeholders} in both languages', () => {
		const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
		for (const key of Object.keys(es)) {
			expect(es[key].trim(), `es.${key}`).not.toBe('');
			expect(en[key].trim(), `en.${key}`).not.toBe('');
			expect(placeholders(en[key]), key).toEqual(placeholders(es[key]));
		}
	});

	it('defines every key the code uses', () => {
		const used = new Set<string>();
		for (const file of sourceFiles('src')) {
			const source = readFileSync(file, 'utf8');
			// Only files that use the messages as `m` (elsewhere `m` may name a module).
			if (!source.includes("import { m } from '$lib/paraglide/messages'")) continue;
			for (const match of source.matchAll(/\bm\.(\w+)\b/g)) used.add(match[1]);
		}
		const missing = [...used].filter((key) => !(key in es) || !(key in en));
		expect(used.size).toBeGreaterThan(50);
		expect(missing).toEqual([]);
	});
});
