/** Helpers shared by the benchmarks: start the built server on a fresh database, time requests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export type Server = { origin: string; dbFile: string; stop: () => void; process: ChildProcess };

export async function startServer(env: Record<string, string> = {}): Promise<Server> {
	const port = 4300 + Math.floor(Math.random() * 500);
	const origin = `http://127.0.0.1:${port}`;
	const dir = mkdtempSync(join(tmpdir(), 'aula-bench-'));
	const dbFile = join(dir, 'aula.db');
	const child = spawn('node', ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATABASE_URL: `file:${dbFile}`,
			LOG_MAIL: '0',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(`${origin}/ingresar`)).ok) break;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		origin,
		dbFile,
		process: child,
		stop: () => {
			child.kill();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i];
}

export function summary(label: string, ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	return {
		label,
		n: s.length,
		p50: percentile(s, 50),
		p90: percentile(s, 90),
		p99: percentile(s, 99),
		max: s.at(-1) ?? NaN
	};
}

export const fmt = (x: number) => `${x.toFixed(1)} ms`;

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
	const out: T[] = new Array(tasks.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
			while (next < tasks.length) {
				const i = next++;
				out[i] = await tasks[i]();
			}
		})
	);
	return out;
}

export function progress(label: string, done: number, total: number) {
	if (!process.stderr.isTTY) {
		if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0)
			console.error(`${label}: ${done}/${total}`);
		return;
	}
	const width = 30;
	const filled = Math.round((done / total) * width);
	process.stderr.write(
		`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`
	);
	if (done === total) process.stderr.write('\n');
}

// Databases the benchmarks and fault tests prepare directly (SQLite file or PostgreSQL).

export type Sql = {
	query: <T>(text: string, params?: unknown[]) => Promise<T[]>;
	close: () => Promise<void>;
};

export async function openSql(url: string): Promise<Sql> {
	if (url.startsWith('postgres')) {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		return {
			query: async (text, params = []) => {
				let n = 0;
				return (
					await client.query(
						text.replace(/\?/g, () => `$${++n}`),
						params
					)
				).rows;
			},
			close: () => client.end()
		};
	}
	const db = new Database(url.slice('file:'.length));
	db.pragma('busy_timeout = 5000');
	return {
		query: async <T>(text: string, params: unknown[] = []) => {
			const stmt = db.prepare(text);
			return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
		},
		close: async () => void db.close()
	};
}

export async function freshPostgres(url: string) {
	const name = new URL(url).pathname.slice(1);
	if (!/^[a-z0-9_]*bench[a-z0-9_]*$/.test(name))
		throw new Error(
			`--db: the PostgreSQL database name must contain "bench" (it is dropped): ${name}`
		);
	const admin = new URL(url);
	admin.pathname = '/postgres';
	const c = new pg.Client({ connectionString: admin.toString() });
	await c.connect();
	await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	await c.query(`CREATE DATABASE ${name}`);
	await c.end();
}

/**
 * Learners of one police institution, enrolled in the Law 263 police course, each with a live
 * session written straight into the database (no argon2, no login request); returns their cookies.
 * `nearlyDone`: every module but `nearlyDone` is completed and that one is read and was passed
 * before, so submitting its quiz once more completes the course and issues the certificate.
 */
