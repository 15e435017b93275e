import { describe, expect, it } from 'vitest';
import { IssueList } from './issues';
import { checkMarkdown } from './markdown';
import { sanitizeHtml } from './sanitize';

const HASH = 'ab'.repeat(32);

/** The errors for a module body starting at line 10 of `m.md`, as "line: message". */
function errors(body: string) {
	const issues = new IssueList();
	checkMarkdown('m.md', body, 10, new Set(['01-a.md', '02-b.md']), issues);
	return issues.items.filter((i) => i.severity === 'error').map((i) => `${i.line}: ${i.message}`);
}

describe('checkMarkdown refuses code in content, with its line', () => {
	it.each([
		['a <script> element', 'Texto.\n\n<script>alert(1)</script>\n', 12, /<script> no está permitida/],
		['a Svelte expression', 'Hola {user.name}.\n', 10, /llaves/],
		['a Svelte block', 'Uno\n{#if x}dos{/if}\n', 11, /llaves/],
		['an event attribute on our component', '<Term def="x" onclick="alert(1)">t</Term>\n', 10, /no admite el atributo onclick/],
		['an unquoted event attribute', '<Callout type="info" onmouseover=alert(1)>\n\nx\n\n</Callout>\n', 10, /mal escritos/],
		['a javascript: link', 'Vea [esto](javascript:alert(1)).\n', 10, /no está permitido/],
		['a javascript: link hidden by entities', 'Vea [esto](jav&#x61;script:alert(1)).\n', 10, /no está permitido/],
		['a data: link', '\n[x](data:text/html;base64,PHNjcmlwdD4=)\n', 11, /no está permitido/],
		['a javascript: reference definition', 'Vea [esto][r].\n\n[r]: javascript:alert(1)\n', 12, /no está permitido/],
		['a javascript: autolink', 'Vea <javascript:alert(1)>.\n', 10, /No se puede escribir HTML/],
		['a raw <iframe>', '<iframe src="https://example.org"></iframe>\n', 10, /<iframe> no está permitida/],
		['a raw <style>', 'x\n<style>body{display:none}</style>\n', 11, /<style> no está permitida/],
		['a raw <div> with an event attribute', '<div onclick="x">hola</div>\n', 10, /<div> no está permitida/],
		['an unclosed tag', 'Texto <img src=x onerror=alert(1)//\nmás\n', 10, /No se puede escribir HTML/],
		['an HTML comment', 'a\n<!-- <script>x</script> -->\n', 11, /No se puede escribir HTML/],
		['a stray closing tag', 'texto</div>\n', 10, /<\/div> no está permitida/],
		['an image from another site', 'x\n\n![Mapa](https://e.org/mapa.png)\n', 12, /imagen no está permitida/],
		['an image as a data: URL', '![Mapa](data:image/png;base64,iVBORw0KGgo=)\n', 10, /imagen no está permitida/],
		['an uploaded image without a description', `![ ](/imagenes/${HASH}.png)\n`, 10, /no tiene descripción/],
		['an uploaded image with a title', `![Mapa](/imagenes/${HASH}.png "t")\n`, 10, /imagen no está permitida/],
		['an image of another extension', `![Mapa](/imagenes/${HASH}.svg)\n`, 10, /imagen no está permitida/],
		['an image description with double quotes', `![El "paso"](/imagenes/${HASH}.png)\n`, 10, /comillas dobles/],
		['an image by reference', `a\n![Mapa][m]\n\n[m]: /imagenes/${HASH}.png\n`, 11, /imagen no está permitida/]
	])('%s', (_, body, line, message) => {
		const found = errors(body);
		expect(found.some((e) => e.startsWith(`${line}: `) && message.test(e)), found.join('\n')).toBe(true);
	});

	it('accepts an uploaded image with its description', () => {
		expect(errors(`## A\n\n![Mapa del paso fronterizo](/imagenes/${HASH}.webp)\n`)).toEqual([]);
	});

	it('accepts Markdown, our components, web, mail and module links, and code shown as written', () => {
		expect(
			errors(
				'## Título\n\nTexto **fuerte** con [web](https://example.org), [correo](mailto:a@b.org), [módulo](./02-b.md#x) y [aquí](#arriba).\n\n<Callout type="info">\n\nNota <Term def="d">t</Term> <Source>Ley</Source>.\n\n</Callout>\n\nEl código `<script>` se muestra tal cual.\n\n<Contacts />\n'
			)
		).toEqual([]);
	});
});

describe('sanitizeHtml keeps what Markdown and our components make, nothing else', () => {
	it('drops scripts, styles, frames, event attributes, unsafe links and unknown elements', () => {
		const out = sanitizeHtml(
			'<p onclick="x">a<script>alert(1)</script><style>p{}</style><iframe src="//e"></iframe></p>' +
				'<a href="javascript:alert(1)">j</a><a href="jav&#x61;script:x">k</a><a href="https://e.org" target="_blank">w</a>' +
				'<img src=x onerror=alert(1)><svg><script>x</script></svg><!-- c --><custom-el>t</custom-el>'
		);
		expect(out).toBe('<p>a</p><a>j</a><a>k</a><a href="https://e.org">w</a>t');
	});

	it('keeps only uploaded images with a description', () => {
		const ok = `<img src="/imagenes/${HASH}.png" alt="Mapa &quot;A&quot;">`;
		expect(sanitizeHtml(`<p>${ok}</p>`)).toBe(`<p><img src="/imagenes/${HASH}.png" alt="Mapa &quot;A&quot;" loading="lazy"></p>`);
		for (const bad of [
			`<img src="/imagenes/${HASH}.png" alt="">`,
			`<img src="/imagenes/${HASH}.png">`,
			'<img src="https://e.org/x.png" alt="x">',
			'<img src="data:image/png;base64,AAAA" alt="x">',
			`<img src="/imagenes/${HASH}.png?x" alt="x">`,
			`<img src="/imagenes/${HASH}.png" alt="x" onerror="alert(1)">`
		])
			expect(sanitizeHtml(`<p>${bad}</p>`), bad).toBe(bad.includes('onerror') ? `<p><img src="/imagenes/${HASH}.png" alt="x" loading="lazy"></p>` : '<p></p>');
	});

	it('keeps the markup of a module page as it is', () => {
		const html =
			'<h2 id="a">A</h2><div class="table-scroll" tabindex="0" role="region" aria-label="Tabla 1"><table><thead><tr><th>x</th></tr></thead></table></div>' +
			'<div class="callout callout-key" role="note"><p class="callout-label">Idea</p></div><dfn class="term" title="d &quot;x&quot;">t</dfn>' +
			'<section class="case-study" aria-label="Caso"><h3>Caso</h3></section><a href="/cursos/c/02-b#x">m</a><div class="contacts" data-aula-contacts=""></div>';
		expect(sanitizeHtml(html)).toBe(html);
	});
});
