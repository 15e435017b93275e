/**
 * Backups of the database and the certificate signing key, as one directory:
 *
 *   manifest.json                 format, date, dialect, schema version, row counts, SHA-256 of each file
 *   database.sqlite               SQLite: a consistent copy (SQLite's online backup API), or
 *   database.pgdump               PostgreSQL: `pg_dump --format=custom` of one snapshot
 *   certificate-signing-key.pem   the Ed25519 key (absent when there was none)
 *
 * The counts are taken in the same snapshot as the copy, so a restore can check that it got
 * everything. Restoring goes to the same dialect the backup came from.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	createReadStream,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { dialectOf, type Dialect } from '../db/connect';
import { keyFromPem } from '../certificates/keys';

export const BACKUP_FORMAT = 'aula-backup/1';
export const MANIFEST_FILE = 'manifest.json';
export const KEY_FILE = 'certificate-signing-key.pem';
export const DATABASE_FILE: Record<Dialect, string> = {
	sqlite: 'database.sqlite',
	postgres: 'database.pgdump'
};

/** What manifest.json holds; read back through this schema, so a damaged manifest is named as such. */
const BackupManifest = z.object({
	format: z.literal(BACKUP_FORMAT),
	created_at: z.string(),
	dialect: z.enum(['sqlite', 'postgres']),
	/** The last migration applied: a restore into an older app version would be refused by it. */
	schema_version: z.string().nullable(),
	/** Rows per table of the application (Kysely's bookkeeping tables left out). */
	counts: z.record(z.string(), z.number()),
	database: z.object({ file: z.string(), bytes: z.number(), sha256: z.string() }),
	key: z.object({ file: z.string(), key_id: z.string(), sha256: z.string() }).nullable()
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** Reports a long job's advance (the scripts show it as a bar or as lines in a log). */
export type OnProgress = (done: number, total: number) => void;

export class BackupError extends Error {}

export async function sha256File(file: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

export function sqliteFileOf(url: string): string {
	return resolve(url.slice('file:'.length));
}

const isAppTable = (name: string) => !name.startsWith('kysely_') && !name.startsWith('sqlite_');

/** Row counts and the last migration of a SQLite file. */
export function inspectSqlite(file: string): Pick<BackupManifest, 'counts' | 'schema_version'> {
	const db = new SQLite(file, { readonly: true, fileMustExist: true });
	try {
		const tables = db
			.prepare(`select name from sqlite_master where type = 'table' order by name`)
			.pluck()
			.all() as string[];
		const counts: Record<string, number> = {};
		for (const t of tables.filter(isAppTable)) {
			counts[t] = db.prepare(`select count(*) from "${t}"`).pluck().get() as number;
		}
		const schema_version = tables.includes('kysely_migration')
			? ((db.prepare('select max(name) from kysely_migration').pluck().get() as string | null) ??
				null)
			: null;
		return { counts, schema_version };
	} finally {
		db.close();
	}
}

/** Row counts and the last migration of the current schema, on an open PostgreSQL client. */
export async function inspectPostgres(
	client: pg.Client
): Promise<Pick<BackupManifest, 'counts' | 'schema_version'>> {
	const { rows } = await client.query<{ name: string }>(
		`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`
	);
	const tables = rows.map((r) => r.name);
	const counts: Record<string, number> = {};
	for (const t of tables.filter(isAppTable)) {
		const res = await client.query<{ n: number }>(`select count(*) as n from "${t}"`);
		counts[t] = Number(res.rows[0].n);
	}
	const schema_version = tables.includes('kysely_migration')
		? ((await client.query<{ v: string | null }>('select max(name) as v from kysely_migration'))
				.rows[0].v ?? null)
		: null;
	return { counts, schema_version };
}

/** Whether a database already holds any table (a restore then needs --force). */
export async function databaseHasTables(url: string): Promise<boolean> {
	if (dialectOf(url) === 'sqlite') {
		const file = sqliteFileOf(url);
		if (!existsSync(file)) return false;
		const db = new SQLite(file, { readonly: true });
		try {
			return (
				(db
					.prepare(`select count(*) from sqlite_master where type = 'table'`)
					.pluck()
					.get() as number) > 0
			);
		} finally {
			db.close();
		}
	}
	const client = await connectPostgres(url);
	try {
		const { rows } = await client.query<{ n: number }>(
			`select count(*) as n from pg_tables where schemaname = current_schema()`
		);
		return Number(rows[0].n) > 0;
	} finally {
		await client.end();
	}
}

async function connectPostgres(url: string) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	return client;
}

/** The URL without its password, which goes to the PostgreSQL tools in PGPASSWORD instead of argv (visible in `ps`). */
function postgresToolTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const u = new URL(url);
	const env: NodeJS.ProcessEnv = { ...process.env };
	if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
	u.password = '';
	return { dbname: u.toString(), env };
}

/**
 * Runs pg_dump or pg_restore, calling `onLine` for each line it prints on stderr (its --verbose
 * progress). Throws a BackupError that says what to install when the tool is missing.
 */
function runPgTool(
	tool: 'pg_dump' | 'pg_restore',
	args: string[],
	env: NodeJS.ProcessEnv,
	onLine: (line: string) => void
): Promise<void> {
	return new Promise((done, fail) => {
		const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
		const errors: string[] = [];
		let buffered = '';
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			buffered += chunk;
			const lines = buffered.split('\n');
			buffered = lines.pop()!;
			for (const line of lines) {
				if (/error|fatal|warning/i.test(line)) errors.push(line);
				onLine(line);
			}
		});
		child.on('error', (e: NodeJS.ErrnoException) =>
			fail(
				e.code === 'ENOENT'
					? new BackupError(
							`${tool} was not found. Install the PostgreSQL client tools of the server's major version or newer ` +
								`(Debian: apt-get install postgresql-client) and try again.`
						)
					: e
			)
		);
		child.on('close', (code) => {
			if (code === 0) done();
			else
				fail(
					new BackupError(`${tool} failed (exit ${code}):\n  ${errors.join('\n  ') || buffered}`)
				);
		});
	});
}

