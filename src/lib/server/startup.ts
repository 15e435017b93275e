/**
 * What the server does once before it answers: migrate, import the bundled course files, seed
 * institutions, seed demo accounts.
 * Several instances (or cluster workers) may start at once: they take turns (withStartupLock),
 * and every step finds the work of an earlier instance done.
 */
import type { Kysely } from 'kysely';
import { getConfig } from './config';
import { migrateToLatest, providerFrom, type MigrationModules } from './db/migrate';
import type { DB } from './db/schema';
import { issueMissingCertificates } from './certificates/repository';
import { getSigningKey } from './certificates/keys';
import { contentFiles, getCatalog, listCourses, refreshCatalog } from './courses/catalog';
import { importCourses } from './courses/revisions';
import { syncCourseVersions } from './enrolment/repository';
import { seedInstitutions } from './institutions/repository';
import { withStartupLock } from './ops/startup-lock';
import { DEMO_PASSWORD, seedDemoAccounts } from './seed/demo';

export async function prepareDatabase(
	db: Kysely<DB>,
	migrations: MigrationModules,
	url = getConfig().databaseUrl
) {
	await withStartupLock(url, db, () => prepareLocked(db, migrations));
}

async function prepareLocked(db: Kysely<DB>, migrations: MigrationModules) {
	const { results } = await migrateToLatest(db, providerFrom(migrations));
	for (const r of results ?? []) console.info(`[db] migration ${r.migrationName}: ${r.status}`);
	// The bundled files are checked (throws on a content error), then published unless the
	// database has published that text before: a restart never undoes a trainer's publication.
	getCatalog();
	const { imported } = await importCourses(db, contentFiles());
	if (imported.length) console.info(`[content] imported ${imported.join(', ')}`);
	await refreshCatalog(db, { force: true });
	const courses = listCourses();
	await syncCourseVersions(db, courses);
	console.info(
		`[content] ${courses.length} courses: ${courses.map((c) => `${c.slug}@${c.version}`).join(', ')}`
	);
	getSigningKey();
	const backfilled = await issueMissingCertificates(db, courses);
	if (backfilled) console.info(`[certificates] issued ${backfilled} missing certificate(s)`);
	const added = await seedInstitutions(db);
	if (added) console.info(`[db] added ${added} institutions from the seed list`);
	if (getConfig().seedDemo) {
		const demo = await seedDemoAccounts(db);
		if (demo.length) {
			console.info(`[demo] demo accounts created (password for all: ${DEMO_PASSWORD}):`);
			for (const a of demo) console.info(`[demo]   ${a.role.padEnd(11)} ${a.email}`);
		}
	}
}
