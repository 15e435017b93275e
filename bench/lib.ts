/** Helpers shared by the benchmarks: start the built server on a fresh database, time requests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Server = { origin: string; dbFile: string; stop: () => void; process: ChildProcess };

export async function startServer(env: Record<string, string> = {}): Promise<Server> {
	const port = 4300 + Math.floor(Math.random() * 500);
	const origin = `http://127.0.0.1:${port}`;
	const dir = mkdtempSync(join(tmpdir(), 'aula-bench-'));
	const dbFile = join(dir, 'aula.db');
	const child = spawn('node', ['build/index.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, DATABASE_URL: `file:${dbFile}`, LOG_MAIL: '0', ...env },
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
	return { label, n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
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
		if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) console.error(`${label}: ${done}/${total}`);
		return;
	}
	const width = 30;
	const filled = Math.round((done / total) * width);
	process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
	if (done === total) process.stderr.write('\n');
}
