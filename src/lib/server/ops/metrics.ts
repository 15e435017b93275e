/**
 * Prometheus metrics of this process (prom-client): requests and their latency per route id,
 * the PostgreSQL connection pool, Node's event-loop lag, memory and CPU. Each series carries a
 * `worker` label (the process id): with several processes, each keeps its own figures.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import client from 'prom-client';
import { pgPoolOf } from '../db/connect';
import type { DB } from '../db/schema';

export const registry = new client.Registry();
registry.setDefaultLabels({ worker: String(process.pid) });
client.collectDefaultMetrics({ register: registry });

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
		help: 'PostgreSQL pool connections of this process: total open, idle, and requests waiting for one',
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
		help: 'Largest number of connections the pool of this process opens',
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
