/**
 * Ids of module headings, so a quiz can link a missed objective to the section that teaches it.
 * @example headingId('La estructura: el Título I') // 'la-estructura-el-titulo-i'
 */
export function headingId(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Mn}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** The `##` and `###` headings of a Markdown body, as plain text, with their line in the file. */
export function markdownHeadings(body: string, bodyLine: number): { text: string; line: number }[] {
	const headings: { text: string; line: number }[] = [];
	let fenced = false;
	body.split(/\r?\n/).forEach((line, i) => {
		if (/^\s*```/.test(line)) fenced = !fenced;
		const m = fenced ? null : /^#{2,3}\s+(.*?)\s*#*\s*$/.exec(line);
		if (m) headings.push({ text: plainHeading(m[1]), line: bodyLine + i });
	});
	return headings;
}

/** `La **Ley** <Term def="…">263</Term>` → `La Ley 263`: what the reader sees of a heading. */
function plainHeading(markdown: string): string {
	return markdown
		.replace(/<[^>]*>/g, '')
		.replace(/[*_`]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Gives every `<h2>` and `<h3>` of rendered module HTML the id `headingId(its text)`, the anchor
 * objective links point at; a repeated heading text gets `-2`, `-3`…
 * @example addHeadingIds('<h2>Resumen</h2>') // '<h2 id="resumen">Resumen</h2>'
 */
export function addHeadingIds(html: string): string {
	const used = new Map<string, number>();
	return html.replace(
		/<h([23])((?:\s[^>]*)?)>([\s\S]*?)<\/h\1>/g,
		(whole, level: string, attrs: string, inner: string) => {
			if (/\sid=/.test(attrs)) return whole;
			const base = headingId(decodeHtml(inner.replace(/<[^>]*>/g, ''))) || 'apartado';
			const n = (used.get(base) ?? 0) + 1;
			used.set(base, n);
			const id = n === 1 ? base : `${base}-${n}`;
			return `<h${level} id="${id}"${attrs}>${inner}</h${level}>`;
		}
	);
}

/** The text of HTML that Svelte's renderer escaped. */
export function decodeHtml(s: string): string {
	return s
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}
