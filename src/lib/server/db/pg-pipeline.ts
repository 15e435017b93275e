/**
 * Kysely's PostgreSQL driver, written for pipelining. On the machines Aula runs on, a round trip
 * to PostgreSQL costs far more in system calls and wake-ups than the statement itself (a trivial
 * prepared statement: ~150 µs of the app's CPU and ~70 µs of the server's, docs/performance.md), so
 * round trips are what this driver saves:
 *
 * - **Statements outside a transaction share one connection per process**, in node-pg's pipeline
 *   mode: a statement is written without waiting for the previous one's answer. Every statement
 *   issued in one turn of the event loop leaves in one write (the socket is corked until
 *   `setImmediate`), so the sessions, attempts and progress that many requests ask for at the same
 *   moment cost one round trip instead of one each. Each statement keeps its own Sync: it is its
 *   own implicit transaction, and one statement's error does not touch the others.
 * - **Transactions take a pool connection of their own**, and BEGIN leaves with the
 *   transaction's first statement instead of being a round trip of its own. (Kysely runs a
 *   transaction's statements one after another, so the rest are a round trip each.)
 * - Statements whose effect outlives them on their connection (an advisory lock held across
 *   statements, SET, LISTEN) and cursors also take a connection of their own (`PINNED`), for as
 *   long as the Kysely connection lasts.
 *
 * DATABASE_PIPELINE=0 turns the shared connection off (every statement takes a pool connection,
 * as Kysely's own driver does).
 */
import type { Socket } from 'node:net';
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresDialect,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type DatabaseIntrospector,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
	type QueryResult,
	type TransactionSettings
} from 'kysely';
import pg from 'pg';

/**
 * Statements whose effect outlives the statement on its connection (a session lock, a setting, a
 * transaction begun by hand): never on the shared one.
 */
const PINNED =
	/\bpg_advisory_(un)?lock\b|^\s*(set|reset|listen|unlisten|declare|begin|start\s+transaction)\b/i;

/**
 * Holds a socket's writes until the event loop has run every callback of this turn, so the
 * statements they issue leave in one write. Nested corks (node-pg corks each statement's messages)
 * are counted by the stream.
 */
const corked = new WeakSet<Socket>();
function batchWrites(client: pg.Client): void {
	const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
	if (corked.has(stream)) return;
	corked.add(stream);
	stream.cork();
	setImmediate(() => {
		corked.delete(stream);
		stream.uncork();
	});
}

async function send<R>(client: pg.Client, query: CompiledQuery): Promise<QueryResult<R>> {
	batchWrites(client);
	const { command, rowCount, rows } = await client.query(query.sql, query.parameters as unknown[]);
	// As Kysely's own driver answers: COMMIT that rolled back says so in its rows.
	if (command === 'COMMIT' || command === 'ROLLBACK') return { rows: [{ command } as R] };
	return {
		numAffectedRows:
			command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
				? BigInt(rowCount ?? 0)
				: undefined,
		rows: (rows ?? []) as R[]
	};
}

/** The connection statements outside transactions share; opened again after it was lost. */
class SharedConnection {
	#client: pg.Client | null = null;
	#connecting: Promise<pg.Client> | null = null;
	#ended = false;

	constructor(
		readonly config: pg.ClientConfig,
		readonly setup: (client: pg.Client) => void
	) {}

	#connect(): Promise<pg.Client> {
		if (this.#ended) return Promise.reject(new Error('database closed'));
		this.#connecting ??= (async () => {
			const client = new pg.Client({ ...this.config, pipeline: true });
			client.on('error', (e) => {
				console.error(`[db] PostgreSQL connection lost: ${e.message}`);
				if (this.#client === client) this.#client = null;
			});
			try {
				await client.connect();
			} catch (e) {
				client.end().catch(() => {});
				throw e;
			} finally {
				this.#connecting = null;
			}
			this.setup(client);
			this.#client = client;
			return client;
		})();
		return this.#connecting;
	}

	async execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		return send(this.#client ?? (await this.#connect()), query);
	}

	/** The backend's process id (tests), connecting if needed. */
	async processId(): Promise<number> {
		const client = this.#client ?? (await this.#connect());
		return (client as unknown as { processID: number }).processID;
	}

	async end(): Promise<void> {
		this.#ended = true;
		const client = this.#client ?? (await this.#connecting?.catch(() => null));
		this.#client = null;
		await client?.end();
	}
}

