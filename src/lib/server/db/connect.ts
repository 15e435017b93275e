import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
	CompiledQuery,
	Kysely,
	SelectQueryNode,
	SqliteAdapter,
	SqliteDialect,
	SqliteQueryCompiler,
	sql,
	type DatabaseConnection,
	type DialectAdapter,
	type Driver,
	type QueryCompiler,
	type QueryResult
} from 'kysely';
import pg from 'pg';
import { PipelinedPostgresDialect } from './pg-pipeline';
import { prepareStatements } from './pg-prepared';
import type { DB } from './schema';

export type Dialect = 'sqlite' | 'postgres';

// PostgreSQL returns int8 (count(*), sums) and numeric (avg) as strings; our figures fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export function dialectOf(url: string): Dialect {
	if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
	if (url.startsWith('file:') || url === ':memory:') return 'sqlite';
	throw new Error(
		`DATABASE_URL must start with "file:" (SQLite) or "postgres://" (PostgreSQL); got "${url}"`
	);
}

/**
 * A better-sqlite3 statement cache: Kysely calls `prepare` for every query, and preparing was the
 * largest single cost when submitting quizzes under load.
 */
function withStatementCache(db: SQLite.Database, size = 500): SQLite.Database {
	const cache = new Map<string, SQLite.Statement>();
	const prepare = db.prepare.bind(db);
	db.prepare = ((sql: string) => {
		let stmt = cache.get(sql);
		if (!stmt) {
			stmt = prepare(sql);
			if (cache.size >= size) cache.delete(cache.keys().next().value!);
			cache.set(sql, stmt);
		}
		return stmt;
	}) as SQLite.Database['prepare'];
	return db;
}

/** How long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
export const SQLITE_WRITE_WAIT_MS = 5000;

/**
 * `busyTimeoutMs`: how long SQLite itself waits for a lock, sleeping inside the call. That sleep
 * blocks the event loop of the whole process, so the write connection uses 0 and waits
 * asynchronously instead (`waitForWriteLock`); readers in WAL mode do not wait for writers.
 */
function openSqlite(file: string, busyTimeoutMs = SQLITE_WRITE_WAIT_MS): SQLite.Database {
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
	sqlite.pragma('synchronous = NORMAL');
	return withStatementCache(sqlite);
}

/** This process's waits for another process's SQLite write lock (read by /metrics). */
export const sqliteLockWaits = { count: 0, seconds: 0 };

const isBusy = (e: unknown) => (e as { code?: string }).code?.startsWith('SQLITE_BUSY') ?? false;

/**
 * Runs `attempt` (a BEGIN IMMEDIATE or an autocommit write, which change nothing when they fail
 * for a lock) until another process lets go of the write lock, sleeping between tries with
 * exponential backoff (1 ms, doubling to 16 ms) so the event loop keeps serving meanwhile. After
 * SQLITE_WRITE_WAIT_MS the last SQLITE_BUSY is thrown, as busy_timeout would.
 * `waited` (tests, metrics): called with the milliseconds spent waiting when there was a wait.
 */
export async function waitForWriteLock<T>(
	attempt: () => T,
	waited?: (ms: number) => void
): Promise<T> {
	const start = performance.now();
	for (let delay = 1; ; delay = Math.min(16, delay * 2)) {
		try {
			const result = attempt();
			if (delay > 1) waited?.(performance.now() - start);
			return result;
		} catch (e) {
			if (!isBusy(e) || performance.now() - start > SQLITE_WRITE_WAIT_MS) throw e;
		}
		await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
	}
}

function run(
	db: SQLite.Database,
	stmt: SQLite.Statement,
	parameters: readonly unknown[]
): QueryResult<unknown> {
	if (stmt.reader) return { rows: stmt.all(parameters) };
	const { changes, lastInsertRowid } = stmt.run(parameters);
	return { insertId: BigInt(lastInsertRowid), numAffectedRows: BigInt(changes), rows: [] };
}

function countWait(ms: number) {
	sqliteLockWaits.count++;
	sqliteLockWaits.seconds += ms / 1000;
}

