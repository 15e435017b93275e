/**
 * Course Markdown rendered to HTML on the server, at run time from the text of the version being
 * served (markup.ts), then cached per version and locale. Modules need no JavaScript in the
 * browser, so only the HTML is sent: lighter pages on slow connections, and nothing of the course
 * ships twice.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { sourceText } from './catalog';
import { splitFrontmatter } from './frontmatter';
import { addHeadingIds, decodeHtml as decode } from './headings';
import { IssueList } from './issues';
import { markdownToHtml } from './markup';
import { sanitizeHtml } from './sanitize';
import { isPublicCourse, type Course, type TranslationLanguage } from './types';

const cache = new Map<string, Promise<RenderedMarkdown>>();
/** Versions stay cached while served; an old version's pages go once this many are cached. */
const MAX_CACHED = 2000;

/** Shared by every request for the same text: read it, never change it. */
export type RenderedMarkdown = {
	readonly html: string;
	readonly glossary: readonly { readonly term: string; readonly definition: string }[];
};

/**
 * The HTML of a course's `course.md` or one of its modules (`moduleSlug`), or of a module's
 * translation file (`language`, e.g. `01-senales.qu.md`; the caller checks it is reviewed).
 */
export async function renderCourseMarkdown(
	course: Course,
	moduleSlug?: string,
	language?: TranslationLanguage
): Promise<RenderedMarkdown> {
	const name = `${moduleSlug ?? 'course'}${language ? `.${language}` : ''}.md`;
	const key = `${course.slug}@${course.version}:${name}:${getLocale()}`;
	let rendered = cache.get(key);
	if (rendered === undefined) {
		const text = sourceText(course, name);
		if (text === undefined) throw new Error(`No text for ${course.slug}/${name}`);
		const base = isPublicCourse(course) ? '/abierto' : '/cursos';
		rendered = renderText(text, `${base}/${course.slug}`).then((html) => ({
			html,
			glossary: glossaryOf(html)
		}));
		if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
		cache.set(key, rendered);
		// A failure is not cached: the next request tries again.
		rendered.catch(() => cache.delete(key));
	}
	return rendered;
}

/**
 * A course or module file's text (frontmatter and Markdown) → the HTML learners read.
 * `markup`: already rendered HTML to post-process instead (the tests' build-time reference).
 */
export async function renderText(
	text: string,
	coursePath: string,
	markup?: string
): Promise<string> {
	const body = splitFrontmatter('', text, new IssueList())?.body ?? '';
	const html = markup ?? (await markdownToHtml(body));
	return sanitizeHtml(scrollableTables(addHeadingIds(linkModules(html, coursePath))));
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