export async function prepareLearners(
	url: string,
	count: number,
	prefix: string,
	course = 'ley-263-policia',
	nearlyDone?: string
): Promise<string[]> {
	const modules = readdirSync(`content/courses/${course}`)
		.filter((f) => /^\d\d-.*\.md$/.test(f))
		.map((f) => f.slice(0, -3));
	if (nearlyDone && !modules.includes(nearlyDone))
		throw new Error(`no module ${nearlyDone} in ${course}`);
	const db = await openSql(url);
	try {
		const [inst] = await db.query<{ id: number }>(
			"SELECT id FROM institutions WHERE sector = 'police' ORDER BY id LIMIT 1"
		);
		const [ver] = await db.query<{ version: string }>(
			'SELECT version FROM course_versions WHERE course_slug = ? ORDER BY first_seen_at DESC LIMIT 1',
			[course]
		);
		if (!inst || !ver)
			throw new Error('no police institution or course version: did the server start?');
		const now = new Date().toISOString();
		const expires = new Date(Date.now() + 7 * 86_400_000).toISOString();
		const tokens: string[] = [];
		await db.query('BEGIN');
		for (let i = 0; i < count; i++) {
			const email = `${prefix}${i}@bench.example.org`;
			const [user] = await db.query<{ id: number }>(
				"INSERT INTO users (email, full_name, password_hash, country, institution_id, locale, email_verified_at, created_at, updated_at) VALUES (?, ?, NULL, 'BO', ?, 'es', ?, ?, ?) RETURNING id",
				[email, `Efectivo ${i}`, inst.id, now, now, now]
			);
			const [enrolment] = await db.query<{ id: number }>(
				"INSERT INTO enrolments (user_id, course_slug, course_version, status, source, enrolled_at, last_activity_at) VALUES (?, ?, ?, 'active', 'self', ?, ?) RETURNING id",
				[user.id, course, ver.version, now, now]
			);
			for (const slug of nearlyDone ? modules : []) {
				await db.query(
					'INSERT INTO module_progress (enrolment_id, module_slug, read_at, passed_at, quiz_percent, completed_at) VALUES (?, ?, ?, ?, ?, ?)',
					[enrolment.id, slug, now, now, 100, slug === nearlyDone ? null : now]
				);
			}
			// As src/lib/server/auth/session.ts: cookie `<id>.<secret>`, the row keeps sha256(secret) in hex.
			const id = randomBytes(15).toString('hex');
			const secret = randomBytes(20).toString('hex');
			const hash = createHash('sha256').update(secret).digest('hex');
			await db.query(
				'INSERT INTO sessions (id, user_id, secret_hash, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)',
				[id, user.id, hash, now, expires, now]
			);
			tokens.push(`aula_session=${id}.${secret}`);
		}
		await db.query('COMMIT');
		return tokens;
	} finally {
		await db.close();
	}
}

// Server processes and what they cost, from /proc (Linux).

/** The server's process and its children (cluster workers). */
export function processTree(pid: number): number[] {
	try {
		const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean)
			.map(Number);
		return [pid, ...kids.flatMap(processTree)];
	} catch {
		return [];
	}
}

/** CPU ms of a process tree, dead children that were waited for included (cutime, cstime). */
export function cpuMs(pid: number): number {
	let ticks = 0;
	for (const p of processTree(pid)) {
		try {
			const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
			// Fields 14-17 of stat (utime stime cutime cstime), counted from the state (field 3).
			ticks += Number(f[11]) + Number(f[12]) + (p === pid ? Number(f[13]) + Number(f[14]) : 0);
		} catch {
			/* exited meanwhile */
		}
	}
	return ticks * 10; // USER_HZ = 100
}

/** The local PostgreSQL server's main process (its backends are its children), if there is one. */
export function postmasterPid(): number | null {
	const comm = (pid: string) => {
		try {
			return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
		} catch {
			return '';
		}
	};
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		if (comm(pid) !== 'postgres') continue;
		const ppid = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1];
		if (comm(ppid) !== 'postgres') return Number(pid);
	}
	return null;
}

export function rssMb(pid: number): number {
	let kb = 0;
	for (const p of processTree(pid)) {
		try {
			kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
		} catch {
			/* exited meanwhile */
		}
	}
	return kb / 1024;
}

/** A keep-alive client for load generators: node:http costs the generator about half of fetch's CPU. */
export function httpClient(origin: string) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
	return {
		/** Resolves with status and body; rejects with the socket error (its `code`, e.g. ECONNRESET). */
		request(
			path: string,
			options: { method?: string; headers?: Record<string, string>; body?: string } = {}
		): Promise<{ status: number; text: string }> {
			return new Promise((resolve, reject) => {
				const req = http.request(
					origin + path,
					{ method: options.method ?? 'GET', headers: options.headers, agent },
					(res) => {
						let text = '';
						res.setEncoding('utf8');
						res.on('data', (d: string) => (text += d));
						res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
						res.on('error', reject);
					}
				);
				req.on('error', reject);
				req.end(options.body);
			});
		},
		close: () => agent.destroy()
	};
}
