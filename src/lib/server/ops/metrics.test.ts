import { describe, expect, it } from 'vitest';
import { metricsAccess, observeRequest, registry } from './metrics';

describe('metricsAccess', () => {
	const token = 'a-long-enough-metrics-token';
	it('is off without a configured token, whatever the request says', () => {
		expect(metricsAccess(null, undefined)).toBe('disabled');
		expect(metricsAccess(`Bearer ${token}`, undefined)).toBe('disabled');
	});
	it('opens only to the exact bearer token', () => {
		expect(metricsAccess(`Bearer ${token}`, token)).toBe('ok');
		expect(metricsAccess(`bearer  ${token}`, token)).toBe('ok');
		expect(metricsAccess(null, token)).toBe('unauthorised');
		expect(metricsAccess(`Bearer ${token}x`, token)).toBe('unauthorised');
		expect(metricsAccess(`Basic ${token}`, token)).toBe('unauthorised');
		expect(metricsAccess('Bearer ', token)).toBe('unauthorised');
	});
});

/** The value of the series `name` whose labels include `labels` (label order is the library's). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
	for (const line of text.split('\n')) {
		const m = line.match(/^(\w+)\{(.*)\} (\S+)$/);
		if (!m || m[1] !== name) continue;
		const has = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
		if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(m[3]);
	}
	return undefined;
}

describe('request metrics', () => {
	it("counts requests and their latency per route id, and each worker's event-loop delay", async () => {
		observeRequest('GET', '/cursos/[slug]', 200, 0.03);
		observeRequest('GET', '/cursos/[slug]', 200, 0.2);
		observeRequest('BREW', null, 404, 0.001);
		const text = await registry.metrics();
		const route = { method: 'GET', route: '/cursos/[slug]' };
		expect(sample(text, 'aula_http_requests_total', { ...route, status: '200' })).toBe(2);
		expect(
			sample(text, 'aula_http_requests_total', {
				method: 'other',
				route: 'unmatched',
				status: '404'
			})
		).toBe(1);
		expect(
			sample(text, 'aula_http_request_duration_seconds_bucket', { ...route, le: '0.025' })
		).toBe(0);
		expect(
			sample(text, 'aula_http_request_duration_seconds_bucket', { ...route, le: '0.05' })
		).toBe(1);
		expect(
			sample(text, 'aula_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })
		).toBe(2);
		expect(sample(text, 'aula_http_request_duration_seconds_count', route)).toBe(2);
		expect(text).toMatch(/^nodejs_eventloop_lag_seconds \S+$/m);
		expect(
			sample(text, 'aula_eventloop_delay_max_seconds', { worker: String(process.pid) })
		).toBeGreaterThanOrEqual(0);
	});
});
