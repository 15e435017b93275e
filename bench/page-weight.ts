/**
 * Page weight as a first-time visitor downloads it: HTML + the JS and CSS the page links, raw and
 * gzipped (level 9, as a typical server would send them). Starts the built app on a fresh
 * SQLite file, so run `npm run build` first.
 *
 *   node bench/page-weight.ts [/path ...]        (default: /ingresar /registro /)
 *   node bench/page-weight.ts --login policia@aula.demo --enrol ley-263-policia /cursos/ley-263-policia/01-marco-general
 *     logs in as a demo account (password aula-demo-2026) and enrols it first, for pages behind login.
 */
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startServer } from './lib.ts';

const { values: opts, positionals } = parseArgs({
	allowPositionals: true,
	options: { login: { type: 'string' }, enrol: { type: 'string', multiple: true } }
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
	const add = (kind: 'html' | 'js' | 'css', body: Buffer) => {
		sizes[kind][0] += body.length;
		sizes[kind][1] += gzipSync(body, { level: 9 }).length;
	};
	add('html', Buffer.from(html));
	for (const href of assets) {
		const url = new URL(href, origin + path);
		const body = Buffer.from(await (await fetch(url)).arrayBuffer());
		add(url.pathname.endsWith('.css') ? 'css' : 'js', body);
	}
	const total = sizes.html[1] + sizes.js[1] + sizes.css[1];
	console.log(
		`${path.padEnd(14)} JS ${kb(sizes.js[1])} gz (${kb(sizes.js[0])} raw) · CSS ${kb(sizes.css[1])} gz · HTML ${kb(sizes.html[1])} gz · total ${kb(total)} gz · ${assets.size} files`
	);
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
	if (opts.login) await logIn(opts.login);
	for (const p of paths) await weigh(p);
} finally {
	server.stop();
}
