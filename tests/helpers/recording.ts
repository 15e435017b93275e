/** A view of a database that writes down every query it compiles (transactions' BEGIN/COMMIT aside). */
import type { CompiledQuery, Kysely, KyselyPlugin } from 'kysely';
import type { DB } from '../../src/lib/server/db/schema';

export function recording(db: Kysely<DB>) {
	const queries: CompiledQuery[] = [];
	const executor = db.getExecutor();
	const plugin: KyselyPlugin = {
		transformQuery({ node, queryId }) {
			queries.push(executor.compileQuery(node, queryId));
			return node;
		},
		transformResult: async ({ result }) => result
	};
	return {
		db: db.withPlugin(plugin),
		queries,
		/** The SQL of each query, in order (parameters stay out of the text). */
		get statements() {
			return queries.map((q) => q.sql);
		}
	};
}
