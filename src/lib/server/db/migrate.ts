import type { Kysely } from 'kysely';
import {
	Migrator,
	type Migration,
	type MigrationProvider,
	type MigrationResultSet
} from 'kysely/migration';
import type { DB } from './schema';

/** Migrations as modules keyed by file name (e.g. from `import.meta.glob` or a directory read). */
export type MigrationModules = Record<string, Migration>;

export function providerFrom(modules: MigrationModules): MigrationProvider {
	return { getMigrations: async () => modules };
}

/** Brings the database to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(
	db: Kysely<DB>,
	provider: MigrationProvider,
	/** PostgreSQL schema for Kysely's own bookkeeping tables, when not the default one. */
	migrationTableSchema?: string
): Promise<MigrationResultSet> {
	const migrator = new Migrator({ db, provider, migrationTableSchema });
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		const cause = result.error instanceof Error ? result.error.message : String(result.error);
		throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, {
			cause: result.error
		});
	}
	return result;
}
