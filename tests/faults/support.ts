/**
 * Fault tests run the built app (`npm run build` first) as real processes, on ports 4310–4319,
 * with learners and sessions written straight into a fresh database (bench/lib.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const QUIZ = '/cursos/ley-263-policia/03-delitos/evaluacion';

export type App = {
	origin: string;
	child: ChildProcess;
	stop: () => Promise<void>;
	log: () => string;
};

export function tempDir(): { dir: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'aula-fault-'));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `entry` (scripts/serve.js or build/index.js) and waits until it answers. */
export async function startApp(
	entry: string,
	port: number,
	env: Record<string, string>,
	listening = 1
): Promise<App> {
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [resolve(entry)], {
		env: {
			...process.env,
			PORT: String(port),
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
	// Slow on a loaded machine: wait until every worker says it listens (adapter-node's log line).
	for (let i = 0; i < 1200; i++) {
		if (log.split('Listening on').length - 1 < listening) {
			await new Promise((r) => setTimeout(r, 100));
			continue;
		}
		if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${log}`);
		try {
			if ((await fetch(`${origin}/ingresar`)).ok) return { origin, child, stop, log: () => log };
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await stop();
	throw new Error(`${entry} did not answer on ${origin}:\n${log}`);
}

export type Sent = {
	at: number;
	answeredAt: number;
	status: number | 'network';
	attemptId?: number;
	/** For a request that got no answer: why (ECONNRESET, ECONNREFUSED…). */
	error?: string;
};

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
	const send = async (path: string, body?: URLSearchParams, attemptId?: number) => {
		const at = Date.now();
		try {
			const res = await fetch(origin + path, {
				method: body ? 'POST' : 'GET',
				headers: body ? form(cookie, origin) : { cookie },
				body,
				redirect: 'manual',
				signal: AbortSignal.timeout(15_000)
			});
			const text = await res.text();
			log.push({ at, answeredAt: Date.now(), status: res.status, attemptId });
			return { status: res.status, text };
		} catch (e) {
			const cause = (e as { cause?: { code?: string } }).cause;
			log.push({
				at,
				answeredAt: Date.now(),
				status: 'network',
				attemptId,
				error: cause?.code ?? String(e)
			});
			return { status: 0, text: '' };
		}
	};
	if ((await send(`${QUIZ}?/start`, new URLSearchParams())).status !== 303) return;
	const page = await send(QUIZ);
	const id = /name="attemptId" value="(\d+)"/.exec(page.text)?.[1];
	if (!id) return;
	const answers = new URLSearchParams({ attemptId: id });
	for (const m of page.text.matchAll(/<input type="radio" name="(q:[^"]+)" value="([^"]+)"/g)) {
		if (!answers.has(m[1])) answers.set(m[1], m[2]);
	}
	await send(`${QUIZ}?/submit`, answers, Number(id));
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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
