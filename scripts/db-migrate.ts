/** npm run db:migrate — brings DATABASE_URL (default file:data/aula.db) to the latest migration. */
import { getConfig } from '../src/lib/server/config.ts';
import { migrate, openDatabase } from './db.ts';

const db = openDatabase();
try {
	const { results } = await migrate(db);
	if (!results?.length) console.log('Database already up to date.');
	for (const r of results ?? []) console.log(`${r.status === 'Success' ? '✔' : '✘'} ${r.migrationName}`);
	console.log(`Database: ${getConfig().databaseUrl.replace(/\/\/[^@]*@/, '//***@')}`);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
