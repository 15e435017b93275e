/** Shared by the command-line scripts: open the configured database with the migrations on disk. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider } from 'kysely/migration';
import { getConfig } from '../src/lib/server/config.ts';
import { createDatabase } from '../src/lib/server/db/connect.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';

export function openDatabase() {
	return createDatabase(getConfig().databaseUrl);
}

export const diskMigrations = () =>
	new FileMigrationProvider({ fs, path, migrationFolder: path.resolve('migrations') });

export async function migrate(db: ReturnType<typeof openDatabase>) {
	return migrateToLatest(db, diskMigrations());
}
