/**
 * Fault tests run the built app (`npm run build` first) as real processes on loopback, with
 * learners and sessions written straight into a fresh database (bench/lib.ts). Ports: FAULT_PORT
 * (default 4310) and the next nine; each file takes its own offset.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import http from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { openSql, prepareLearners, processTree } from '../../bench/lib.ts';

export const QUIZ = '/cursos/ley-263-policia/03-delitos/evaluacion';
export const PG_URL = process.env.TEST_DATABASE_URL;

export const port = (offset: number) => Number(process.env.FAULT_PORT || 4310) + offset;

export type App = {
	origin: string;
	child: ChildProcess;
	/** The cluster workers' pids (empty for build/index.js, a single process). */
	workers: () => number[];
	stop: () => Promise<void>;
	log: () => string;
};

export function tempDir(): { dir: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'aula-fault-'));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it holds or `ms` pass; returns whether it held. */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
	for (const until = Date.now() + ms; Date.now() < until; await sleep(100))
		if (check()) return true;
	return check();
}

function portTaken(p: number): Promise<boolean> {
	return new Promise((done) => {
		const socket = connect(p, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), done(true)));
		socket.once('error', () => done(false));
	});
}

/**
 * Starts `entry` (scripts/serve.js or build/index.js) and waits until it is ready: every worker of
 * serve.js listening (its '[cluster] N worker(s) listening' line), or the single server's
 * 'Listening on'. Waiting for the first 'Listening on' only is not enough with workers: killing
 * that worker before the second one listens leaves nobody on the port (ECONNREFUSED).
 */
export async function startApp(
	entry: 'scripts/serve.js' | 'build/index.js',
	p: number,
	env: Record<string, string>
): Promise<App> {
	const origin = `http://127.0.0.1:${p}`;
	// A server left over from an earlier run would answer in place of this one.
	if (await portTaken(p)) throw new Error(`port ${p} is in use: a server left over? (ps aux)`);
	// The server runs as in production, not with vitest's markers (NODE_ENV=test, VITEST*, TEST).
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(k))
	);
	const child = spawn(process.execPath, [resolve(entry)], {
		env: {
			...inherited,
			PORT: String(p),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			LOG_MAIL: '0',
			SEED_DEMO: '0',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stderr!.on('data', (d) => (log += d));
	child.stdout!.on('data', (d) => (log += d));
	const stop = () =>
		new Promise<void>((r) => {
			if (child.exitCode !== null || child.signalCode !== null) return r();
			child.once('exit', () => r());
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
		});
	const ready = entry.endsWith('serve.js')
		? /\[cluster\] \d+ worker\(s\) listening/
		: /Listening on/;
	const app = {
		origin,
		child,
		workers: () => processTree(child.pid!).slice(1),
		stop,
		log: () => log
	};
	const up = await waitFor(() => ready.test(log) || child.exitCode !== null, 120_000);
	if (up && child.exitCode === null) return app;
	await stop();
	throw new Error(`${entry} did not start on ${origin} (exit ${child.exitCode}):\n${log}`);
}

/** A fresh PostgreSQL database on the TEST_DATABASE_URL server, dropped by `drop`. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `aula_fault_${randomBytes(4).toString('hex')}`;
	const admin = async (sql: string) => {
		const c = new pg.Client({ connectionString: PG_URL });
		await c.connect();
		try {
			await c.query(sql);
		} finally {
			await c.end();
		}
	};
	await admin(`CREATE DATABASE ${name}`);
	const url = new URL(PG_URL!);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export type Sent = {
	at: number;
	answeredAt: number;
	status: number | 'network';
	step: 'start' | 'page' | 'submit';
	attemptId?: number;
	/** For a request that got no answer: why (ECONNRESET, ECONNREFUSED…). */
	error?: string;
};

/** 5xx or no answer at all. */
export const failed = (s: Sent) => s.status === 'network' || s.status >= 500;

const form = (cookie: string, origin: string) => ({
	cookie,
	origin,
	'content-type': 'application/x-www-form-urlencoded',
	accept: 'text/html'
});

/**
 * One learner's quiz, without thinking: start, read the attempt page, submit. Every request is
 * recorded in `log` (a refused connection as 'network'); the submit carries its attempt id.
 */
export async function takeQuiz(origin: string, cookie: string, log: Sent[]): Promise<void> {
	const send = async (
		step: Sent['step'],
		path: string,
		body?: URLSearchParams,
		attemptId?: number
	) => {
		const at = Date.now();
		try {
			const res = await fetch(origin + path, {
				method: body ? 'POST' : 'GET',
				headers: body ? form(cookie, origin) : { cookie },
				body,
				redirect: 'manual',
				signal: AbortSignal.timeout(30_000)
			});
			const text = await res.text();
			log.push({ at, answeredAt: Date.now(), status: res.status, step, attemptId });
			return { status: res.status, text };
		} catch (e) {
			const cause = (e as { cause?: { code?: string } }).cause;
			const error = cause?.code ?? String(e);
			log.push({ at, answeredAt: Date.now(), status: 'network', step, attemptId, error });
			return { status: 0, text: '' };
		}
	};
	if ((await send('start', `${QUIZ}?/start`, new URLSearchParams())).status !== 303) return;
	const page = await send('page', QUIZ);
	const id = /name="attemptId" value="(\d+)"/.exec(page.text)?.[1];
	if (!id) return;
	const answers = new URLSearchParams({ attemptId: id });
	for (const m of page.text.matchAll(/<input type="radio" name="(q:[^"]+)" value="([^"]+)"/g)) {
		if (!answers.has(m[1])) answers.set(m[1], m[2]);
	}
	await send('submit', `${QUIZ}?/submit`, answers, Number(id));
}

/** Runs `work` for each item with at most `concurrency` at once. */
export async function inParallel<T>(
	items: T[],
	concurrency: number,
	work: (item: T) => Promise<void>
) {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < items.length) await work(items[next++]);
		})
	);
}

