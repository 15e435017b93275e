/**
 * Page weight as a first-time visitor downloads it: HTML + the JS and CSS the page links, raw and
 * gzipped (level 9, as a typical server would send them). Starts the built app on a fresh
 * SQLite file, so run `npm run build` first.
 *
 *   node bench/page-weight.ts [/path ...]        (default: /ingresar /registro /)
 *   node bench/page-weight.ts --login policia@aula.demo --enrol ley-263-policia /cursos/ley-263-policia/01-marco-general
 *     logs in as a demo account (password aula-demo-2026) and enrols it first, for pages behind login.
 *   node bench/page-weight.ts --editor
 *     the module editor (as the demo trainer) against a learner's module page, and fails if the
 *     module page loads any of the editor's code (toolbar, autosave: src/lib/editor/).
 */
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startServer } from './lib.ts';

const { values: opts, positionals } = parseArgs({
	allowPositionals: true,
	options: { login: { type: 'string' }, enrol: { type: 'string', multiple: true }, editor: { type: 'boolean' } }
});
const paths = positionals.length ? positionals : ['/ingresar', '/registro', '/'];
let cookie = '';
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function weigh(path: string) {
	const res = await fetch(origin + path, { headers: { cookie } });
	const html = await res.text();
	const assets = new Set<string>();
	// SvelteKit (adapter-node) lists every module and stylesheet the page needs in the Link header.
	for (const m of (res.headers.get('link') ?? '').matchAll(/<([^>]+)>;\s*rel="(modulepreload|preload)"/g)) {
		assets.add(m[1]);
	}
	for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*>/g)) {
		if (/rel="(modulepreload|stylesheet)"/.test(m[0])) assets.add(m[1]);
	}
	for (const m of html.matchAll(/import\("([^"]+)"\)/g)) assets.add(m[1]);
	const sizes = { html: [0, 0], js: [0, 0], css: [0, 0] } as Record<'html' | 'js' | 'css', [number, number]>;
	const files = new Map<string, Buffer>();
	const add = (kind: 'html' | 'js' | 'css', body: Buffer) => {
		sizes[kind][0] += body.length;
		sizes[kind][1] += gzipSync(body, { level: 9 }).length;
	};
	add('html', Buffer.from(html));
	for (const href of assets) {
		const url = new URL(href, origin + path);
		const body = Buffer.from(await (await fetch(url)).arrayBuffer());
		add(url.pathname.endsWith('.css') ? 'css' : 'js', body);
		files.set(url.pathname, body);
	}
	const total = sizes.html[1] + sizes.js[1] + sizes.css[1];
	console.log(
		`${path.padEnd(14)} JS ${kb(sizes.js[1])} gz (${kb(sizes.js[0])} raw) · CSS ${kb(sizes.css[1])} gz · HTML ${kb(sizes.html[1])} gz · total ${kb(total)} gz · ${assets.size} files`
	);
	return files;
}

/** Strings only the editor's own modules (src/lib/editor/) hold; minifying keeps string literals. */
const EDITOR_MARKERS = ['aula:editor:', '<CaseStudy title="'];
const EDITOR_PAGE = '/contenido/ley-263-policia/editar/01-marco-general';
const MODULE_PAGE = '/cursos/ley-263-policia/01-marco-general';

/** The editor's weight, what of it only the editor loads, and a check that the module page loads none of it. */
async function compareEditor() {
	await logIn('formadora@aula.demo');
	const editor = await weigh(EDITOR_PAGE);
	opts.enrol = ['ley-263-policia'];
	await logIn('policia@aula.demo');
	const learner = await weigh(MODULE_PAGE);
	const only = [...editor].filter(([f]) => f.endsWith('.js') && !learner.has(f));
	const gz = only.reduce((n, [, body]) => n + gzipSync(body, { level: 9 }).length, 0);
	console.log(`editor-only JS: ${only.length} files, ${kb(gz)} gz (${kb(only.reduce((n, [, b]) => n + b.length, 0))} raw)`);
	const holders = only.filter(([, body]) => EDITOR_MARKERS.some((m) => body.includes(m))).map(([f]) => f);
	if (!holders.length) throw new Error('no editor chunk found on the editor page: update EDITOR_MARKERS');
	const leaked = [...learner].filter(([f, body]) => f.endsWith('.js') && EDITOR_MARKERS.some((m) => body.includes(m))).map(([f]) => f);
	if (leaked.length) {
		console.error(`FAIL: the module page loads editor code: ${leaked.join(', ')}`);
		process.exitCode = 1;
	} else console.log(`ok: none of the editor's chunks (${holders.join(', ')}) is among the module page's files`);
}

async function logIn(email: string) {
	const res = await fetch(`${origin}/ingresar`, {
		method: 'POST',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: 'aula-demo-2026' }),
		redirect: 'manual'
	});
	cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (!cookie.includes('aula_session')) throw new Error(`login as ${email} failed (${res.status})`);
	for (const slug of opts.enrol ?? []) {
		await fetch(`${origin}/cursos/${slug}?/enrol`, {
			method: 'POST',
			headers: { origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: '',
			redirect: 'manual'
		});
	}
}

const server = await startServer();
const origin = server.origin;
try {
	if (opts.editor) await compareEditor();
	else {
		if (opts.login) await logIn(opts.login);
		for (const p of paths) await weigh(p);
	}
} finally {
	server.stop();
}