/** SQLite's online backup, 1,000 pages (4 MB) at a time so that the app's writes get in between. */
async function copySqlite(db: SQLite.Database, target: string, onProgress: OnProgress) {
	let total = 0;
	await db.backup(target, {
		progress({ totalPages, remainingPages }) {
			total = totalPages;
			onProgress(totalPages - remainingPages, totalPages);
			return 1000;
		}
	});
	onProgress(total, total);
}

export type BackupInput = {
	databaseUrl: string;
	/** The key PEM from the environment (CERT_SIGNING_KEY), else the file CERT_KEY_FILE. */
	keyPem: string | undefined;
	keyFile: string;
	dir: string;
	onProgress?: OnProgress;
	now?: Date;
};

/** Writes a backup into `dir` (which must be new or empty) and returns its manifest. */
export async function createBackup(input: BackupInput): Promise<BackupManifest> {
	const { databaseUrl, dir, onProgress = () => {} } = input;
	const dialect = dialectOf(databaseUrl);
	const dbFile = join(dir, DATABASE_FILE[dialect]);
	let inspected: Pick<BackupManifest, 'counts' | 'schema_version'>;

	if (dialect === 'sqlite') {
		const source = sqliteFileOf(databaseUrl);
		if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
		const db = new SQLite(source, { readonly: true, fileMustExist: true });
		try {
			// Copies page by page while the app goes on writing; restarts if a page changes under it.
			await copySqlite(db, dbFile, onProgress);
		} finally {
			db.close();
		}
		// The copy keeps the source's WAL mode; a self-contained file is easier to move around.
		const copy = new SQLite(dbFile);
		copy.pragma('journal_mode = DELETE');
		copy.close();
		inspected = inspectSqlite(dbFile);
	} else {
		// One snapshot for the counts and the dump: pg_dump --snapshot reads exactly what we counted.
		const client = await connectPostgres(databaseUrl);
		try {
			await client.query('begin isolation level repeatable read read only');
			const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s'))
				.rows[0].s;
			inspected = await inspectPostgres(client);
			const tables = Object.keys(inspected.counts).length;
			let dumped = 0;
			const { dbname, env } = postgresToolTarget(databaseUrl);
			await runPgTool(
				'pg_dump',
				[
					'--format=custom',
					'--no-owner',
					'--no-privileges',
					`--snapshot=${snapshot}`,
					'--verbose',
					`--file=${dbFile}`,
					`--dbname=${dbname}`
				],
				env,
				(line) => {
					if (/dumping contents of table/.test(line))
						onProgress(Math.min(++dumped, tables), tables);
				}
			);
			onProgress(tables, tables);
			await client.query('commit');
		} finally {
			await client.end();
		}
	}

	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		created_at: (input.now ?? new Date()).toISOString(),
		dialect,
		schema_version: inspected.schema_version,
		counts: inspected.counts,
		database: {
			file: DATABASE_FILE[dialect],
			bytes: statSync(dbFile).size,
			sha256: await sha256File(dbFile)
		},
		key: null
	};
	const pem =
		input.keyPem ?? (existsSync(input.keyFile) ? readFileSync(input.keyFile, 'utf8') : undefined);
	if (pem) {
		const keyPath = join(dir, KEY_FILE);
		writeFileSync(keyPath, pem, { mode: 0o600 });
		manifest.key = {
			file: KEY_FILE,
			key_id: keyFromPem(pem).keyId,
			sha256: await sha256File(keyPath)
		};
	}
	writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, '\t') + '\n');
	return manifest;
}

