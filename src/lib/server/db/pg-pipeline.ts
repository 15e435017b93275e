/**
 * Kysely's PostgreSQL driver, written for pipelining. On the machines Aula runs on, a round trip
 * to PostgreSQL costs far more in system calls and wake-ups than the statement itself (a trivial
 * prepared statement: ~150 µs of the app's CPU and ~70 µs of the server's, docs/performance.md), so
 * round trips are what this driver saves:
 *
 * - **Reads outside a transaction share one connection per process**, in node-pg's pipeline
 *   mode: a statement is written without waiting for the previous one's answer. Statements leave
 *   in batches (`Batcher`): all those issued in one turn of the event loop together, and while a
 *   batch awaits its answers, whatever is issued meanwhile waits to leave with the next. So the
 *   sessions, attempts and progress that many requests read at the same moment cost one round
 *   trip instead of one each. Each statement keeps its own Sync: one's error does not touch the
 *   others. Writes do not go there (`onlyReads`): PostgreSQL flushes a write's WAL before it reads
 *   the next statement, so one slow flush would hold up every read of the process.
 * - **Writes and transactions take a pool connection of their own**, and BEGIN leaves with the
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
	PostgresDialect,
	RawNode,
	SelectQueryNode,
	type DatabaseConnection,
	type Driver,
	type QueryResult,
	type TransactionSettings
} from 'kysely';
import pg from 'pg';
import { oneAfterAnother, type BatchingConnection } from './batch';

/**
 * Statements whose effect outlives the statement on its connection (a session lock, a setting, a
 * transaction begun by hand): never on the shared one.
 */
const PINNED =
	/\bpg_advisory_(un)?lock\b|^\s*(set|reset|listen|unlisten|declare|begin|start\s+transaction)\b/i;

/**
 * Whether a statement only reads, and so may go on the shared connection. A write waits there for
 * its WAL flush (and perhaps for a row lock a transaction holds) before PostgreSQL reads the next
 * statement, and every statement queued behind it would wait too; a plain read waits for neither.
 * A read that locks rows (FOR UPDATE/SHARE) or a WITH clause (it may write) is not plain.
 */
function onlyReads(query: CompiledQuery): boolean {
	const node = query.query;
	const select = SelectQueryNode.is(node)
		? !node.with
		: RawNode.is(node) && /^\s*select\b/i.test(query.sql);
	return select && !/\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i.test(query.sql);
}

/**
 * When a connection's statements leave. One issued while none of the connection's statements awaits
 * its answer leaves at the end of this turn of the event loop (`setImmediate`), with every other
 * issued in the same turn. One issued while others await their answers waits for them, then
 * leaves with everything issued meanwhile: PostgreSQL answers a connection's statements in order,
 * so it would have waited behind them anyway, and under load one write carries many statements.
 * (node-pg corks each statement's own messages too; the stream counts nested corks.)
 */
class Batcher {
	/** Statements written into the corked stream, not yet sent. */
	#held: { count: number; sent: boolean } = { count: 0, sent: false };
	/** Statements sent and not yet answered. */
	#awaited = 0;
	#scheduled = false;

	constructor(readonly stream: Socket) {}

	/** Call before writing a statement; call what it returns once the statement is answered. */
	hold(): () => void {
		const batch = this.#held;
		if (batch.count++ === 0) this.stream.cork();
		if (this.#awaited === 0) this.#schedule();
		return () => {
			if (!batch.sent) return; // its connection failed before it left
			if (--this.#awaited === 0 && this.#held.count > 0) this.#schedule();
		};
	}

	#schedule(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			const batch = this.#held;
			if (batch.count === 0) return;
			batch.sent = true;
			this.#awaited += batch.count;
			this.#held = { count: 0, sent: false };
			this.stream.uncork();
		});
	}
}

const batchers = new WeakMap<pg.Client, Batcher>();

function batcherOf(client: pg.Client): Batcher {
	let batcher = batchers.get(client);
	if (!batcher) {
		const { stream } = (client as unknown as { connection: { stream: Socket } }).connection;
		batcher = new Batcher(stream);
		batchers.set(client, batcher);
	}
	return batcher;
}

async function send<R>(client: pg.Client, query: CompiledQuery): Promise<QueryResult<R>> {
	const answered = batcherOf(client).hold();
	let result: pg.QueryResult;
	try {
		result = await client.query(query.sql, query.parameters as unknown[]);
	} finally {
		answered();
	}
	const { command, rowCount, rows } = result;
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

/** The connection reads outside transactions share; opened again after it was lost. */
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
			const forget = () => {
				if (this.#client === client) this.#client = null;
			};
			client.on('error', (e) => {
				console.error(`[db] PostgreSQL connection lost: ${e.message}`);
				forget();
			});
			client.on('end', forget);
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

	async end(): Promise<void> {
		this.#ended = true;
		const client = this.#client ?? (await this.#connecting?.catch(() => null));
		this.#client = null;
		await client?.end();
	}
}

class PipelinedConnection implements BatchingConnection {
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
		if (!this.#own && this.shared && onlyReads(query) && !PINNED.test(query.sql))
			return this.shared.execute(query);
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

	/**
	 * Statements sent together (db/batch.ts): in one write, on this connection's own pool connection
	 * (or on the shared one when all only read outside a transaction). Without pipelining
	 * (DATABASE_PIPELINE=0), one after another.
	 */
	async executeBatch(queries: readonly CompiledQuery[]): Promise<QueryResult<unknown>[]> {
		if (!this.shared || queries.some((q) => PINNED.test(q.sql)))
			return oneAfterAnother(this, queries);
		if (!this.#own && queries.every(onlyReads))
			return Promise.all(queries.map((q) => this.shared!.execute(q)));
		const client = await this.own();
		const sent = queries.map((q) => send(client, q));
		const begin = this.#begin;
		this.#begin = null;
		// Every answer is awaited before failing (none left unhandled); the first error is the cause,
		// the later ones only say that the transaction was aborted.
		const settled = await Promise.allSettled(begin ? [begin, ...sent] : sent);
		for (const s of settled) if (s.status === 'rejected') throw s.reason;
		return (settled as PromiseFulfilledResult<QueryResult<unknown>>[])
			.slice(begin ? 1 : 0)
			.map((s) => s.value);
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
	/** Share one connection for reads outside transactions (DATABASE_PIPELINE, default on). */
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
}
