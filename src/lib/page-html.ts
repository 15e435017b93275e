/**
 * Rendered course HTML that a page shows with `{@html}` (a module's text).
 *
 * On a page's first render that string would travel twice: in the markup, and again, escaped, in
 * the data the browser hydrates from. On the module page that second copy was a third of the
 * bytes and the largest share of the server's time (devalue escapes it character by character;
 * docs/performance.md). So the first render sends only the id of the element that shows the HTML,
 * and the browser reads the markup back from there (`transport` in src/hooks.ts). A data request
 * (client-side navigation, `invalidate`) has no markup to read from: it carries the HTML itself.
 */
export class PageHtml {
	/**
	 * @param html the rendered HTML
	 * @param shownIn the id of the element that shows it, when it is in the page being rendered
	 */
	constructor(
		readonly html: string,
		readonly shownIn: string | null = null
	) {}
}

/** The element of the module page that shows the module's text. */
export const MODULE_TEXT_ID = 'module-text';

export type EncodedPageHtml = [html: string] | [html: null, shownIn: string];

export function encodePageHtml(value: PageHtml): EncodedPageHtml {
	return value.shownIn ? [null, value.shownIn] : [value.html];
}

// Svelte's server output wraps `{@html}` in two comment anchors: `<!---->…<!---->`.
const ANCHORS = /^<!--[^]*?-->|<!---->$/g;

/** In the browser: the HTML itself, or what the element it names shows. */
export function decodePageHtml(
	[html, shownIn]: EncodedPageHtml,
	doc: Document = document
): PageHtml {
	if (html !== null) return new PageHtml(html);
	const shown = doc.getElementById(shownIn);
	return new PageHtml(shown ? shown.innerHTML.replace(ANCHORS, '') : '');
}
