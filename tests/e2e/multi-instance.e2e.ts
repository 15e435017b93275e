/**
 * Several app servers on one PostgreSQL database (docs/deploy.md): two built servers start at the
 * same moment on a fresh database, then serve one learner through nginx, which sends alternate
 * requests to each. Needs TEST_DATABASE_URL (CI sets it) and nginx (CI installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, test } from './support';

const PG_URL = process.env.TEST_DATABASE_URL;
const HAS_NGINX = spawnSync('sh', ['-c', 'command -v nginx']).status === 0;
const METRICS_TOKEN = randomBytes(24).toString('hex');

type Proc = { child: ChildProcess; output: string[]; exited: Promise<number | null> };

function start(command: string, args: string[], env: Record<string, string> = {}): Proc {
	const child = spawn(command, args, {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	child.stdout!.on('data', (d) => output.push(String(d)));
	child.stderr!.on('data', (d) => output.push(String(d)));
	const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
	return { child, output, exited };
}

async function stop(p: Proc | undefined) {
	if (!p || p.child.exitCode !== null) return;
	p.child.kill('SIGTERM');
	await p.exited;
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

/** Polls GET /health until 200; fails with the process's output if it exits first. */
async function waitHealthy(base: string, proc: Proc, timeoutMs = 90_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (proc.child.exitCode !== null) {
			throw new Error(`${base} exited with ${proc.child.exitCode}:\n${proc.output.join('')}`);
		}
		const ok = await fetch(`${base}/health`).then(
			(r) => r.status === 200,
			() => false
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${base} not healthy within ${timeoutMs} ms:\n${proc.output.join('')}`);
}

async function pgQuery<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<T>(sql)).rows;
	} finally {
		await client.end();
	}
}

function nginxConfig(dir: string, port: number, upstreams: number[]) {
	for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
	// As root, nginx would hand its worker to "nobody", who cannot write in our private temp folder.
	const user = process.getuid?.() === 0 ? 'user root root;' : '';
	return `
${user}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 128; }
http {
	access_log ${dir}/access.log;
	client_body_temp_path ${dir}/client_body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	upstream aula {
		${upstreams.map((p) => `server 127.0.0.1:${p};`).join('\n\t\t')}
		keepalive 8;
	}
	server {
		listen 127.0.0.1:${port};
		location / {
			proxy_pass http://aula;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			# As deploy/nginx.conf: the course editor's Link header passes the 4 KB default.
			proxy_buffer_size 32k;
			proxy_buffers 8 32k;
			# Only in this test: which app server answered.
			add_header X-Aula-Upstream $upstream_addr always;
		}
	}
}
`;
}

test.describe('several app servers on one PostgreSQL', () => {
	test.describe.configure({ mode: 'serial' });
	test.skip(
		!PG_URL,
		'needs TEST_DATABASE_URL (a PostgreSQL server to create a database on); CI sets it'
	);

	const dbName = `aula_e2e_multi_${randomBytes(4).toString('hex')}`;
	let dbUrl: string;
	let dir: string;
	let ports: number[];
	let nginxPort: number;
	let origin: string;
	let apps: Proc[] = [];
	let nginx: Proc | undefined;

	test.beforeAll(async () => {
		test.setTimeout(180_000);
		await pgQuery(PG_URL!, `CREATE DATABASE ${dbName}`);
		const url = new URL(PG_URL!);
		url.pathname = `/${dbName}`;
		dbUrl = url.toString();
		dir = mkdtempSync(join(tmpdir(), 'aula-multi-'));
		ports = [await freePort(), await freePort()];
		nginxPort = await freePort();
		origin = `http://127.0.0.1:${nginxPort}`;
		// Every server signs with the same key, from the environment (as in production).
		const key = generateKeyPairSync('ed25519')
			.privateKey.export({ format: 'pem', type: 'pkcs8' })
			.toString();
		// Both at the same moment, on a database without a single table.
		apps = ports.map((port) =>
			start('node', ['build/index.js'], {
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				DATABASE_URL: dbUrl,
				CERT_SIGNING_KEY: key,
				SEED_DEMO: '1',
				LOG_MAIL: '0',
				METRICS_TOKEN,
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			})
		);
		await Promise.all(apps.map((app, i) => waitHealthy(`http://127.0.0.1:${ports[i]}`, app)));
		if (HAS_NGINX) {
			writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, nginxPort, ports));
			nginx = start('nginx', [
				'-p',
				dir,
				'-c',
				join(dir, 'nginx.conf'),
				'-e',
				join(dir, 'error.log')
			]);
			await waitHealthy(origin, nginx, 20_000);
		}
	});

	test.afterAll(async () => {
		await stop(nginx);
		for (const app of apps) await stop(app);
		if (dir) rmSync(dir, { recursive: true, force: true });
		await pgQuery(PG_URL!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
	});

	test('both start at once on a fresh database: migrations, seeds and backfills run once', async () => {
		for (const port of ports) {
			const res = await fetch(`http://127.0.0.1:${port}/health`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: 'ok' });
		}
		const migrations = await pgQuery<{ name: string }>(
			dbUrl,
			'select name from kysely_migration order by name'
		);
		const files = readdirSync('migrations')
			.filter((f) => f.endsWith('.ts'))
			.map((f) => f.replace(/\.ts$/, ''));
		expect(migrations.map((m) => m.name)).toEqual(files.sort());
		const [inst] = await pgQuery<{ n: string; names: string }>(
			dbUrl,
			'select count(*) as n, count(distinct (country, name)) as names from institutions'
		);
		expect(Number(inst.n)).toBeGreaterThan(0);
		expect(inst.n).toBe(inst.names);
		const users = await pgQuery<{ n: string }>(dbUrl, 'select count(*) as n from users');
		expect(Number(users[0].n)).toBe(6);
	});

	test('/metrics answers only with the token, with request counts and the pool', async () => {
		const base = `http://127.0.0.1:${ports[0]}`;
		expect((await fetch(`${base}/metrics`)).status).toBe(401);
		expect(
			(await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status
		).toBe(401);
		const res = await fetch(`${base}/metrics`, {
			headers: { Authorization: `Bearer ${METRICS_TOKEN}` }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/plain');
		const text = await res.text();
		expect(text).toMatch(/^aula_http_requests_total\{[^}]*route="\/health"[^}]*\} \d+$/m);
		expect(text).toMatch(/^aula_http_request_duration_seconds_bucket\{[^}]*route="\/health"/m);
		expect(text).toMatch(/^aula_db_pool_connections\{[^}]*state="idle"/m);
		expect(text).toMatch(/^nodejs_eventloop_lag_seconds \S+$/m);
	});

	test('behind nginx: a learner logs in through one server and goes on through the other', async ({
		page
	}) => {
		test.skip(!HAS_NGINX, 'nginx is not installed here (apt-get install nginx); CI installs it');
		await page.goto(`${origin}/ingresar`);
		await page.getByLabel('Correo electrónico').fill('consular@aula.demo');
		await page.getByLabel('Contraseña').fill('aula-demo-2026');
		await page.getByRole('button', { name: 'Ingresar' }).click();
		await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();

		// The same session cookie, answered by each server in turn.
		const servedBy = new Set<string>();
		for (let i = 0; i < 4; i++) {
			const res = await page.request.get(`${origin}/mis-cursos`, { maxRedirects: 0 });
			expect(res.status()).toBe(200);
			expect(await res.text()).toContain('Funcionaria Consular Demo');
			servedBy.add(res.headers()['x-aula-upstream']);
		}
		expect([...servedBy].sort()).toEqual(ports.map((p) => `127.0.0.1:${p}`).sort());
		await page.goto(`${origin}/mis-cursos`);
		await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
	});

	test('behind nginx: a course version published through one server is served by the other', async ({
		page
	}) => {
		test.skip(!HAS_NGINX, 'needs nginx (CI installs it)');
		test.setTimeout(240_000);
		const OLD = 'Lucía tiene 19 años y vive en El Alto.';
		const NEW = 'Lucía tiene 19 años y vive en la ciudad de El Alto.';
		const modulePath = '/abierto/oferta-segura/01-oferta-de-trabajo';
		for (const port of ports) {
			expect(await (await fetch(`http://127.0.0.1:${port}${modulePath}`)).text()).toContain(OLD);
		}
		const signIn = async (email: string) => {
			await page.context().clearCookies();
			await page.goto(`${origin}/ingresar`);
			await page.getByLabel('Correo electrónico').fill(email);
			await page.getByLabel('Contraseña').fill('aula-demo-2026');
			await page.getByRole('button', { name: 'Ingresar' }).click();
			await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
		};
		// The demo trainer writes and submits; the demo admin (not an author) approves.
		await signIn('formadora@aula.demo');
		await page.goto(`${origin}/contenido/oferta-segura/editar/01-oferta-de-trabajo`);
		const field = page.getByLabel('Texto del archivo 01-oferta-de-trabajo.md (Markdown)');
		await field.fill((await field.inputValue()).replace(OLD, NEW));
		await page.getByRole('button', { name: 'Guardar borrador' }).click();
		await expect(page.getByText('Borrador guardado.')).toBeVisible();
		await page.goto(`${origin}/contenido/oferta-segura/editar`);
		await page.getByRole('button', { name: 'Enviar a revisión' }).click();
		await expect(page.getByText('Borrador enviado a revisión.')).toBeVisible();
		await signIn('admin@aula.demo');
		await page.goto(`${origin}/contenido/oferta-segura/revision`);
		await page.getByRole('button', { name: 'Aprobar y publicar' }).click();
		await expect(page.getByText(/Aprobado: la versión \w+ está publicada/)).toBeVisible();

		// Each server, asked directly, serves the new text (each checks for publications once a second).
		for (const port of ports) {
			await expect
				.poll(async () => (await (await fetch(`http://127.0.0.1:${port}${modulePath}`)).text()).includes(NEW), {
					timeout: 15_000
				})
				.toBe(true);
		}
		const [published] = await pgQuery<{ n: string }>(
			dbUrl,
			"select count(*) as n from course_revisions where course_slug = 'oferta-segura' and publication is not null"
		);
		expect(Number(published.n)).toBe(2);
	});

	test('behind nginx: ten failed logins lock the account on every server', async ({ request }) => {
		test.skip(!HAS_NGINX, 'nginx is not installed here (apt-get install nginx); CI installs it');
		const attempt = (password: string) =>
			request.post(`${origin}/ingresar`, {
				form: { email: 'policia@aula.demo', password },
				// A plain form post (no JavaScript): the status is the action's, not a JSON envelope's.
				headers: { Origin: origin, Accept: 'text/html' },
				maxRedirects: 0
			});
		const failedOn = new Set<string>();
		for (let i = 0; i < 10; i++) {
			const res = await attempt(`wrong-password-${i}`);
			expect(res.status()).toBe(400);
			failedOn.add(res.headers()['x-aula-upstream']);
		}
		expect(failedOn.size).toBe(2);
		// Now even the right password is refused, whichever server answers.
		const lockedOn = new Set<string>();
		for (let i = 0; i < 2; i++) {
			const res = await attempt('aula-demo-2026');
			expect(res.status()).toBe(429);
			lockedOn.add(res.headers()['x-aula-upstream']);
		}
		expect(lockedOn.size).toBe(2);
	});
});

