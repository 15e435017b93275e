/**
 * Course Markdown (compiled by mdsvex at build time) rendered to HTML on the server.
 * Modules need no JavaScript in the browser, so only the HTML is sent: lighter pages on slow
 * connections, and nothing of the course ships twice.
 */
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Course } from './types';

const compiled = import.meta.glob<{ default: Component }>('/content/courses/*/*.md');
const cache = new Map<string, string>();

export type RenderedMarkdown = { html: string; glossary: { term: string; definition: string }[] };

/** The HTML of a course's `course.md` or one of its modules (`moduleSlug`). */
export async function renderCourseMarkdown(
	course: Course,
	moduleSlug?: string
): Promise<RenderedMarkdown> {
	const path = `/content/courses/${course.slug}/${moduleSlug ?? 'course'}.md`;
	const key = `${course.version}:${path}:${getLocale()}`;
	let html = cache.get(key);
	if (html === undefined) {
		const load = compiled[path];
		if (!load) throw new Error(`No compiled Markdown for ${path}`);
		const { default: Content } = await load();
		html = scrollableTables(linkModules(render(Content).body, course.slug));
		cache.set(key, html);
	}
	return { html, glossary: glossaryOf(html) };
}

/** `./02-indicadores.md` in a module becomes the module's page. */
function linkModules(html: string, courseSlug: string): string {
	return html.replace(
		/href="\.\/(\d{2}-[a-z0-9-]+)\.md(#[^"]*)?"/g,
		(_, slug, hash) => `href="/cursos/${courseSlug}/${slug}${hash ?? ''}"`
	);
}

/**
 * Tables scroll sideways inside their own box on a phone instead of widening the page; the box
 * takes keyboard focus so that it can be scrolled without a pointer.
 */
function scrollableTables(html: string): string {
	const open = `<div class="table-scroll" tabindex="0" role="region" aria-label="${m.content_table_region()}">`;
	return html.replace(/<table>/g, `${open}<table>`).replace(/<\/table>/g, '</table></div>');
}

const decode = (s: string) =>
	s
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');

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
