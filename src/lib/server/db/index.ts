import type { Kysely } from 'kysely';
import { getConfig } from '../config';
import { createDatabase } from './connect';
import type { DB } from './schema';

export { createDatabase, dialectOf } from './connect';
export type { DB } from './schema';

let instance: Kysely<DB> | undefined;

/** The application's database, opened on first use from DATABASE_URL. */
export function getDb(): Kysely<DB> {
	instance ??= createDatabase(getConfig().databaseUrl);
	return instance;
}