function parseManifest(text: string, dir: string): BackupManifest {
	const data: unknown = JSON.parse(text);
	const format =
		typeof data === 'object' && data !== null && 'format' in data ? data.format : undefined;
	if (format !== BACKUP_FORMAT) {
		throw new BackupError(
			`${dir}: unknown backup format "${String(format)}" (this version reads ${BACKUP_FORMAT}).`
		);
	}
	const parsed = BackupManifest.safeParse(data);
	if (!parsed.success) {
		const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
		throw new BackupError(`${join(dir, MANIFEST_FILE)} is damaged (${where}).`);
	}
	return parsed.data;
}

/** Reads and checks a backup directory: its format, and that no file changed since it was written. */
export async function readBackup(dir: string): Promise<BackupManifest> {
	const manifestPath = join(dir, MANIFEST_FILE);
	if (!existsSync(manifestPath))
		throw new BackupError(`${dir} is not an Aula backup (no ${MANIFEST_FILE}).`);
	const manifest = parseManifest(readFileSync(manifestPath, 'utf8'), dir);
	for (const part of [manifest.database, manifest.key]) {
		if (!part) continue;
		const file = join(dir, part.file);
		if (!existsSync(file)) throw new BackupError(`${file} is missing from the backup.`);
		if ((await sha256File(file)) !== part.sha256) {
			throw new BackupError(
				`${file} does not match the SHA-256 in the manifest: the backup is damaged.`
			);
		}
	}
	return manifest;
}

export type RestoreInput = {
	databaseUrl: string;
	keyPem: string | undefined;
	keyFile: string;
	dir: string;
	force: boolean;
	onProgress?: OnProgress;
	now?: Date;
};

export type RestoreResult = {
	manifest: BackupManifest;
	/** Tables whose count after the restore differs from the manifest's. */
	differences: { table: string; expected: number | undefined; actual: number | undefined }[];
	key: 'written' | 'same' | 'replaced' | 'from-environment' | 'none';
	/** Where a different key found at CERT_KEY_FILE was moved (with --force). */
	replacedKeyAt?: string;
};

/**
 * Restores a backup into DATABASE_URL and its key to CERT_KEY_FILE. Refuses a target that already
 * holds tables or another key unless `force`; never overwrites a key file, it moves it aside.
 */
