/**
 * Kysely's parameterised queries sent to PostgreSQL as named prepared statements: the server then
 * parses and plans each statement once per connection instead of on every request. On exam day
 * that was half of PostgreSQL's CPU (1.36 → 0.63 ms per request, docs/performance.md).
 * Statements without parameters (migrations, DDL, BEGIN/COMMIT) keep the simple protocol.
 *
 * A statement prepared before a migration changed its table's columns (another instance migrated
 * during a rolling upgrade) fails once with "cached plan must not change result type". The
 * connection then forgets its statements and prepares them again under new names; a query outside
 * a transaction is retried at once, one inside a transaction fails (the transaction is already
 * aborted) and the next one works. Turned off with DATABASE_PREPARED_STATEMENTS=0 (PgBouncer in
 * transaction mode without max_prepared_statements, docs/deploy.md).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Statements a connection keeps prepared at most; more (reports' varying filters) go unnamed. */
export const PREPARED_PER_CONNECTION = 256;

const hashes = new Map<string, string>();

function hashOf(sql: string): string {
	let hash = hashes.get(sql);
	if (!hash) {
		hash = createHash('sha1').update(sql).digest('base64url').slice(0, 20);
		if (hashes.size >= 4096) hashes.clear();
		hashes.set(sql, hash);
	}
	return hash;
}

function isStalePlan(e: unknown): boolean {
	return (
		e instanceof Error &&
		(e as { code?: string }).code === '0A000' &&
		/cached plan must not change result type/.test(e.message)
	);
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

export function prepareStatements(client: pg.Client): void {
	const query = client.query.bind(client) as Query;
	let named = new Set<string>();
	/** Bumped when the server's plans went stale: new names, prepared afresh. */
	let generation = 0;
	let inTransaction = false;

	const run = async (text: string, values: unknown[]): Promise<unknown> => {
		const name = `k${generation}_${hashOf(text)}`;
		if (!named.has(name)) {
			if (named.size >= PREPARED_PER_CONNECTION) return query(text, values);
			named.add(name);
		}
		return query({ name, text, values });
	};

	client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
		if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback) {
			if (typeof text === 'string') {
				if (/^\s*(begin|start transaction)\b/i.test(text)) inTransaction = true;
				else if (/^\s*(commit|end|rollback(?!\s+to\b))\b/i.test(text)) inTransaction = false;
			}
			return query(text, values, callback);
		}
		return run(text, values).catch((e: unknown) => {
			if (!isStalePlan(e)) throw e;
			named = new Set();
			generation++;
			if (inTransaction) throw e;
			return run(text, values);
		});
	}) as typeof client.query;
}
