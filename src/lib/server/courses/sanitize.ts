/**
 * Defence in depth for module HTML rendered from a trainer's Markdown: the validator already
 * refuses anything but Markdown and our components, and this keeps only the elements and
 * attributes that Markdown and those components produce. Everything else is dropped — an unknown
 * element's tags (its text stays, escaped as it was), and script, style, iframe, object, embed,
 * template and textarea with their content; comments; attributes not listed for the element;
 * links to anything but the web, mail, phone or a page of this site; images but those uploaded
 * in the editor, with a description.
 */
import { IMAGE_PATH } from './image-format';

const ELEMENTS = new Set([
	'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'table',
	'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'code', 'pre', 'hr', 'br', 'div', 'span',
	'section', 'cite', 'dfn', 'del', 'sup', 'sub'
]);
/** Attributes any kept element may carry, and those of one element only. */
const COMMON = new Set(['class', 'id', 'title', 'role', 'aria-label', 'tabindex']);
const OWN: Record<string, Set<string>> = {
	a: new Set(['href']),
	ol: new Set(['start']),
	div: new Set(['data-aula-contacts']),
	th: new Set(['align']),
	td: new Set(['align'])
};
const DROP_WITH_CONTENT = /<(script|style|iframe|object|embed|template|textarea|noscript|svg|math)\b[\s\S]*?<\/\1\s*>/gi;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const SAFE_HREF = /^(https?:\/\/|mailto:|tel:|#|\/(?!\/))/i;

export function sanitizeHtml(html: string): string {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(DROP_WITH_CONTENT, '')
		.replace(TAG, (_, close: string, rawName: string, rawAttrs: string, self: string) => {
			const name = rawName.toLowerCase();
			if (name === 'img') return close ? '' : image(rawAttrs);
			if (!ELEMENTS.has(name)) return '';
			if (close) return `</${name}>`;
			const kept: string[] = [];
			for (const a of rawAttrs.matchAll(ATTR)) {
				const attr = a[1].toLowerCase();
				const value = a[2] ?? a[3] ?? a[4] ?? '';
				if (!COMMON.has(attr) && !OWN[name]?.has(attr)) continue;
				if (attr === 'href' && !SAFE_HREF.test(decodeEntities(value).trim())) continue;
				kept.push(`${attr}="${value.replace(/"/g, '&quot;')}"`);
			}
			return `<${name}${kept.map((k) => ` ${k}`).join('')}${self ? ' /' : ''}>`;
		})
		// A `<` left that opens no kept tag (a broken or unknown one) is shown as text.
		.replace(/<(?!\/?(?:[a-z][a-z0-9]*)[\s/>])/g, '&lt;');
}

/** An image uploaded in the editor (`/imagenes/<hash>.<ext>`) with a description, or nothing. */
function image(rawAttrs: string): string {
	const attrs = new Map([...rawAttrs.matchAll(ATTR)].map((a) => [a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? ''] as const));
	const src = attrs.get('src') ?? '';
	const alt = attrs.get('alt') ?? '';
	if (!IMAGE_PATH.test(src) || decodeEntities(alt) === '') return '';
	return `<img src="${src}" alt="${alt.replace(/"/g, '&quot;')}" loading="lazy">`;
}

/** Enough decoding to see a scheme hidden behind entities (`jav&#x61;script:`). */
function decodeEntities(s: string): string {
	return s
		.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&colon;/gi, ':')
		.replace(/[\u0000-\u0020]/g, '');
}
