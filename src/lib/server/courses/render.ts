/**
 * Course Markdown (compiled by mdsvex at build time) rendered to HTML on the server.
 * Modules need no JavaScript in the browser, so only the HTML is sent: lighter pages on slow
 * connections, and nothing of the course ships twice.
 */
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { addHeadingIds, decodeHtml as decode } from './headings';
import { isPublicCourse, type Course, type TranslationLanguage } from './types';

const compiled = import.meta.glob<{ default: Component }>([
	'/content/courses/*/*.md',
	// The fixture courses of the end-to-end tests (served only with AULA_TEST_COURSES=1).
	'/tests/fixtures/content/open-course/*/*.md',
	'/tests/fixtures/content/timed-course/*/*.md'
]);
const cache = new Map<string, string>();

export type RenderedMarkdown = { html: string; glossary: { term: string; definition: string }[] };

/**
 * The HTML of a course's `course.md` or one of its modules (`moduleSlug`), or of a module's
 * translation file (`language`, e.g. `01-senales.qu.md`; the caller checks it is reviewed).
 */
export async function renderCourseMarkdown(
	course: Course,
	moduleSlug?: string,
	language?: TranslationLanguage
): Promise<RenderedMarkdown> {
	const dir = course.file.slice(0, course.file.lastIndexOf('/'));
	const name = `${moduleSlug ?? 'course'}${language ? `.${language}` : ''}`;
	const path = `/${dir}/${name}.md`;
	const key = `${course.version}:${path}:${getLocale()}`;
	let html = cache.get(key);
	if (html === undefined) {
		const load = compiled[path];
		if (!load) throw new Error(`No compiled Markdown for ${path}`);
		const { default: Content } = await load();
		const base = isPublicCourse(course) ? '/abierto' : '/cursos';
		html = scrollableTables(
			addHeadingIds(linkModules(render(Content).body, `${base}/${course.slug}`))
		);
		cache.set(key, html);
	}
	return { html, glossary: glossaryOf(html) };
}

/** `./02-indicadores.md` in a module becomes the module's page. */
function linkModules(html: string, coursePath: string): string {
	return html.replace(
		/href="\.\/(\d{2}-[a-z0-9-]+)\.md(#[^"]*)?"/g,
		(_, slug, hash) => `href="${coursePath}/${slug}${hash ?? ''}"`
	);
}

/**
 * Tables scroll sideways inside their own box on a phone instead of widening the page; the box
 * takes keyboard focus so that it can be scrolled without a pointer.
 */
function scrollableTables(html: string): string {
	// Each box is a named region, and two regions may not share a name: number them.
	let n = 0;
	return html
		.replace(
			/<table>/g,
			() =>
				`<div class="table-scroll" tabindex="0" role="region" aria-label="${m.content_table_region({ n: ++n })}"><table>`
		)
		.replace(/<\/table>/g, '</table></div>');
}

/** Every <Term> of the page, once, in order of appearance. */
function glossaryOf(html: string) {
	const seen = new Map<string, string>();
	for (const match of html.matchAll(/<dfn class="term" title="([^"]*)">([\s\S]*?)<\/dfn>/g)) {
		const term = decode(match[2].replace(/<[^>]+>/g, '')).trim();
		if (term && !seen.has(term.toLowerCase()))
			seen.set(term.toLowerCase(), `${term}\u0000${decode(match[1])}`);
	}
	return [...seen.values()].map((v) => {
		const [term, definition] = v.split('\u0000');
		return { term, definition };
	});
}
