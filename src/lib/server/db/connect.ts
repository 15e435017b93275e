import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
	CompiledQuery,
	Kysely,
	PostgresDialect,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type SqliteDialectConfig
} from 'kysely';
import pg from 'pg';
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
 * Transactions start with BEGIN IMMEDIATE: they take the write lock up front. With the default
 * deferred BEGIN, two processes on the same file that both read and then write deadlock, and
 * SQLite answers one of them "database is locked" at once instead of waiting (busy_timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class ImmediateSqliteDialect extends SqliteDialect {
	readonly #config: SqliteDialectConfig;
	constructor(config: SqliteDialectConfig) {
		super(config);
		this.#config = config;
	}
	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.#config);
	}
}

/**
 * better-sqlite3 prepares a statement on every call, and Kysely calls `prepare` for every query;
 * preparing was the largest single cost when submitting quizzes under load. Statements are reused
 * here (Kysely runs one query at a time on its one connection, so reuse is safe).
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

export type ConnectOptions = {
	/** PostgreSQL only: run every query in this schema (tests use one schema per file). */
	searchPath?: string;
	poolSize?: number;
};

const pools = new WeakMap<Kysely<DB>, pg.Pool>();

/** The connection pool behind a PostgreSQL instance (read by /metrics); none on SQLite. */
export function pgPoolOf(db: Kysely<DB>): pg.Pool | undefined {
	return pools.get(db);
}

/**
 * Opens a Kysely instance for a DATABASE_URL.
 * @example createDatabase('file:data/aula.db') // SQLite file, created if missing
 * @example createDatabase('postgres://127.0.0.1:5432/aula')
 */
export function createDatabase(url: string, options: ConnectOptions = {}): Kysely<DB> {
	if (dialectOf(url) === 'postgres') {
		const pool = new pg.Pool({
			connectionString: url,
			max: options.poolSize ?? 10,
			options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined
		});
		const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
		pools.set(db, pool);
		return db;
	}
	const file = url === ':memory:' ? ':memory:' : resolve(url.slice('file:'.length));
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}
