/**
 * The production entry (`npm start`, `npm run serve`): one adapter-node server per core, sharing
 * the port through node:cluster, replaced when one dies.
 *
 * - WEB_CONCURRENCY sets the number of workers (default: the cores Node may use).
 * - The first worker migrates and seeds the database (hooks.server.ts `init`) before the others
 *   start; they and any replacement start with AULA_STARTUP_TASKS=0. A first worker that fails
 *   (broken content, unreachable database) stops the whole server.
 * - KEEP_ALIVE_TIMEOUT / HEADERS_TIMEOUT (seconds, read by adapter-node) default to 65 / 66: longer
 *   than the idle timeout of clients and proxies (nginx 60 s, Node's fetch 4 s), so the server
 *   never closes an idle socket that a client is about to reuse (ECONNRESET).
 * - SIGTERM / SIGINT: each worker stops accepting, finishes its requests (at most SHUTDOWN_TIMEOUT
 *   seconds, adapter-node's default 30) and closes the database; then the primary exits.
 *
 * - /metrics: the worker that receives the scrape asks the primary (`aula:metrics-request`), which
 *   collects every worker's registry and aggregates them (prom-client's AggregatorRegistry), so one
 *   scrape sees the whole server (src/lib/server/ops/metrics.ts).
 *
 * Nothing a request needs lives in a worker's memory: sessions, throttles, drafts and rate limits
 * are in the database.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import process from 'node:process';
import promClient from 'prom-client';

if (cluster.isPrimary) {
	const count = Number(process.env.WEB_CONCURRENCY) || availableParallelism();
	process.env.KEEP_ALIVE_TIMEOUT ??= '65';
	process.env.HEADERS_TIMEOUT ??= '66';
	let stopping = false;
	/** Recent unexpected exits, to stop replacing workers that die as soon as they start. */
	let crashes = [];

	const fork = (startupTasks) => cluster.fork({ AULA_STARTUP_TASKS: startupTasks ? '1' : '0' });

	const first = fork(true);
	first.once('exit', (code) => {
		if (!first.isListening) {
			console.error(`[cluster] the first worker exited (code ${code}) before listening; stopping`);
			process.exit(1);
		}
	});
	first.once('listening', () => {
		first.isListening = true;
		// Said once every worker of the start listens (tests and operators wait for this line);
		// until then a request may find only the first worker.
		let listening = 1;
		const ready = () =>
			console.info(`[cluster] ${count} worker(s) listening, primary ${process.pid}`);
		if (count === 1) ready();
		for (let i = 1; i < count; i++)
			fork(false).once('listening', () => {
				if (++listening === count) ready();
			});
	});

	const metrics = new promClient.AggregatorRegistry();
	cluster.on('message', (worker, message) => {
		if (message?.type !== 'aula:metrics-request') return;
		metrics.clusterMetrics().then(
			(text) => worker.send({ type: 'aula:metrics-answer', id: message.id, text }),
			(e) => worker.send({ type: 'aula:metrics-answer', id: message.id, error: String(e) })
		);
	});

	cluster.on('exit', (worker, code, signal) => {
		if (stopping || !first.isListening) return;
		const now = Date.now();
		crashes = [...crashes.filter((t) => now - t < 60_000), now];
		console.error(
			`[cluster] worker ${worker.process.pid} died (${signal ?? code}); starting another`
		);
		// Ten deaths in a minute: something is wrong beyond one request; do not spin.
		if (crashes.length > 10) {
			console.error('[cluster] workers keep dying; stopping');
			process.exit(1);
		}
		fork(false);
	});

	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
		cluster.on('exit', () => {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
		});
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGTERM'));
} else {
	await import('../build/index.js');
	// adapter-node emits this once the server is closed (the app's own listener closes the
	// database); the IPC channel to the primary would otherwise keep the worker alive.
	process.once('sveltekit:shutdown', () => cluster.worker?.disconnect());
}
