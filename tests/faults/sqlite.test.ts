// Two workers (scripts/serve.js) on one SQLite file, one server for the whole file:
// - they share nothing in memory: a signed-in learner is served by both (sessions are in the
//   database), and the login lock-out counts failures from both. Each request goes on a connection
//   of its own, which the cluster hands to the workers in turn; the worker that answered is read
//   from /proc (which process holds the connection), not from the app;
// - kill -9 of one worker during a quiz load: replaced, no submission lost, doubled or
//   half-written, and the SQLite file intact.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, prepareLearners } from '../../bench/lib.ts';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	killWorkerDuringLoad,
	port,
	requestOnNewConnection,
	startApp,
	tempDir,
	type App
} from './support';

const PASSWORD = 'contraseña-de-prueba-2026';
const METRICS_TOKEN = 'fault-test-metrics-token-0123456789';

describe('two workers on one SQLite file', () => {
	const tmp = tempDir();
	const url = `file:${tmp.dir}/aula.db`;
	let app: App | undefined;
	beforeAll(async () => {
		app = await startApp('scripts/serve.js', port(0), {
			DATABASE_URL: url,
			CERT_KEY_FILE: `${tmp.dir}/key.pem`,
			WEB_CONCURRENCY: '2',
			METRICS_TOKEN
		});
	});
	afterAll(async () => {
		await app?.stop();
		if (process.env.FAULT_LOG) console.log(app?.log());
		tmp.remove();
	});

	it('serves a signed-in learner from both workers with one cookie', async () => {
		const [cookie] = await prepareLearners(url, 1, 'both-');
		const anonymous = await requestOnNewConnection(app!, '/mis-cursos');
		expect(anonymous.status).toBe(303); // the page needs a session
		const served = [];
		for (let i = 0; i < 20; i++) {
			const res = await requestOnNewConnection(app!, '/mis-cursos', { headers: { cookie } });
			expect(res.status).toBe(200);
			expect(res.text).toContain('Efectivo 0');
			served.push(res.worker);
		}
		expect(new Set(served)).toEqual(new Set(app!.workers()));
		expect(app!.workers()).toHaveLength(2);
	});

	it('answers /metrics for both workers whichever one gets the scrape, only with the token', async () => {
		const auth = { authorization: `Bearer ${METRICS_TOKEN}` };
		expect((await requestOnNewConnection(app!, '/metrics')).status).toBe(401);
		const healthCount = (text: string) =>
			Number(
				/^aula_http_requests_total\{[^}]*route="\/health"[^}]*status="200"[^}]*\} (\d+)$/m.exec(
					text
				)?.[1] ?? 0
			);
		const before = healthCount(
			(await requestOnNewConnection(app!, '/metrics', { headers: auth })).text
		);
		const served = new Set();
		for (let i = 0; i < 10; i++) served.add((await requestOnNewConnection(app!, '/health')).worker);
		expect(served.size).toBe(2);
		// Each worker in turn gets a scrape (new connections), and each sees all ten requests and
		// both workers' event loops.
		const scrapedBy = new Set();
		for (let i = 0; i < 4; i++) {
			const res = await requestOnNewConnection(app!, '/metrics', { headers: auth });
			expect(res.status).toBe(200);
			scrapedBy.add(res.worker);
			expect(healthCount(res.text)).toBe(before + 10);
			const loops = [...res.text.matchAll(/^aula_eventloop_delay_max_seconds\{worker="(\d+)"\}/gm)];
			expect(new Set(loops.map((m) => Number(m[1])))).toEqual(new Set(app!.workers()));
		}
		expect(scrapedBy.size).toBe(2);
	});

	it('locks the account after 10 failures spread over both workers, on both', async () => {
		const email = 'bloqueo@bench.example.org';
		const db = await openSql(url);
		try {
			const now = new Date().toISOString();
			await db.query(
				"INSERT INTO users (email, full_name, password_hash, country, locale, email_verified_at, created_at, updated_at) VALUES (?, 'Bloqueo', ?, 'BO', 'es', ?, ?, ?)",
				[email, await hashPassword(PASSWORD), now, now, now]
			);
		} finally {
			await db.close();
		}
		const logIn = (password: string) =>
			requestOnNewConnection(app!, '/ingresar', {
				method: 'POST',
				headers: {
					origin: app!.origin,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				body: new URLSearchParams({ email, password }).toString()
			});

		// The password is right: it signs in (and a success clears earlier failures).
		expect((await logIn(PASSWORD)).status).toBe(303);
		const failedOn = [];
		for (let i = 0; i < 10; i++) {
			const res = await logIn('contraseña-equivocada');
			expect(res.status).toBe(400);
			failedOn.push(res.worker);
		}
		expect(new Set(failedOn)).toEqual(new Set(app!.workers()));
		// Now even the right password is refused, whichever worker answers.
		const lockedOn = new Set<number | undefined>();
		for (let i = 0; i < 6; i++) {
			const res = await logIn(PASSWORD);
			expect(res.status).toBe(429);
			lockedOn.add(res.worker);
		}
		expect(lockedOn).toEqual(new Set(app!.workers()));
	});

	it('replaces a worker killed during the load, losing, doubling or half-writing no submission', async () => {
		await killWorkerDuringLoad(app!, url, 'kill-');
		const db = new Database(`${tmp.dir}/aula.db`, { readonly: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		} finally {
			db.close();
		}
	});
});