/** Serialises this process's writers on the one write connection. */
class WriteLock {
	#tail = Promise.resolve();
	async acquire(): Promise<() => void> {
		let release!: () => void;
		const previous = this.#tail;
		this.#tail = new Promise((r) => (release = r));
		await previous;
		return release;
	}
}

/**
 * One write connection and one read connection per process (WAL: readers never wait for a
 * writer). Statements that only read (better-sqlite3's `readonly`) outside a transaction go to the
 * read connection, so a transaction that awaits something else never holds up page views; writes
 * and whole transactions take the write connection in turn. Transactions start with BEGIN
 * IMMEDIATE: with a deferred BEGIN, two processes that both read and then write deadlock, and
 * SQLite answers one of them "database is locked" at once instead of waiting.
 *
 * When another process (a cluster worker, a script) holds the write lock, the writer waits
 * asynchronously (`waitForWriteLock`), never in SQLite's busy handler: that one sleeps inside the
 * call and would stall every request of this process, reads included, for as long as the other
 * process writes.
 */
class SqliteRoutingDriver implements Driver {
	readonly #file: string;
	readonly #lock = new WriteLock();
	#writer!: SQLite.Database;
	#reader!: SQLite.Database;

	constructor(file: string) {
		this.#file = file;
	}

	async init(): Promise<void> {
		this.#writer = openSqlite(this.#file, 0);
		// An in-memory database is private to its connection: there, everything uses the writer.
		this.#reader = this.#file === ':memory:' ? this.#writer : openSqlite(this.#file);
		if (this.#reader !== this.#writer) this.#reader.pragma('query_only = ON');
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		return new SqliteRoutedConnection(this.#writer, this.#reader, this.#lock, this.#file);
	}

	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await (connection as SqliteRoutedConnection).begin();
	}
	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		(connection as SqliteRoutedConnection).end('commit');
	}
	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		(connection as SqliteRoutedConnection).end('rollback');
	}
	async savepoint(connection: DatabaseConnection, name: string) {
		await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
	}
	async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
		await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
	}
	async releaseSavepoint(connection: DatabaseConnection, name: string) {
		await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
	}
	async releaseConnection(): Promise<void> {}

	async destroy(): Promise<void> {
		const release = await this.#lock.acquire();
		if (this.#reader !== this.#writer) this.#reader.close();
		this.#writer.close();
		release();
	}
}

class SqliteRoutedConnection implements DatabaseConnection {
	#release: (() => void) | null = null;
	constructor(
		readonly writer: SQLite.Database,
		readonly reader: SQLite.Database,
		readonly lock: WriteLock,
		readonly file: string
	) {}

	async begin(): Promise<void> {
		const release = await this.lock.acquire();
		try {
			const begin = this.writer.prepare('begin immediate');
			await waitForWriteLock(() => begin.run(), countWait);
			this.#release = release;
		} catch (e) {
			release();
			throw e;
		}
	}

	end(command: 'commit' | 'rollback'): void {
		try {
			this.writer.prepare(command).run();
		} finally {
			this.#release?.();
			this.#release = null;
		}
	}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		if (this.#release)
			return run(this.writer, this.writer.prepare(query.sql), query.parameters) as QueryResult<R>;
		const stmt = this.reader.prepare(query.sql);
		if (stmt.readonly) return run(this.reader, stmt, query.parameters) as QueryResult<R>;
		const release = await this.lock.acquire();
		try {
			const write = this.writer.prepare(query.sql);
			return (await waitForWriteLock(
				() => run(this.writer, write, query.parameters),
				countWait
			)) as QueryResult<R>;
		} finally {
			release();
		}
	}

	async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
		if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams only select queries');
		// A connection running an iterator can run nothing else: streams get their own.
		const own = this.#release ? null : openSqlite(this.file);
		try {
			for (const row of (own ?? this.writer).prepare(query.sql).iterate(query.parameters))
				yield { rows: [row as R] };
		} finally {
			own?.close();
		}
	}
}

