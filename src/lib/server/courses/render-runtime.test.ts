import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { setLocale } from '$lib/paraglide/runtime';
import { contentFiles } from './catalog';
import { renderText } from './render';
import { splitByCourse } from './revisions';

// The same files compiled by mdsvex at build time (svelte.config.js), as the app served them
// before run-time rendering: the reference the run-time renderer must match.
const compiled = import.meta.glob<{ default: Component }>('/content/courses/*/*.md');

/** HTML compared as a browser reads it: no comments, entities decoded, whitespace collapsed. */
function normal(html: string) {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.replace(/> </g, '><')
		.trim();
}

describe('run-time rendering of course Markdown', () => {
	const files = Object.entries(contentFiles()).filter(([p]) => p.startsWith('content/') && p.endsWith('.md'));

	it.each(['es', 'en'] as const)('gives the HTML the build-time compile gave, for every file (%s)', async (locale) => {
		setLocale(locale, { reload: false });
		expect(files.length).toBeGreaterThan(20);
		for (const [path, text] of files) {
			const slug = path.split('/')[2];
			const { default: Content } = await compiled[`/${path}`]();
			// The old pipeline: render the compiled component, then the same post-processing.
			const before = await renderText(text, `/x/${slug}`, render(Content).body);
			const after = await renderText(text, `/x/${slug}`);
			expect(normal(after), path).toBe(normal(before));
		}
		// Every file compiled by Vite first: slow on a loaded machine.
	}, 120_000);

	it('keeps its component output: callouts, terms, sources and the contacts placeholder', async () => {
		const html = await renderText(
			'---\n---\nTexto <Term def="Definición «x»">término</Term> <Source>Ley N° 263</Source>.\n\n<Callout type="key">\n\n**Clave** dentro.\n\n</Callout>\n\n<Contacts />\n',
			'/cursos/c'
		);
		expect(html).toContain('<dfn class="term" title="Definición «x»">término</dfn>');
		expect(html).toMatch(/<span class="source">.*<cite>Ley N° 263<\/cite>/);
		expect(html).toMatch(/<div class="callout callout-key" role="note">.*<strong>Clave<\/strong>/s);
		expect(html).toContain('<div class="contacts" data-aula-contacts=""></div>');
	});
});

it('splitByCourse files every course under content/courses/<slug>/', () => {
	const grouped = splitByCourse({ 'tests/fixtures/content/open-course/abierto/course.md': 'x', 'content/courses/a/01-b.md': 'y' });
	expect([...grouped.keys()]).toEqual(['abierto', 'a']);
	expect(grouped.get('abierto')).toEqual({ 'content/courses/abierto/course.md': 'x' });
});