test('two servers (or cluster workers) start at once on one fresh SQLite file', async () => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'aula-multi-sqlite-'));
	const file = join(dir, 'aula.db');
	const ports = [await freePort(), await freePort()];
	const apps = ports.map((port) =>
		start('node', ['build/index.js'], {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: `file:${file}`,
			CERT_KEY_FILE: join(dir, 'key.pem'),
			SEED_DEMO: '1',
			LOG_MAIL: '0'
		})
	);
	try {
		await Promise.all(apps.map((app, i) => waitHealthy(`http://127.0.0.1:${ports[i]}`, app)));
		const db = new Database(file, { readonly: true });
		try {
			const files = readdirSync('migrations').filter((f) => f.endsWith('.ts'));
			expect(db.prepare('select count(*) from kysely_migration').pluck().get()).toBe(files.length);
			expect(db.prepare('select count(*) from users').pluck().get()).toBe(6);
		} finally {
			db.close();
		}
		// One key, generated once: both servers sign with it.
		const keyIds = await Promise.all(
			ports.map(
				async (p) => await (await fetch(`http://127.0.0.1:${p}/verificar/claves.json`)).text()
			)
		);
		expect(keyIds[0]).toBe(keyIds[1]);
	} finally {
		for (const app of apps) await stop(app);
		rmSync(dir, { recursive: true, force: true });
	}
});
