/**
 * Exam day: a whole promotion of one institution takes a quiz at the same hour, against the built
 * server with its workers (scripts/serve.js, as `npm run serve` runs it).
 *
 * Each learner arrives at a random moment of the arrival window and opens the quiz (module 03 of the
 * Law 263 police course), starts an attempt, reads the attempt page, saves answers twice and submits,
 * thinking 3–8 s before each of those three, then reads the result: 7 requests per learner.
 * Learners, enrolments and sessions are written straight into the database before the run (no
 * argon2 hashing, no login requests); the session token is made the way the app makes it.
 *
 *   npm run build && node bench/exam-day.ts [--learners 2000] [--window 30] [--think 3-8]
 *       [--db file:… | --db postgres://…/aula_bench_x] [--workers N] [--entry scripts/serve.js]
 *       [--capacity [--step-seconds 8]] [--timeline] [--server-node-options '--max-semi-space-size=8']
 *       [--background-load 0.3] [--warmup 100]
 *
 * --db: a SQLite file (default: a fresh temporary one) or a PostgreSQL database whose name contains
 *   "bench" — it is dropped and created again. --entry: what to run (build/index.js is the single
 *   process of before). --capacity: instead of exam day, the highest steady request rate of the same
 *   mix with p99 under 250 ms, beside a bare node:http server on as many workers sending the quiz
 *   page's HTML from memory (the ceiling). --background-load F: during the exam day, a process
 *   beside the server keeps F of one core busy (in slices of 10 ms), as a noisy neighbour on a
 *   shared machine would; the same F makes runs of two builds comparable on a busy machine.
 *   --warmup N: N more learners take the quiz, ten at a time and without thinking, just before
 *   the measured run and not counted in it: a server that has been serving, not one just started.
 *
 * Prints per step p50/p90/p99/max, errors by kind, submissions graded of those answered 303
 * (counted in the database), server CPU ms per request (primary and workers, from /proc) and the
 * peak RSS of all server processes. Loopback only; bounded by --learners and the think times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
	cpuMs,
	freshPostgres,
	httpClient,
	openSql,
	percentile,
	postmasterPid,
	prepareLearners,
	processTree,
	rssMb
} from './lib.ts';

const { values: args } = parseArgs({
	options: {
		learners: { type: 'string', default: '2000' },
		window: { type: 'string', default: '30' },
		think: { type: 'string', default: '3-8' },
		db: { type: 'string' },
		workers: { type: 'string', default: String(availableParallelism()) },
		entry: { type: 'string', default: 'scripts/serve.js' },
		port: { type: 'string', default: '4311' },
		capacity: { type: 'boolean', default: false },
		'step-seconds': { type: 'string', default: '8' },
		timeline: { type: 'boolean', default: false },
		'background-load': { type: 'string', default: '0' },
		warmup: { type: 'string', default: '0' },
		'server-node-options': { type: 'string', default: '--max-semi-space-size=8' }
	}
});
const LEARNERS = Number(args.learners);
const WINDOW_MS = Number(args.window) * 1000;
const [THINK_MIN, THINK_MAX] = args.think.split('-').map((s) => Number(s) * 1000);
const PORT = Number(args.port);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const QUIZ = '/cursos/ley-263-policia/03-delitos/evaluacion';
// Requests go through node:http with keep-alive sockets, as a browser keeps its connection: fetch
// (undici) cost the generator about twice the CPU, taken from the same two cores as the server.
const client = httpClient(ORIGIN);
const STEPS = ['open', 'start', 'attempt page', 'save', 'submit', 'result'] as const;
type Step = (typeof STEPS)[number];

// ---------------------------------------------------------------- server processes and their cost

type Running = { child: ChildProcess; stop: () => Promise<void>; output: () => string };

/** Until the server says it serves: scripts/serve.js once every worker listens, else adapter-node. */
async function waitUp(child: ChildProcess, output: () => string, ready: RegExp) {
	for (let i = 0; i < 1200; i++) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		if (ready.test(output())) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server not ready (${ready}) within 120 s:\n${output()}`);
}

/** The bare server says nothing: poll it. */
async function waitHttp(url: string, child: ChildProcess) {
	for (let i = 0; i < 300; i++) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`server not up at ${url}`);
}

function spawnNode(
	script: string,
	env: Record<string, string>,
	scriptArgs: string[] = []
): Running {
	const nodeOptions = args['server-node-options'].split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeOptions, script, ...scriptArgs], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let out = '';
	child.stdout!.setEncoding('utf8');
	child.stdout!.on('data', (d: string) => {
		// Keep the start-up lines only (the ready line is among the first).
		if (out.length < 64_000) out += d;
	});
	return {
		child,
		output: () => out,
		stop: () =>
			new Promise((r) => {
				if (child.exitCode !== null) return r();
				child.once('exit', () => r());
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
			})
	};
}

// ---------------------------------------------------------------- one learner's journey

type Outcome = {
	times: Record<Step, number[]>;
	/** [seconds since the run began, latency ms] of every answered request (--timeline). */
	when: [number, number][];
	errors: Map<string, number>;
	submitted303: number;
	requests: number;
};
const newOutcome = (): Outcome => ({
	times: Object.fromEntries(STEPS.map((s) => [s, []])) as unknown as Record<Step, number[]>,
	when: [],
	errors: new Map(),
	submitted303: 0,
	requests: 0
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = () => sleep(THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN));

class StepError extends Error {}

async function timed(
	out: Outcome,
	step: Step,
	path: string,
	cookie: string,
	expect: number,
	body?: URLSearchParams
): Promise<string> {
	const t0 = performance.now();
	out.requests++;
	let res: { status: number; text: string };
	try {
		res = await client.request(path, {
			method: body ? 'POST' : 'GET',
			headers: body
				? {
						cookie,
						origin: ORIGIN,
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'text/html'
					}
				: { cookie },
			body: body?.toString()
		});
	} catch (e) {
		const code = (e as { code?: string }).code;
		const kind = `${step}: ${code ?? (e as Error).message ?? String(e)}`;
		out.errors.set(kind, (out.errors.get(kind) ?? 0) + 1);
		throw new StepError(kind);
	}
	const text = res.text;
	out.times[step].push(performance.now() - t0);
	out.when.push([t0 / 1000, performance.now() - t0]);
	if (res.status !== expect) {
		const kind = `${step}: HTTP ${res.status}`;
		out.errors.set(kind, (out.errors.get(kind) ?? 0) + 1);
		throw new StepError(kind);
	}
	return text;
}

/** The attempt id and an answer for each choice question (matching and ordering left blank). */
function answersFrom(html: string): URLSearchParams | null {
	const id = /name="attemptId" value="(\d+)"/.exec(html)?.[1];
	if (!id) return null;
	const form = new URLSearchParams({ attemptId: id });
	for (const m of html.matchAll(
		/<input type="(?:radio|checkbox)" name="(q:[^"]+)" value="([^"]+)"/g
	)) {
		if (!form.has(m[1])) form.set(m[1], m[2]);
	}
	return form;
}

async function journey(out: Outcome, cookie: string, paced: boolean) {
	try {
		await timed(out, 'open', QUIZ, cookie, 200);
		await timed(out, 'start', `${QUIZ}?/start`, cookie, 303, new URLSearchParams());
		const form = answersFrom(await timed(out, 'attempt page', QUIZ, cookie, 200));
		if (!form) throw new StepError('attempt page: no open attempt');
		for (let i = 0; i < 2; i++) {
			if (paced) await think();
			await timed(out, 'save', `${QUIZ}?/save`, cookie, 200, form);
		}
		if (paced) await think();
		await timed(out, 'submit', `${QUIZ}?/submit`, cookie, 303, form);
		out.submitted303++;
		await timed(out, 'result', QUIZ, cookie, 200);
	} catch (e) {
		if (!(e instanceof StepError)) throw e;
		if (e.message.startsWith('attempt page: no'))
			out.errors.set(e.message, (out.errors.get(e.message) ?? 0) + 1);
	}
}

// ---------------------------------------------------------------- main

const tmp = mkdtempSync(join(tmpdir(), 'aula-examday-'));
const dbUrl = args.db ?? `file:${join(tmp, 'aula.db')}`;
if (dbUrl.startsWith('postgres')) await freshPostgres(dbUrl);
const dialect = dbUrl.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
const server = spawnNode(resolve(args.entry), {
	PORT: String(PORT),
	HOST: '127.0.0.1',
	ORIGIN,
	DATABASE_URL: dbUrl,
	CERT_KEY_FILE: join(tmp, 'key.pem'),
	WEB_CONCURRENCY: args.workers,
	SEED_DEMO: '0',
	LOG_MAIL: '0',
	NODE_ENV: 'production'
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => void server.stop().then(() => process.exit(130)));
}

try {
	await waitUp(
		server.child,
		server.output,
		args.entry.endsWith('serve.js') ? /\[cluster\] \d+ worker\(s\) listening/ : /Listening on/
	);
	const pid = server.child.pid!;
	const workers = Math.max(1, processTree(pid).length - 1);
	const WARMUP = Number(args.warmup);
	const all = await prepareLearners(dbUrl, LEARNERS + WARMUP, `exam${Date.now()}-`);
	const sessions = all.slice(0, LEARNERS);
	if (WARMUP > 0) {
		// Learners before the promotion (not counted): the server has been serving a while.
		const warm = newOutcome();
		for (let i = 0; i < WARMUP; i += 10)
			await Promise.all(
				all
					.slice(LEARNERS + i, LEARNERS + Math.min(WARMUP, i + 10))
					.map((c) => journey(warm, c, false))
			);
		console.log(
			`warm-up: ${warm.requests} requests by ${WARMUP} learners before the run, not counted`
		);
	}
	console.log(
		`exam-day: ${LEARNERS} learners, ${dialect}, ${args.entry} with ${args.entry.includes('serve') ? workers : 1} process(es) serving, ${availableParallelism()} cores`
	);

	if (!args.capacity) {
		const out = newOutcome();
		let peakRss = 0;
		const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 250);
		const cpu0 = cpuMs(pid);
		const postmaster = dialect === 'PostgreSQL' ? postmasterPid() : null;
		const pgCpu0 = postmaster ? cpuMs(postmaster) : 0;
		const neighbour = backgroundLoad(Number(args['background-load']));
		const own0 = process.cpuUsage();
		const t0 = performance.now();
		await Promise.all(
			sessions.map(async (cookie) => {
				await sleep(Math.random() * WINDOW_MS);
				await journey(out, cookie, true);
			})
		);
		const wall = (performance.now() - t0) / 1000;
		neighbour?.kill();
		const cpu = cpuMs(pid) - cpu0;
		const pgCpu = postmaster ? cpuMs(postmaster) - pgCpu0 : null;
		const own = process.cpuUsage(own0);
		clearInterval(sampler);

		const db = await openSql(dbUrl);
		const [graded] = await db.query<{ n: number }>(
			'SELECT count(*) AS n FROM quiz_attempts WHERE submitted_at IS NOT NULL'
		);
		graded.n = Number(graded.n) - WARMUP;
		const [dupes] = await db.query<{ n: number }>(
			'SELECT count(*) AS n FROM (SELECT enrolment_id, module_slug, attempt_no FROM quiz_attempts GROUP BY 1, 2, 3 HAVING count(*) > 1) d'
		);
		await db.close();

		console.log(
			`${out.requests} requests in ${wall.toFixed(1)} s (arrivals over ${WINDOW_MS / 1000} s, thinking ${args.think} s)`
		);
		console.log('step           n      p50      p90      p99      max  (ms)');
		let worstP99 = 0;
		for (const s of STEPS) {
			const sorted = [...out.times[s]].sort((a, b) => a - b);
			worstP99 = Math.max(worstP99, percentile(sorted, 99));
			console.log(
				`${s.padEnd(13)} ${String(sorted.length).padStart(5)} ${[50, 90, 99].map((p) => percentile(sorted, p).toFixed(0).padStart(8)).join('')} ${(sorted.at(-1) ?? NaN).toFixed(0).padStart(8)}`
			);
		}
		if (args.timeline) printTimeline(out.when, t0 / 1000);
		const errors = [...out.errors].reduce((n, [, c]) => n + c, 0);
		console.log(
			`errors: ${errors}${errors ? ` (${[...out.errors].map(([k, c]) => `${k} ×${c}`).join(', ')})` : ''}`
		);
		console.log(
			`submissions: ${out.submitted303} answered 303, ${Number(graded.n)} graded in the database, of ${LEARNERS} learners; duplicate attempts: ${Number(dupes.n)}`
		);
		console.log(
			`server CPU: ${cpu} ms for ${out.requests} requests = ${(cpu / out.requests).toFixed(2)} ms/request; peak RSS of all server processes: ${peakRss.toFixed(0)} MB`
		);
		const per = (ms: number) => `${(ms / out.requests).toFixed(2)} ms/request`;
		console.log(
			`beside it: load generator ${per((own.user + own.system) / 1000)}${pgCpu === null ? '' : `, PostgreSQL server ${per(pgCpu)}`}; ${(((own.user + own.system) / 1000 + cpu + (pgCpu ?? 0)) / 10 / wall).toFixed(0)} % of one core on average`
		);
		const ok = worstP99 < 250 && errors === 0 && Number(graded.n) === LEARNERS && peakRss < 1024;
		console.log(ok ? 'within budget' : 'OUT OF BUDGET');
		process.exitCode = ok ? 0 : 1;
	} else {
		await capacity(sessions, workers, pid);
	}
} finally {
	client.close();
	await server.stop();
	rmSync(tmp, { recursive: true, force: true });
}

/** A process that keeps `share` of one core busy: busy for share × 10 ms of every 10 ms. */
function backgroundLoad(share: number): ChildProcess | null {
	if (!(share > 0)) return null;
	const busyMs = Math.min(1, share) * 10;
	const child = spawn(
		process.execPath,
		[
			'-e',
			// It ends with this process (the IPC channel closes), even if this one fails.
			`process.on('disconnect', () => process.exit());
			setInterval(() => { const end = performance.now() + ${busyMs}; while (performance.now() < end); }, 10);`
		],
		{ stdio: ['ignore', 'ignore', 'ignore', 'ipc'] }
	);
	console.log(`background load: ${(busyMs * 10).toFixed(0)} % of one core`);
	return child;
}

/** Per second of the run: requests sent, their p50/p99/max, to see when a stall happened. */
function printTimeline(when: [number, number][], start: number) {
	const seconds = new Map<number, number[]>();
	for (const [at, ms] of when) {
		const s = Math.floor(at - start);
		seconds.set(s, [...(seconds.get(s) ?? []), ms]);
	}
	console.log('second  sent      p50      p99      max  (ms, by the second each request was sent)');
	for (const [s, list] of [...seconds].sort((a, b) => a[0] - b[0])) {
		list.sort((a, b) => a - b);
		console.log(
			`${String(s).padStart(6)} ${String(list.length).padStart(5)} ${[50, 99].map((p) => percentile(list, p).toFixed(0).padStart(8)).join('')} ${list.at(-1)!.toFixed(0).padStart(8)}`
		);
	}
}

// ---------------------------------------------------------------- capacity mode

/** Open-loop load: `rate` requests per second for `seconds`, each from the next idle learner's journey. */
async function steadyRate(
	rate: number,
	seconds: number,
	next: () => Promise<void>
): Promise<{ p99: number; errors: number; sent: number }> {
	const lat: number[] = [];
	let errors = 0;
	let sent = 0;
	const start = performance.now();
	const inflight: Promise<void>[] = [];
	while (performance.now() - start < seconds * 1000) {
		const due = Math.floor(((performance.now() - start) / 1000) * rate);
		while (sent < due) {
			sent++;
			const t0 = performance.now();
			inflight.push(
				next().then(
					() => void lat.push(performance.now() - t0),
					() => void errors++
				)
			);
		}
		await sleep(2);
	}
	await Promise.all(inflight);
	lat.sort((a, b) => a - b);
	return { p99: percentile(lat, 99), errors, sent };
}

/** The highest rate (doubling, then halving the gap three times) at which p99 < 250 ms without errors. */
async function highestRate(
	label: string,
	seconds: number,
	next: () => Promise<void>,
	reset: () => Promise<void>
): Promise<number> {
	let good = 0;
	let bad = 0;
	let rate = 100;
	// Warm-up, not counted: the first seconds of a fresh server pay for JIT compilation, opening the
	// pool's connections and preparing statements (a cold first step once failed at 100 req/s).
	await reset();
	await steadyRate(50, seconds, next);
	for (;;) {
		await reset();
		const r = await steadyRate(rate, seconds, next);
		console.log(`  ${label}: ${rate} req/s → p99 ${r.p99.toFixed(0)} ms, errors ${r.errors}`);
		const ok = r.p99 < 250 && r.errors === 0;
		if (ok) good = rate;
		else bad = rate;
		if (bad === 0) rate *= 2;
		else if (bad - good <= Math.max(25, good / 8)) return good;
		else rate = Math.round((good + bad) / 2);
	}
}

async function capacity(sessions: string[], workers: number, pid: number) {
	const seconds = Number(args['step-seconds']);
	// Each request is the next one of some learner's journey; a learner has one request in flight.
	let idle = sessions.map((cookie) => ({ cookie, step: 0, form: null as URLSearchParams | null }));
	const out = newOutcome();
	const mix = async () => {
		const l = idle.pop();
		if (!l) throw new Error('no idle learner');
		try {
			switch (l.step) {
				case 0:
					await timed(out, 'open', QUIZ, l.cookie, 200);
					break;
				case 1:
					await timed(out, 'start', `${QUIZ}?/start`, l.cookie, 303, new URLSearchParams());
					break;
				case 2:
					l.form = answersFrom(await timed(out, 'attempt page', QUIZ, l.cookie, 200));
					break;
				case 3:
				case 4:
					await timed(out, 'save', `${QUIZ}?/save`, l.cookie, 200, l.form!);
					break;
				case 5:
					await timed(out, 'submit', `${QUIZ}?/submit`, l.cookie, 303, l.form!);
					break;
				default:
					await timed(out, 'result', QUIZ, l.cookie, 200);
			}
			l.step = (l.step + 1) % 7;
		} finally {
			idle.unshift(l);
		}
	};
	const reset = async () => {
		// Everyone back to a fresh quiz: attempts deleted, journeys from the start.
		const db = await openSql(dbUrl);
		await db.query('DELETE FROM quiz_attempts');
		await db.query('DELETE FROM module_progress');
		await db.close();
		idle = idle.map((l) => ({ ...l, step: 0, form: null }));
	};
	const quizHtml = await (await fetch(ORIGIN + QUIZ, { headers: { cookie: sessions[0] } })).text();
	const cpu0 = cpuMs(pid);
	const requests0 = out.requests;
	const app = await highestRate('app', seconds, mix, reset);
	const appCpu = (cpuMs(pid) - cpu0) / (out.requests - requests0);

	const html = join(tmp, 'quiz.html');
	writeFileSync(html, quizHtml);
	const bareServer = spawnNode(resolve('bench/bare-server.ts'), {
		PORT: String(PORT + 1),
		WEB_CONCURRENCY: String(workers),
		BARE_FILE: html
	});
	const bareClient = httpClient(`http://127.0.0.1:${PORT + 1}`);
	try {
		await waitHttp(`http://127.0.0.1:${PORT + 1}/`, bareServer.child);
		const ceiling = await highestRate(
			'bare',
			seconds,
			async () => {
				const res = await bareClient.request('/');
				if (res.status !== 200) throw new Error(String(res.status));
			},
			async () => {}
		);
		console.log(
			`capacity (p99 < 250 ms, no errors): app ${app} req/s (${appCpu.toFixed(2)} CPU ms/request), bare node:http ${ceiling} req/s on ${workers} worker(s): ${((100 * app) / ceiling).toFixed(1)} % of the ceiling`
		);
	} finally {
		bareClient.close();
		await bareServer.stop();
	}
}