class SqliteRoutingDialect extends SqliteDialect {
	readonly #file: string;
	constructor(file: string) {
		super({
			database: async () => {
				throw new Error('unused');
			}
		});
		this.#file = file;
	}
	override createDriver(): Driver {
		return new SqliteRoutingDriver(this.#file);
	}
	override createAdapter(): DialectAdapter {
		return new SqliteConcurrentAdapter();
	}
	override createQueryCompiler(): QueryCompiler {
		return new SqliteStablePlanCompiler();
	}
}

/**
 * Parameters are written `+?`, not `?`. SQLite (3.54, as better-sqlite3 builds it) re-prepares a
 * statement that joins tables every time a parameter that its plan looked at is bound again, and
 * better-sqlite3 then compiles a new row constructor for it: the session query, four tables,
 * took 70–130 µs a run instead of 7 µs, on every request (docs/performance.md). `+?` is the same
 * value with the same (no) affinity, indexes are still used (tests/integration/sqlite-plans.test.ts),
 * and the planner no longer ties the plan to the value bound.
 */
class SqliteStablePlanCompiler extends SqliteQueryCompiler {
	protected override getCurrentParameterPlaceholder(): string {
		return '+?';
	}
}

/** The driver serialises writers itself, so Kysely need not queue every query on one connection. */
class SqliteConcurrentAdapter extends SqliteAdapter {
	override get supportsMultipleConnections(): boolean {
		return true;
	}
}

export type ConnectOptions = {
	/** PostgreSQL only: run every query in this schema (tests use one schema per file). */
	searchPath?: string;
	poolSize?: number;
	/** PostgreSQL only: send parameterised queries as named prepared statements (pg-prepared.ts). */
	preparedStatements?: boolean;
	/** PostgreSQL only: reads outside transactions share a pipelined connection (pg-pipeline.ts). */
	pipeline?: boolean;
};

const pools = new WeakMap<Kysely<DB>, pg.Pool>();

/** The connection pool behind a PostgreSQL instance (read by /metrics); none on SQLite. */
export function pgPoolOf(db: Kysely<DB>): pg.Pool | undefined {
	return pools.get(db);
}

/**
 * Opens every connection a PostgreSQL instance will use (its pool's and the shared one) before the
 * server answers, and returns how many. A new connection costs a backend process, its login and
 * its first statements' catalog lookups; on exam day, paid by the first requests of the burst,
 * that was the worst percentile of the run (docs/performance.md, seventh pass). Nothing on SQLite.
 */
export async function openConnections(db: Kysely<DB>): Promise<number> {
	const pool = pools.get(db);
	if (!pool) return 0;
	const clients = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
	for (const c of clients) c.release();
	await sql`select 1`.execute(db);
	return clients.length + 1;
}

/**
 * Opens a Kysely instance for a DATABASE_URL.
 * @example createDatabase('file:data/aula.db') // SQLite file, created if missing
 * @example createDatabase('postgres://127.0.0.1:5432/aula')
 */
export function createDatabase(url: string, options: ConnectOptions = {}): Kysely<DB> {
	if (dialectOf(url) === 'postgres') {
		const client: pg.ClientConfig = {
			connectionString: url,
			options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
			pipeline: true
		};
		// A fixed-size pool: connections are kept while idle (min = max), so the first requests of a
		// burst after a quiet spell do not each wait for a new backend (openConnections).
		const size = options.poolSize ?? 10;
		const pool = new pg.Pool({ ...client, max: size, min: size });
		// A connection dropped by the server (restart, failover, network) emits 'error' on its
		// client. pg-pool listens only while the client is idle; one lost while a query or a
		// transaction holds it would crash the process (tests/faults/pg-outage.test.ts). The query
		// in flight fails on its own, and the pool discards the broken client when it is released.
		const setup = (client: pg.Client) => {
			if (options.preparedStatements !== false) prepareStatements(client);
		};
		pool.on('connect', (client) => {
			client.on('error', (e) => console.error(`[db] PostgreSQL connection lost: ${e.message}`));
			setup(client);
		});
		// Idle clients' errors reach the pool too (already logged above); the pool opens a new
		// connection when next asked.
		pool.on('error', () => {});
		const dialect = new PipelinedPostgresDialect(pool, {
			client,
			share: options.pipeline !== false,
			setup
		});
		const db = new Kysely<DB>({ dialect });
		pools.set(db, pool);
		return db;
	}
	const file = url === ':memory:' ? ':memory:' : resolve(url.slice('file:'.length));
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	return new Kysely<DB>({ dialect: new SqliteRoutingDialect(file) });
}
