/**
 * The ceiling for the benchmarks: a bare node:http server on WEB_CONCURRENCY workers (node:cluster,
 * as scripts/serve.js) answering every request with the bytes of BARE_FILE, read once into memory.
 *
 *   PORT=4312 WEB_CONCURRENCY=2 BARE_FILE=page.html node bench/bare-server.ts
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';

if (cluster.isPrimary) {
	const count = Number(process.env.WEB_CONCURRENCY) || availableParallelism();
	for (let i = 0; i < count; i++) cluster.fork();
	process.on('SIGTERM', () => {
		for (const w of Object.values(cluster.workers ?? {})) w?.kill();
		process.exit(0);
	});
} else {
	const body = process.env.BARE_FILE ? readFileSync(process.env.BARE_FILE) : Buffer.from('ok');
	const server = createServer((_req, res) => {
		res.writeHead(200, {
			'content-type': 'text/html; charset=utf-8',
			'content-length': body.length
		});
		res.end(body);
	});
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;
	server.listen(Number(process.env.PORT ?? 4312), '127.0.0.1');
}
