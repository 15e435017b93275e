import type { Kysely } from 'kysely';
import { getConfig } from '../config';
import { createDatabase } from './connect';
import type { DB } from './schema';

export { createDatabase, dialectOf } from './connect';
export type { DB } from './schema';

let instance: Kysely<DB> | undefined;

/** The application's database, opened on first use from DATABASE_URL. */
export function getDb(): Kysely<DB> {
	if (!instance) {
		const config = getConfig();
		instance = createDatabase(config.databaseUrl, {
			poolSize: config.databasePoolSize,
			preparedStatements: config.databasePreparedStatements,
			pipeline: config.databasePipeline
		});
	}
	return instance;
}

/** Closes the database at shutdown (after the server has answered its last request). */
export async function closeDb(): Promise<void> {
	const db = instance;
	instance = undefined;
	await db?.destroy();
}
