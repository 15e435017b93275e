/**
 * A brand-new, empty database (not a schema, as in test-db.ts): what an app instance or a restore
 * meets on a fresh server. SQLite: a path in the temp folder; PostgreSQL: CREATE DATABASE on the
 * server of TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Dialect } from '../../src/lib/server/db/connect';

export type EmptyDb = { url: string; drop: () => Promise<void> };

async function admin(sql: string) {
	const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

export async function createEmptyDatabase(dialect: Dialect): Promise<EmptyDb> {
	const suffix = randomBytes(6).toString('hex');
	if (dialect === 'sqlite') {
		const file = join(tmpdir(), `aula-empty-${suffix}.db`);
		return {
			url: `file:${file}`,
			drop: async () => {
				for (const ext of ['', '-wal', '-shm', '.startup-lock'])
					rmSync(file + ext, { force: true });
			}
		};
	}
	const name = `aula_empty_${suffix}`;
	await admin(`CREATE DATABASE ${name}`);
	const url = new URL(process.env.TEST_DATABASE_URL!);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
