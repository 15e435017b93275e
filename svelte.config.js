import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { mdsvex } from 'mdsvex';

// Course modules use our components (Callout, CaseStudy, Term, Source, Contacts) without importing
// them: this adds the imports after the frontmatter, before mdsvex compiles the Markdown.
const CONTENT_COMPONENTS = ['Callout', 'CaseStudy', 'Term', 'Source', 'Contacts'];
function courseComponents() {
	return {
		name: 'aula-course-components',
		markup({ content, filename }) {
			// tests/fixtures/content/{open,timed}-course: the fixture courses of the end-to-end tests.
			if (!/\/(content\/courses|tests\/fixtures\/content)\//.test(filename ?? '') || !filename.endsWith('.md')) return;
			const imports = CONTENT_COMPONENTS.map((c) => `import ${c} from '$lib/content/${c}.svelte';`).join(' ');
			const script = `<script>${imports}</script>\n`;
			const fm = content.match(/^---\r?\n[\s\S]*?\r?\n---\r?\n/);
			const code = fm ? fm[0] + script + content.slice(fm[0].length) : script + content;
			return { code };
		}
	};
}

// Our one inline script (src/app.html), allowed by its hash rather than a nonce: a nonce would
// make every open-course page's body differ, and those are cached by their ETag.
const inlineScript = /<script>([\s\S]*?)<\/script>/.exec(readFileSync('src/app.html', 'utf8'))?.[1];
if (!inlineScript) throw new Error('src/app.html: the inline script is missing');
const INLINE_SCRIPT_HASH = `sha256-${createHash('sha256').update(inlineScript).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.svx', '.md'],
	preprocess: [courseComponents(), mdsvex({ extensions: ['.svx', '.md'] })],
	compilerOptions: {
		// Runes everywhere in our code; libraries decide for themselves.
		// Markdown compiled by mdsvex is left to Svelte's own mode detection.
		runes: ({ filename }) =>
			filename.split(/[/\\]/).includes('node_modules') || filename.endsWith('.md') ? undefined : true
	},
	kit: {
		adapter: adapter(),
		// The browser asks the server which route a link leads to instead of downloading every
		// route's pattern up front: the first page of a visit stays small as the app grows.
		router: { resolution: 'server' },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', INLINE_SCRIPT_HASH],
				'style-src': ['self'],
				// The one inline style in the client: SvelteKit's route announcer
				// (<div id="svelte-announcer" style="position: absolute; …">, in
				// @sveltejs/kit/src/core/sync/write_root.js). Only that exact attribute value is
				// allowed; an e2e fixture fails on any CSP violation, so a change in SvelteKit shows.
				'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