/** Attempt ids whose submit was answered 303 (the learner was told it was graded). */
export const answeredSubmits = (log: Sent[]) =>
	log.filter((s) => s.step === 'submit' && s.status === 303).map((s) => s.attemptId!);

/**
 * What must hold in the database after any fault: every submit answered 303 graded, nothing
 * twice, nothing half-written (a graded attempt without its answers, grade or progress; a completed
 * course without its certificate, or the reverse). All zero/empty when sound.
 */
export async function soundness(url: string, answered: number[]) {
	const db = await openSql(url);
	const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0].n);
	try {
		const graded = new Set(
			(
				await db.query<{ id: number }>(
					'SELECT id FROM quiz_attempts WHERE submitted_at IS NOT NULL AND percent IS NOT NULL'
				)
			).map((r) => Number(r.id))
		);
		return {
			answeredNotGraded: answered.filter((id) => !graded.has(id)),
			duplicateAttempts: await count(
				'SELECT count(*) AS n FROM (SELECT 1 FROM quiz_attempts GROUP BY enrolment_id, module_slug, attempt_no HAVING count(*) > 1) d'
			),
			duplicateCertificates: await count(
				'SELECT count(*) AS n FROM (SELECT 1 FROM certificates GROUP BY enrolment_id HAVING count(*) > 1) d'
			),
			gradedHalfWritten: await count(
				'SELECT count(*) AS n FROM quiz_attempts WHERE submitted_at IS NOT NULL AND (percent IS NULL OR items IS NULL OR answers IS NULL OR passed IS NULL)'
			),
			// The grade and the learner's progress are written in one transaction.
			gradedWithoutProgress: await count(
				'SELECT count(*) AS n FROM quiz_attempts a LEFT JOIN module_progress p ON p.enrolment_id = a.enrolment_id AND p.module_slug = a.module_slug WHERE a.submitted_at IS NOT NULL AND p.quiz_percent IS NULL'
			),
			completedWithoutCertificate: await count(
				'SELECT count(*) AS n FROM enrolments e WHERE e.completed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrolment_id = e.id)'
			),
			certificateWithoutCompletion: await count(
				'SELECT count(*) AS n FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id WHERE e.completed_at IS NULL'
			)
		};
	} finally {
		await db.close();
	}
}

export const SOUND = {
	answeredNotGraded: [],
	duplicateAttempts: 0,
	duplicateCertificates: 0,
	gradedHalfWritten: 0,
	gradedWithoutProgress: 0,
	completedWithoutCertificate: 0,
	certificateWithoutCompletion: 0
};

/** How many of these attempts' enrolments are completed (each learner's submit completes it). */
export async function completedOf(url: string, attemptIds: number[]): Promise<number> {
	if (!attemptIds.length) return 0;
	const db = await openSql(url);
	try {
		const [row] = await db.query<{ n: number }>(
			`SELECT count(*) AS n FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.completed_at IS NOT NULL AND a.id IN (${attemptIds.map(() => '?').join(', ')})`,
			attemptIds
		);
		return Number(row.n);
	} finally {
		await db.close();
	}
}

/**
 * Which of `pids` holds the server end of the loopback TCP connection whose client end is
 * `clientPort` (Linux: /proc/net/tcp gives the socket's inode, /proc/<pid>/fd who has it open).
 */
