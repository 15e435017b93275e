/**
 * The restore drill of docs/deploy.md, on each database: back up a database holding a signed
 * certificate, restore it into an empty database with no key, and verify that certificate there.
 * The scripts run as the operator runs them (child processes of `tsx`).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSigningKey } from '../../src/lib/server/certificates/keys';
import { issueMissingCertificates } from '../../src/lib/server/certificates/repository';
import { findCourse } from '../../src/lib/server/courses/catalog';
import { createDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest, providerFrom } from '../../src/lib/server/db/migrate';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import type { DB } from '../../src/lib/server/db/schema';
import { enrol } from '../../src/lib/server/enrolment/repository';
import { seedInstitutions } from '../../src/lib/server/institutions/repository';
import { inspectSqlite, type BackupManifest } from '../../src/lib/server/ops/backup';
import { createEmptyDatabase, type EmptyDb } from '../helpers/empty-db';
import { newUser } from '../helpers/factories';
import { DIALECTS } from '../helpers/test-db';

const work = mkdtempSync(join(tmpdir(), 'aula-backup-test-'));
const sourceKey = join(work, 'source-key.pem');
beforeAll(() => {
	process.env.CERT_KEY_FILE = sourceKey;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string>) {
	const res = spawnSync('node_modules/.bin/tsx', [`scripts/${script}.ts`, ...args], {
		encoding: 'utf8',
		timeout: 60_000,
		env: { ...process.env, CERT_SIGNING_KEY: '', ...env }
	});
	return { code: res.status, out: res.stdout, err: res.stderr };
}

async function countRows(db: Kysely<DB>) {
	const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
	const counts: Record<string, number> = {};
	for (const t of tables) {
		const row = await db
			.selectFrom(t as keyof DB)
			.select(({ fn }) => fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		counts[t] = Number(row.n);
	}
	return counts;
}

// Each test runs two or three scripts, each a fresh tsx process.
describe.each(DIALECTS)('backup and restore on %s', { timeout: 90_000 }, (dialect) => {
	let source: EmptyDb;
	let target: EmptyDb;
	let db: Kysely<DB>;
	let code: string;
	const dir = join(work, `backup-${dialect}`);
	const targetKey = join(work, `restored-key-${dialect}.pem`);

	beforeAll(async () => {
		source = await createEmptyDatabase(dialect);
		target = await createEmptyDatabase(dialect);
		db = createDatabase(source.url);
		await migrateToLatest(db, providerFrom(bundledMigrations()));
		await seedInstitutions(db);
		const course = findCourse('asistencia-consular')!;
		for (let i = 0; i < 3; i++) {
			const user = await newUser(db);
			const e = await enrol(db, user.id, course, 'self');
			await db
				.updateTable('enrolments')
				.set({
					status: 'completed',
					completed_at: new Date().toISOString(),
					completed_version: course.version
				})
				.where('id', '=', e.id)
				.execute();
		}
		expect(await issueMissingCertificates(db, [course])).toBe(3);
		code = (await db.selectFrom('certificates').select('code').executeTakeFirstOrThrow()).code;
	});
	afterAll(async () => {
		await db.destroy();
		await source.drop();
		await target.drop();
	});

	it('backs up the database and the key, with the counts of the copy', async () => {
		const res = run('db-backup', [dir], { DATABASE_URL: source.url, CERT_KEY_FILE: sourceKey });
		expect(res.err).toMatch(/backup: .*100 %/);
		expect(res.code).toBe(0);
		const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
		expect(manifest.dialect).toBe(dialect);
		expect(manifest.schema_version).toBe(Object.keys(bundledMigrations()).sort().at(-1));
		expect(manifest.counts).toEqual(await countRows(db));
		expect(manifest.counts.certificates).toBe(3);
		expect(manifest.key?.key_id).toBe(getSigningKey().keyId);
		if (dialect === 'sqlite')
			expect(inspectSqlite(join(dir, manifest.database.file)).counts).toEqual(manifest.counts);
	});

	it('restores into an empty database: same counts, and the certificate verifies there', async () => {
		// Written after the backup: not in the restored copy.
		await newUser(db);
		const env = { DATABASE_URL: target.url, CERT_KEY_FILE: targetKey };
		const res = run('db-restore', [dir], env);
		expect(res.err).toMatch(/restore: .*100 %/);
		expect(res.out).toContain('the same counts as the backup');
		expect(res.code).toBe(0);
		expect(readFileSync(targetKey, 'utf8')).toBe(readFileSync(sourceKey, 'utf8'));
		const restored = createDatabase(target.url);
		try {
			const manifest = JSON.parse(
				readFileSync(join(dir, 'manifest.json'), 'utf8')
			) as BackupManifest;
			expect(await countRows(restored)).toEqual(manifest.counts);
		} finally {
			await restored.destroy();
		}
		const verify = run('cert-verify', [code], env);
		expect(verify.out).toContain('VÁLIDO');
		expect(verify.code).toBe(0);
	});

	it('refuses a database that is not empty unless --force, and a damaged backup', async () => {
		const env = { DATABASE_URL: target.url, CERT_KEY_FILE: targetKey };
		const refused = run('db-restore', [dir], env);
		expect(refused.code).toBe(1);
		expect(refused.err).toContain('The target database is not empty');
		const forced = run('db-restore', [dir, '--force'], env);
		expect(forced.out).toContain('the same counts as the backup');
		expect(forced.code).toBe(0);

		const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
		appendFileSync(join(dir, manifest.database.file), 'x');
		const damaged = run('db-restore', [dir, '--force'], env);
		expect(damaged.code).toBe(1);
		expect(damaged.err).toContain('the backup is damaged');
	});
});
