/**
 * Requests per second for an authenticated module page, beside a bare node:http server sending the
 * same bytes from memory, in the same run: the app's cost over the floor of HTTP itself.
 *
 *   npm run build && node bench/module-page.ts [--connections 32] [--seconds 10] [--rounds 3]
 *       [--workers N] [--path /cursos/ley-263-policia/03-delitos] [--port 4313] [--entry scripts/serve.js]
 *
 * The app runs as in production (scripts/serve.js, --workers workers, a fresh SQLite file); each
 * connection is a learner of its own (sessions written straight into the database), enrolled in
 * the course, keep-alive, one request at a time (closed loop). The bare server (bench/bare-server.ts)
 * runs on as many workers. The load generator is this one process on the same machine: on a small
 * machine it takes a core the servers would otherwise have, more so against the faster bare server.
 *
 * Both servers are warmed up (3 s each, not counted), then driven in turn, app then bare, for
 * --rounds rounds: on a machine whose speed drifts from one minute to the next, each round's ratio
 * compares two measurements taken seconds apart, and the median of the rounds' ratios is the figure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuMs, percentile, prepareLearners } from './lib.ts';

const { values: args } = parseArgs({
	options: {
		connections: { type: 'string', default: '32' },
		seconds: { type: 'string', default: '10' },
		rounds: { type: 'string', default: '3' },
		workers: { type: 'string', default: String(availableParallelism()) },
		path: { type: 'string', default: '/cursos/ley-263-policia/03-delitos' },
		port: { type: 'string', default: '4313' },
		entry: { type: 'string', default: 'scripts/serve.js' }
	}
});
const CONNECTIONS = Number(args.connections);
const SECONDS = Number(args.seconds);
const ROUNDS = Math.max(1, Number(args.rounds));
const PORT = Number(args.port);
const course = /^\/cursos\/([^/]+)\//.exec(args.path)?.[1];
if (!course)
	throw new Error(`--path must be a module page, /cursos/<course>/<module>: ${args.path}`);

function startNode(script: string, env: Record<string, string>): ChildProcess {
	return spawn(process.execPath, ['--max-semi-space-size=8', resolve(script)], {
		env: { ...process.env, HOST: '127.0.0.1', LOG_MAIL: '0', SEED_DEMO: '0', ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

function stop(child: ChildProcess): Promise<void> {
	return new Promise((r) => {
		if (child.exitCode !== null || child.signalCode !== null) return r();
		child.once('exit', () => r());
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
	});
}

async function waitUp(url: string, child: ChildProcess) {
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`server not up at ${url}`);
}

/** `CONNECTIONS` keep-alive connections, each sending its next request when the last is read. */
async function drive(origin: string, cookies: string[], expectBytes?: number, seconds = SECONDS) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
	const latencies: number[] = [];
	let errors = 0;
	const get = (cookie: string) =>
		new Promise<void>((done) => {
			const t0 = performance.now();
			const req = http.get(`${origin}${args.path}`, { agent, headers: { cookie } }, (res) => {
				let bytes = 0;
				res.on('data', (d: Buffer) => (bytes += d.length));
				res.on('end', () => {
					if (res.statusCode === 200 && (expectBytes ?? bytes) === bytes)
						latencies.push(performance.now() - t0);
					else errors++;
					done();
				});
			});
			req.on('error', () => (errors++, done()));
		});
	const until = performance.now() + seconds * 1000;
	const started = performance.now();
	await Promise.all(
		cookies.map(async (cookie) => {
			while (performance.now() < until) await get(cookie);
		})
	);
	const wall = (performance.now() - started) / 1000;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	return {
		rps: latencies.length / wall,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		errors,
		requests: latencies.length
	};
}

const tmp = mkdtempSync(join(tmpdir(), 'aula-module-page-'));
const dbUrl = `file:${join(tmp, 'aula.db')}`;
const appOrigin = `http://127.0.0.1:${PORT}`;
const app = startNode(args.entry, {
	PORT: String(PORT),
	ORIGIN: appOrigin,
	DATABASE_URL: dbUrl,
	CERT_KEY_FILE: join(tmp, 'key.pem'),
	WEB_CONCURRENCY: args.workers
});
let bare: ChildProcess | undefined;
try {
	await waitUp(`${appOrigin}/ingresar`, app);
	const cookies = await prepareLearners(dbUrl, CONNECTIONS, 'page-', course);
	// The bare server sends the first learner's page; the app's pages differ only in the name.
	const sample = await fetch(appOrigin + args.path, {
		headers: { cookie: cookies[0] },
		redirect: 'manual'
	});
	if (sample.status !== 200) throw new Error(`${args.path}: HTTP ${sample.status}`);
	const html = Buffer.from(await sample.arrayBuffer());
	writeFileSync(join(tmp, 'page.html'), html);

	bare = startNode('bench/bare-server.ts', {
		PORT: String(PORT + 1),
		WEB_CONCURRENCY: args.workers,
		BARE_FILE: join(tmp, 'page.html')
	});
	const bareOrigin = `http://127.0.0.1:${PORT + 1}`;
	await waitUp(`${bareOrigin}/`, bare);
	await drive(appOrigin, cookies, undefined, 3);
	await drive(bareOrigin, cookies, html.length, 3);

	type Run = Awaited<ReturnType<typeof drive>>;
	const line = (label: string, r: Run) =>
		`${label.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   errors ${r.errors}`;
	console.log(
		`module page ${args.path} (${html.length} bytes), ${CONNECTIONS} connections, ${SECONDS} s each, ${ROUNDS} round(s), ${args.workers} worker(s), ${availableParallelism()} cores`
	);
	const appPid = app.pid!;
	const rounds: { app: Run; bare: Run; cpu: number }[] = [];
	for (let r = 1; r <= ROUNDS; r++) {
		const cpu0 = cpuMs(appPid);
		const appRun = await drive(appOrigin, cookies);
		const cpu = (cpuMs(appPid) - cpu0) / Math.max(1, appRun.requests);
		const bareRun = await drive(bareOrigin, cookies, html.length);
		rounds.push({ app: appRun, bare: bareRun, cpu });
		console.log(`round ${r}`);
		console.log(line(`  app (${args.entry})`, appRun) + `   ${cpu.toFixed(2)} CPU ms/request`);
		console.log(line('  bare node:http', bareRun));
		console.log(`  app / bare: ${((100 * appRun.rps) / bareRun.rps).toFixed(1)} %`);
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
	console.log(
		`median of ${ROUNDS}: app ${median(rounds.map((r) => r.app.rps)).toFixed(0)} req/s (${median(rounds.map((r) => r.cpu)).toFixed(2)} CPU ms/request), bare ${median(rounds.map((r) => r.bare.rps)).toFixed(0)} req/s, app / bare ${median(rounds.map((r) => (100 * r.app.rps) / r.bare.rps)).toFixed(1)} %`
	);
} finally {
	if (bare) await stop(bare);
	await stop(app);
	rmSync(tmp, { recursive: true, force: true });
}
