import type { Migration } from 'kysely/migration';
import type { MigrationModules } from './migrate';

/** The files in /migrations, bundled by Vite (the app and the test runner). */
export function bundledMigrations(): MigrationModules {
	const files = import.meta.glob<Migration>('/migrations/*.ts', { eager: true });
	return Object.fromEntries(
		Object.entries(files).map(([path, mod]) => [path.split('/').pop()!.replace(/\.ts$/, ''), mod])
	);
}
