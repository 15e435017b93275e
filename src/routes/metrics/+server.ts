import { getConfig } from '$lib/server/config';
import { metricsAccess, registry, scrapeMetrics } from '$lib/server/ops/metrics';
import type { RequestHandler } from './$types';

/**
 * Prometheus text format for a scraper holding METRICS_TOKEN; 404 when no token is configured.
 * Under scripts/serve.js the figures are every worker's, whichever worker answers.
 */
export const GET: RequestHandler = async ({ request }) => {
	const access = metricsAccess(request.headers.get('authorization'), getConfig().metricsToken);
	if (access === 'disabled') return new Response('Not Found', { status: 404 });
	if (access === 'unauthorised') {
		return new Response('Unauthorized', {
			status: 401,
			headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' }
		});
	}
	return new Response(await scrapeMetrics(), {
		headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }
	});
};
