/**
 * Statements that do not need each other's results, run as one batch: on PostgreSQL they leave in
 * one write and cost one round trip together (pg-pipeline.ts); elsewhere they run one after another.
 * Either way they run in order, and a statement sees what the ones before it wrote.
 *
 * Meant for a transaction's statements (`batch(trx, …)`): Kysely runs those one at a time, so a
 * transaction of four statements was four round trips, each holding a pool connection while
 * PostgreSQL was scheduled again. A statement that fails fails the batch; inside a transaction, the
 * statements after it fail too (the transaction is aborted) and the transaction rolls back.
 * Outside a transaction each statement commits on its own.
 */
import type {
	Compilable,
	CompiledQuery,
	DatabaseConnection,
	Kysely,
	QueryResult,
	UnknownRow
} from 'kysely';
import type { DB } from './schema';

/** A connection that can send several statements at once (the PostgreSQL driver's). */
export interface BatchingConnection extends DatabaseConnection {
	executeBatch(queries: readonly CompiledQuery[]): Promise<QueryResult<unknown>[]>;
}

/** The batch on a connection that sends one statement at a time (or must, for one of them). */
export async function oneAfterAnother(
	connection: DatabaseConnection,
	queries: readonly CompiledQuery[]
): Promise<QueryResult<unknown>[]> {
	const out: QueryResult<unknown>[] = [];
	for (const q of queries) out.push(await connection.executeQuery(q));
	return out;
}

function canBatch(c: DatabaseConnection): c is BatchingConnection {
	return typeof (c as Partial<BatchingConnection>).executeBatch === 'function';
}

export type Results<Q extends readonly Compilable<unknown>[]> = {
	[K in keyof Q]: Q[K] extends Compilable<infer R> ? QueryResult<R> : never;
};

export async function batch<const Q extends readonly Compilable<unknown>[]>(
	db: Kysely<DB>,
	queries: Q
): Promise<Results<Q>> {
	const executor = db.getExecutor();
	const compiled = queries.map((q) => q.compile());
	const results = await executor.provideConnection((connection) =>
		canBatch(connection) ? connection.executeBatch(compiled) : oneAfterAnother(connection, compiled)
	);
	// As db.executeQuery would: the plugins see each result.
	for (const plugin of executor.plugins)
		for (const [i, result] of results.entries())
			results[i] = await plugin.transformResult({
				result: result as QueryResult<UnknownRow>,
				queryId: compiled[i].queryId
			});
	return results as Results<Q>;
}