export async function restoreBackup(input: RestoreInput): Promise<RestoreResult> {
	const { databaseUrl, dir, force, onProgress = () => {} } = input;
	const manifest = await readBackup(dir);
	const dialect = dialectOf(databaseUrl);
	if (dialect !== manifest.dialect) {
		throw new BackupError(
			`This backup is of a ${manifest.dialect} database and DATABASE_URL points at ${dialect}: restore it into the same kind of database.`
		);
	}

	// Check everything before writing anything.
	const backupKey = manifest.key ? readFileSync(join(dir, manifest.key.file), 'utf8') : undefined;
	let keyAction: RestoreResult['key'] = 'none';
	if (backupKey && manifest.key) {
		if (input.keyPem) {
			if (keyFromPem(input.keyPem).keyId !== manifest.key.key_id) {
				throw new BackupError(
					`CERT_SIGNING_KEY holds another key than the one that signed these certificates (${manifest.key.key_id}). ` +
						`Set CERT_SIGNING_KEY to the contents of ${join(dir, manifest.key.file)}, or unset it to restore the key to CERT_KEY_FILE.`
				);
			}
			keyAction = 'from-environment';
		} else if (!existsSync(input.keyFile)) {
			keyAction = 'written';
		} else if (keyFromPem(readFileSync(input.keyFile, 'utf8')).keyId === manifest.key.key_id) {
			keyAction = 'same';
		} else if (!force) {
			throw new BackupError(
				`${input.keyFile} holds another signing key than the backup's. Run again with --force to move it aside and restore the backup's key.`
			);
		} else {
			keyAction = 'replaced';
		}
	}
	if (!force && (await databaseHasTables(databaseUrl))) {
		throw new BackupError(
			`The target database is not empty. Restore into an empty database, or run again with --force to replace its contents.`
		);
	}

	const source = join(dir, manifest.database.file);
	if (dialect === 'sqlite') {
		const target = sqliteFileOf(databaseUrl);
		// The target is empty or given up (--force); a stale -wal beside it would be replayed into the copy.
		for (const ext of ['', '-wal', '-shm']) rmSync(target + ext, { force: true });
		mkdirSync(dirname(target), { recursive: true });
		const db = new SQLite(source, { readonly: true, fileMustExist: true });
		try {
			await copySqlite(db, target, onProgress);
		} finally {
			db.close();
		}
	} else {
		const tables = Object.keys(manifest.counts).length;
		let restored = 0;
		const { dbname, env } = postgresToolTarget(databaseUrl);
		const args = [
			'--no-owner',
			'--no-privileges',
			'--single-transaction',
			'--exit-on-error',
			'--verbose',
			`--dbname=${dbname}`
		];
		if (force) args.push('--clean', '--if-exists');
		await runPgTool('pg_restore', [...args, source], env, (line) => {
			if (/processing data for table/.test(line)) onProgress(Math.min(++restored, tables), tables);
		});
		onProgress(tables, tables);
	}

	let replacedKeyAt: string | undefined;
	if (backupKey && (keyAction === 'written' || keyAction === 'replaced')) {
		if (keyAction === 'replaced') {
			replacedKeyAt = `${input.keyFile}.replaced-${(input.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
			writeFileSync(replacedKeyAt, readFileSync(input.keyFile), { mode: 0o600 });
		}
		mkdirSync(dirname(input.keyFile), { recursive: true });
		writeFileSync(input.keyFile, backupKey, { mode: 0o600 });
	}

	const after =
		dialect === 'sqlite'
			? inspectSqlite(sqliteFileOf(databaseUrl))
			: await (async () => {
					const client = await connectPostgres(databaseUrl);
					try {
						return await inspectPostgres(client);
					} finally {
						await client.end();
					}
				})();
	const tables = [
		...new Set([...Object.keys(manifest.counts), ...Object.keys(after.counts)])
	].sort();
	const differences = tables
		.filter((t) => manifest.counts[t] !== after.counts[t])
		.map((t) => ({ table: t, expected: manifest.counts[t], actual: after.counts[t] }));
	return { manifest, differences, key: keyAction, replacedKeyAt };
}
