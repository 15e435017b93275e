// PostgreSQL connections dropped during a quiz load: a TCP proxy between the app and PostgreSQL
// cuts every connection and refuses new ones for 2 s. The app answers again without a restart (no
// worker died), requests fail only during the outage, and nothing is half-written. Restarting the
// shared PostgreSQL server in CI would disturb everything else on it; the proxy does the same to
// this app alone. Needs TEST_DATABASE_URL (CI sets it).
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareLearners } from '../../bench/lib.ts';
import {
	answeredSubmits,
	completions,
	failed,
	freshPostgres,
	inParallel,
	PG_URL,
	port,
	QUIZ,
	sleep,
	SOUND,
	soundness,
	startApp,
	takeQuiz,
	tempDir,
	waitFor,
	type App,
	type Sent
} from './support';

const OUTAGE_MS = 2000;
/** After the proxy lets connections through again, how long the pools may take to be whole. */
const RECOVERY_MS = 1500;

/** Forwards 127.0.0.1:`listen` to `target`; `cut()` drops every connection and refuses new ones. */
function tcpProxy(listen: number, target: URL) {
	const open = new Set<Socket>();
	let refusing = false;
	const server: Server = createServer((client) => {
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

describe.skipIf(!PG_URL)('PostgreSQL connections dropped during the load (two workers)', () => {
	const tmp = tempDir();
	let db: Awaited<ReturnType<typeof freshPostgres>> | undefined;
	let proxy: ReturnType<typeof tcpProxy> | undefined;
	let app: App | undefined;
	beforeAll(async () => {
		db = await freshPostgres();
		proxy = tcpProxy(port(3), new URL(db.url));
		await proxy.start();
		const viaProxy = new URL(db.url);
		viaProxy.host = `127.0.0.1:${port(3)}`;
		app = await startApp('scripts/serve.js', port(2), {
			DATABASE_URL: viaProxy.toString(),
			DATABASE_POOL_SIZE: '5',
			CERT_KEY_FILE: `${tmp.dir}/key.pem`,
			WEB_CONCURRENCY: '2'
		});
	});
	afterAll(async () => {
		await app?.stop();
		if (process.env.FAULT_LOG) console.log(app?.log());
		await proxy?.close();
		await db?.drop();
		tmp.remove();
	});

	it('answers again without a restart, fails only during the outage, half-writes nothing', async () => {
		const workers = app!.workers();
		expect(workers).toHaveLength(2);
		const cookies = await prepareLearners(db!.url, 200, 'cut-', 'ley-263-policia', '03-delitos');
		const log: Sent[] = [];
		// Ten learners at a time; one whose quiz failed is followed after a pause, so the outage
		// does not use up every learner in a burst of instant failures.
		const load = inParallel(cookies, 10, async (cookie) => {
			const before = log.length;
			await takeQuiz(app!.origin, cookie, log);
			if (log.slice(before).some(failed)) await sleep(250);
		});
		await waitFor(() => answeredSubmits(log).length >= 10, 60_000);
		expect(proxy!.connections()).toBeGreaterThan(0);
		const cutAt = Date.now();
		proxy!.cut();
		await sleep(OUTAGE_MS);
		const restoredAt = Date.now();
		proxy!.restore();
		// The load runs on for a while after the outage, then no new learner starts.
		await sleep(RECOVERY_MS + 5000);
		cookies.length = 0;
		await load;

		// No worker died: the same two processes answer.
		expect(app!.workers().sort()).toEqual([...workers].sort());
		const res = await fetch(`${app!.origin}${QUIZ}`, { headers: { cookie: cookies[0] } });
		expect(res.status).toBe(200);
		expect((await fetch(`${app!.origin}/health`)).status).toBe(200);

		// Errors (5xx, no answer) only for requests in flight during the outage or just after it.
		const errors = log.filter(failed);
		expect(errors.length).toBeGreaterThan(0); // the outage did hit requests
		const outside = errors.filter((s) => s.answeredAt < cutAt || s.at > restoredAt + RECOVERY_MS);
		expect(outside).toEqual([]);
		// Anything but 200/303/5xx/no answer would be a wrong answer, not an outage.
		expect(log.filter((s) => !failed(s) && s.status !== 200 && s.status !== 303)).toEqual([]);
		// The load went on after the outage, and was served.
		expect(log.filter((s) => s.at > restoredAt + RECOVERY_MS && !failed(s)).length).toBeGreaterThan(
			10
		);

		const answered = answeredSubmits(log);
		expect(await soundness(db!.url, answered)).toEqual(SOUND);
		expect(await completions(db!.url)).toBeGreaterThanOrEqual(answered.length);
		if (process.env.FAULT_LOG)
			console.log({ requests: log.length, errors: errors.length, answered: answered.length });
	});
});
