import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { checkDatabase } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/** For the load balancer: 200 while the database answers, 503 otherwise. No session is read. */
export const GET: RequestHandler = async () => {
	const health = await checkDatabase(getDb());
	return json(health.ok ? { status: 'ok' } : { status: 'unavailable' }, {
		status: health.ok ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' }
	});
};
