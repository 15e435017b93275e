/**
 * Page weight as a first-time visitor downloads it: HTML + the JS and CSS the page links, raw and
 * gzipped (level 9, as a typical server would send them). Starts the built app on a fresh
 * SQLite file, so run `npm run build` first.
 *
 *   node bench/page-weight.ts [/path ...]        (default: /ingresar /registro /)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/ingresar', '/registro', '/'];
const port = 4300 + Math.floor(Math.random() * 500);
const origin = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'aula-bench-'));

const server = spawn('node', ['build/index.js'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, DATABASE_URL: `file:${dir}/aula.db`, LOG_MAIL: '0' },
	stdio: ['ignore', 'pipe', 'inherit']
});

async function waitForServer() {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${origin}/ingresar`)).ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('server did not start');
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function weigh(path: string) {
	const res = await fetch(origin + path);
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

try {
	await waitForServer();
	for (const p of paths) await weigh(p);
} finally {
	server.kill();
	rmSync(dir, { recursive: true, force: true });
}