export function holderOf(
	pids: number[],
	serverPort: number,
	clientPort: number
): number | undefined {
	const hex = (n: number) => `:${n.toString(16).toUpperCase().padStart(4, '0')}`;
	const inode = readFileSync('/proc/net/tcp', 'utf8')
		.split('\n')
		.map((l) => l.trim().split(/\s+/))
		.find((f) => f[1]?.endsWith(hex(serverPort)) && f[2]?.endsWith(hex(clientPort)))?.[9];
	if (!inode) return undefined;
	return pids.find((pid) => {
		try {
			return readdirSync(`/proc/${pid}/fd`).some((fd) => {
				try {
					return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
				} catch {
					return false;
				}
			});
		} catch {
			return false;
		}
	});
}

/**
 * One request on a connection of its own, kept open until the answer is read so the worker
 * holding it can be named: the cluster hands each new connection to the next worker.
 */
export function requestOnNewConnection(
	app: App,
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<{ status: number; text: string; worker: number | undefined }> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const url = new URL(path, app.origin);
	return new Promise((done, fail) => {
		const req = http.request(
			url,
			{ method: options.method ?? 'GET', headers: options.headers, agent },
			(res) => {
				const clientPort = res.socket.localPort!;
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => {
					const worker = holderOf(app.workers(), Number(url.port), clientPort);
					agent.destroy();
					done({ status: res.statusCode!, text, worker });
				});
			}
		);
		req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
		req.on('error', (e) => (agent.destroy(), fail(e)));
		req.end(options.body);
	});
}

/**
 * kill -9 of one worker while ten learners at a time take the quiz (each submit completes their
 * course): the supervisor replaces it, requests are lost only to the kill, and every submit
 * answered 303 is graded, once, with its progress, completion and certificate.
 */
export async function killWorkerDuringLoad(app: App, url: string, prefix: string) {
	const workers = app.workers();
	expect(workers).toHaveLength(2);
	const cookies = await prepareLearners(url, 80, prefix, 'ley-263-policia', '03-delitos');
	const log: Sent[] = [];
	const load = inParallel(cookies, 10, (cookie) => takeQuiz(app.origin, cookie, log));
	// Kill once the load is under way: some learners through, ten in flight.
	await waitFor(() => answeredSubmits(log).length >= 10, 60_000);
	const listening = app.log().split('Listening on').length;
	const killedAt = Date.now();
	process.kill(workers[0], 'SIGKILL');
	await load;

	const replaced = await waitFor(() => {
		const now = app.workers();
		return now.length === 2 && !now.includes(workers[0]);
	}, 60_000);
	expect(replaced).toBe(true);
	// The replacement serves once it says so.
	await waitFor(() => app.log().split('Listening on').length > listening, 60_000);
	const res = await fetch(`${app.origin}${QUIZ}`, {
		headers: { cookie: cookies[0] },
		redirect: 'manual'
	});
	expect(res.status).toBe(200);

	// Lost only to the kill: requests in flight on the killed worker (ten learners, one request
	// each at a time) and a few sent on keep-alive sockets it held.
	const lost = log.filter((s) => s.status !== 200 && s.status !== 303);
	expect(lost.filter((s) => s.answeredAt < killedAt)).toEqual([]);
	expect(lost.length).toBeLessThanOrEqual(20);
	// The load went on around the kill: most learners got through.
	const answered = answeredSubmits(log);
	expect(answered.length).toBeGreaterThan(50);
	expect(await soundness(url, answered)).toEqual(SOUND);
	expect(await completedOf(url, answered)).toBe(answered.length);
}

/** Forwards 127.0.0.1:`listen` to `target`; `cut()` drops every connection and refuses new ones. */
export function tcpProxy(listen: number, target: URL) {
	const open = new Set<Socket>();
	let refusing = false;
	const server = createServer((client) => {
		if (refusing) return client.destroy();
		const upstream = connect(Number(target.port || 5432), target.hostname);
		for (const s of [client, upstream]) {
			open.add(s);
			s.on('close', () => open.delete(s));
			s.on('error', () => {});
		}
		client.pipe(upstream).pipe(client);
		client.on('close', () => upstream.destroy());
		upstream.on('close', () => client.destroy());
	});
	return {
		start: () => new Promise<void>((r) => server.listen(listen, '127.0.0.1', r)),
		cut() {
			refusing = true;
			for (const s of open) s.destroy();
		},
		restore: () => void (refusing = false),
		connections: () => open.size / 2,
		close: () =>
			new Promise<void>((r) => {
				for (const s of open) s.destroy();
				server.close(() => r());
			})
	};
}