class PipelinedConnection implements DatabaseConnection {
	#own: pg.PoolClient | null = null;
	/** BEGIN, sent and not yet awaited: it leaves with the transaction's first statement. */
	#begin: Promise<unknown> | null = null;
	#broken = false;

	constructor(
		readonly pool: pg.Pool,
		readonly shared: SharedConnection | null
	) {}

	async own(): Promise<pg.PoolClient> {
		this.#own ??= await this.pool.connect();
		return this.#own;
	}

	async begin(sql: string): Promise<void> {
		const begin = send(await this.own(), CompiledQuery.raw(sql));
		begin.catch(() => {});
		this.#begin = begin;
	}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		if (!this.#own && this.shared && !PINNED.test(query.sql)) return this.shared.execute(query);
		const result = send<R>(await this.own(), query);
		const begin = this.#begin;
		this.#begin = null;
		if (begin) {
			try {
				await begin;
			} catch (e) {
				result.catch(() => {});
				throw e;
			}
		}
		return result;
	}

	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('streaming is not used with PostgreSQL');
	}

	/** After a failed ROLLBACK the connection's state is unknown: the pool discards it. */
	markBroken(): void {
		this.#broken = true;
	}

	release(): void {
		this.#own?.release(this.#broken);
		this.#own = null;
		this.#begin = null;
	}
}

class PipelinedDriver implements Driver {
	constructor(
		readonly pool: pg.Pool,
		readonly shared: SharedConnection | null
	) {}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		const connection = new PipelinedConnection(this.pool, this.shared);
		// Without a shared connection every statement takes a pool connection, as Kysely's does.
		if (!this.shared) await connection.own();
		return connection;
	}

	async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		let sql = 'begin';
		if (settings.isolationLevel || settings.accessMode) {
			sql = 'start transaction';
			if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
			if (settings.accessMode) sql += ` ${settings.accessMode}`;
		}
		await (c as PipelinedConnection).begin(sql);
	}

	async commitTransaction(c: DatabaseConnection): Promise<void> {
		const { rows } = await c.executeQuery<{ command: string }>(CompiledQuery.raw('commit'));
		if (rows[0]?.command === 'ROLLBACK') throw new Error('the transaction was rolled back');
	}

	async rollbackTransaction(c: DatabaseConnection): Promise<void> {
		try {
			await c.executeQuery(CompiledQuery.raw('rollback'));
		} catch (e) {
			(c as PipelinedConnection).markBroken();
			throw e;
		}
	}

	async savepoint(c: DatabaseConnection, name: string): Promise<void> {
		await c.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
	}
	async rollbackToSavepoint(c: DatabaseConnection, name: string): Promise<void> {
		await c.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
	}
	async releaseSavepoint(c: DatabaseConnection, name: string): Promise<void> {
		await c.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
	}

	async releaseConnection(c: DatabaseConnection): Promise<void> {
		(c as PipelinedConnection).release();
	}

	async destroy(): Promise<void> {
		await this.shared?.end();
		await this.pool.end();
	}
}

export type PipelineOptions = {
	/** Options for the shared connection (the pool's own are taken from the pool). */
	client: pg.ClientConfig;
	/** Share one connection for statements outside transactions (DATABASE_PIPELINE, default on). */
	share: boolean;
	/** Called with every new connection, the shared one and the pool's. */
	setup: (client: pg.Client) => void;
};

/** Kysely's PostgreSQL dialect with the pipelining driver above. */
export class PipelinedPostgresDialect extends PostgresDialect {
	readonly #pool: pg.Pool;
	readonly #shared: SharedConnection | null;

	constructor(pool: pg.Pool, options: PipelineOptions) {
		super({ pool });
		this.#pool = pool;
		this.#shared = options.share ? new SharedConnection(options.client, options.setup) : null;
	}
	override createDriver(): Driver {
		return new PipelinedDriver(this.#pool, this.#shared);
	}
	override createAdapter(): DialectAdapter {
		return new PostgresAdapter();
	}
	override createQueryCompiler(): QueryCompiler {
		return new PostgresQueryCompiler();
	}
	override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
		return new PostgresIntrospector(db);
	}
	/** Tests: the shared connection's backend process, or null when it is off. */
	sharedProcessId(): Promise<number> | null {
		return this.#shared?.processId() ?? null;
	}
}
