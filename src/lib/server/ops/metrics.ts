/**
 * Prometheus metrics (prom-client): requests and their latency per route id, the PostgreSQL
 * connection pool, SQLite write-lock waits, Node's event-loop delay, memory and CPU.
 *
 * Under scripts/serve.js (node:cluster) one scrape answers for every worker: the worker that
 * receives /metrics asks the primary, which collects each worker's registry over IPC and
 * aggregates them (prom-client's AggregatorRegistry): request counts and histograms are summed,
 * default process metrics aggregated as prom-client defines. `aula_eventloop_delay_max_seconds`
 * keeps a `worker` label (the process id), so a worker that stalls is seen as itself.
 */
import cluster from 'node:cluster';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import client from 'prom-client';
import { pgPoolOf, sqliteLockWaits } from '../db/connect';
import type { DB } from '../db/schema';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
new client.Gauge({
	name: 'aula_eventloop_delay_max_seconds',
	help: 'Longest event-loop delay of each worker since the previous scrape (a stall blocks every request of that worker)',
	labelNames: ['worker'] as const,
	registers: [registry],
	collect() {
		this.set({ worker: String(process.pid) }, delay.max / 1e9);
		delay.reset();
	}
});

new client.Counter({
	name: 'aula_db_sqlite_lock_waits_total',
	help: 'SQLite writes that found another process holding the write lock and waited (without blocking the event loop)',
	registers: [registry],
	collect() {
		this.reset();
		this.inc(sqliteLockWaits.count);
	}
});
new client.Counter({
	name: 'aula_db_sqlite_lock_wait_seconds_total',
	help: 'Time SQLite writes spent waiting for another process to release the write lock',
	registers: [registry],
	collect() {
		this.reset();
		this.inc(sqliteLockWaits.seconds);
	}
});

const requests = new client.Counter({
	name: 'aula_http_requests_total',
	help: 'HTTP requests answered, by method, SvelteKit route id and status code',
	labelNames: ['method', 'route', 'status'] as const,
	registers: [registry]
});

const duration = new client.Histogram({
	name: 'aula_http_request_duration_seconds',
	help: 'Time until the response headers, by method and SvelteKit route id',
	labelNames: ['method', 'route'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Records one request. Labels stay few: unknown methods and unmatched paths are grouped. */
export function observeRequest(
	method: string,
	routeId: string | null,
	status: number,
	seconds: number
) {
	const m = METHODS.has(method) ? method : 'other';
	const route = routeId ?? 'unmatched';
	requests.inc({ method: m, route, status: String(status) });
	duration.observe({ method: m, route }, seconds);
}

/** Pool gauges for the app's database, read at each scrape (PostgreSQL only). */
export function watchPool(db: Kysely<DB>) {
	const pool = pgPoolOf(db);
	if (!pool || registry.getSingleMetric('aula_db_pool_connections')) return;
	new client.Gauge({
		name: 'aula_db_pool_connections',
		help: 'PostgreSQL pool connections (all workers): total open, idle, and requests waiting for one',
		labelNames: ['state'] as const,
		registers: [registry],
		collect() {
			this.set({ state: 'total' }, pool.totalCount);
			this.set({ state: 'idle' }, pool.idleCount);
			this.set({ state: 'waiting' }, pool.waitingCount);
		}
	});
	new client.Gauge({
		name: 'aula_db_pool_max',
		help: 'Largest number of connections the pools open (all workers)',
		registers: [registry],
		collect() {
			this.set(pool.options.max);
		}
	});
}

export type MetricsAccess = 'ok' | 'disabled' | 'unauthorised';

/** /metrics is off (404) without METRICS_TOKEN, and needs `Authorization: Bearer <token>`. */
export function metricsAccess(
	authorization: string | null,
	token: string | undefined
): MetricsAccess {
	if (!token) return 'disabled';
	const given = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? '';
	// Compare digests: equal lengths, and no timing hint about the token.
	const digest = (s: string) => createHash('sha256').update(s).digest();
	return timingSafeEqual(digest(given), digest(token)) ? 'ok' : 'unauthorised';
}

// ---------------------------------------------------------------- one scrape for all workers

const REQUEST = 'aula:metrics-request';
const ANSWER = 'aula:metrics-answer';
const pending = new Map<string, (answer: { text?: string; error?: string }) => void>();

if (cluster.isWorker) {
	// Answer the primary's collection (prom-client's own IPC messages) with this registry…
	client.AggregatorRegistry.setRegistries([registry]);
	new client.AggregatorRegistry();
	// …and receive the aggregate this worker asked for.
	process.on(
		'message',
		(message: { type?: string; id?: string; text?: string; error?: string }) => {
			if (message?.type !== ANSWER || !message.id) return;
			pending.get(message.id)?.(message);
			pending.delete(message.id);
		}
	);
}

/**
 * The Prometheus text for a scrape: every worker's figures aggregated by the cluster primary
 * (scripts/serve.js answers `aula:metrics-request`), or this process's own outside a cluster.
 */
export async function scrapeMetrics(timeoutMs = 10_000): Promise<string> {
	if (!cluster.isWorker || !process.send) return registry.metrics();
	const id = randomUUID();
	const answer = await new Promise<{ text?: string; error?: string }>((resolve) => {
		const timer = setTimeout(() => {
			pending.delete(id);
			resolve({ error: `no answer from the cluster primary within ${timeoutMs} ms` });
		}, timeoutMs);
		pending.set(id, (a) => {
			clearTimeout(timer);
			resolve(a);
		});
		process.send!({ type: REQUEST, id });
	});
	if (answer.text === undefined) throw new Error(answer.error ?? 'no metrics');
	return answer.text;
}
