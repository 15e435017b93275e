/**
 * A module's Markdown to HTML at run time, without evaluating anything the trainer wrote:
 * mdsvex's compile() turns the (validated) Markdown into markup in which only our component tags
 * remain; those are replaced, innermost first, by the real components rendered with
 * svelte/server, their children passed as raw snippets. Nothing of the text is compiled as a
 * Svelte component or run: Svelte syntax cannot reach here (the validator refuses braces), and
 * the result is sanitized (sanitize.ts) anyway.
 */
import { compile } from 'mdsvex';
import { createRawSnippet, type Component } from 'svelte';
import { render } from 'svelte/server';
import Callout from '$lib/content/Callout.svelte';
import CaseStudy from '$lib/content/CaseStudy.svelte';
import Contacts from '$lib/content/Contacts.svelte';
import Source from '$lib/content/Source.svelte';
import Term from '$lib/content/Term.svelte';
import { decodeHtml } from './headings';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const COMPONENTS: Record<string, Component<any>> = { Callout, CaseStudy, Contacts, Source, Term };
const TAG = /<(\/?)(Callout|CaseStudy|Contacts|Source|Term)((?:\s+[A-Za-z][\w-]*="[^"]*")*)\s*(\/?)>/g;
const ATTR = /([A-Za-z][\w-]*)="([^"]*)"/g;

const escapeHtml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'));

/** Markdown body (no frontmatter) → HTML with our components rendered. */
export async function markdownToHtml(body: string): Promise<string> {
	const compiled = await compile(body, {
		extensions: ['.md'],
		// Code is shown as written; mdsvex's default highlighter would leave Svelte syntax.
		highlight: { highlighter: (code: string) => `<pre><code>${escapeHtml(code)}</code></pre>` }
	});
	if (!compiled) throw new Error('mdsvex gave no output');
	const markup = compiled.code.replace(/^\s*<script context="module">[\s\S]*?<\/script>/, '');
	return renderComponents(markup);
}

type Frame = { name: string; attrs: Record<string, string>; parts: string[] };

function renderComponents(markup: string): string {
	const root: Frame = { name: '', attrs: {}, parts: [] };
	const stack = [root];
	let last = 0;
	for (const m of markup.matchAll(TAG)) {
		const [whole, close, name, rawAttrs, self] = m;
		stack[stack.length - 1].parts.push(markup.slice(last, m.index));
		last = m.index + whole.length;
		if (close) {
			const frame = stack.pop();
			if (!frame || frame.name !== name || stack.length === 0)
				throw new Error(`Unbalanced </${name}> in course markup`);
			stack[stack.length - 1].parts.push(renderOne(frame));
			continue;
		}
		const attrs = Object.fromEntries([...rawAttrs.matchAll(ATTR)].map((a) => [a[1], decodeHtml(a[2])]));
		const frame = { name, attrs, parts: [] };
		if (self) stack[stack.length - 1].parts.push(renderOne(frame));
		else stack.push(frame);
	}
	if (stack.length !== 1) throw new Error(`Unclosed <${stack[stack.length - 1].name}> in course markup`);
	root.parts.push(markup.slice(last));
	return root.parts.join('');
}

function renderOne({ name, attrs, parts }: Frame): string {
	const html = parts.join('');
	const children = createRawSnippet(() => ({ render: () => html }));
	return render(COMPONENTS[name], { props: { ...attrs, children } }).body;
}
