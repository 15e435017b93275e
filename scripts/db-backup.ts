/**
 * npm run db:backup -- DIR
 *
 * Writes a backup of DATABASE_URL and of the certificate signing key (CERT_SIGNING_KEY or
 * CERT_KEY_FILE) into the new or empty directory DIR: see src/lib/server/ops/backup.ts and
 * docs/deploy.md. The app may keep running meanwhile. Exit code 0 = done, 1 = failed, 2 = usage.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getConfig } from '../src/lib/server/config.ts';
import { BackupError, createBackup } from '../src/lib/server/ops/backup.ts';
import { Progress } from './progress.ts';

const { positionals } = parseArgs({ allowPositionals: true });
const dir = positionals[0];
if (!dir) {
	console.error('usage: npm run db:backup -- DIR   (a new or empty directory)');
	process.exit(2);
}

const config = getConfig();
try {
	if (existsSync(dir) && readdirSync(dir).length) {
		throw new BackupError(`${dir} is not empty: give a new or empty directory.`);
	}
	// The backup holds the signing key: only the owner reads it.
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	let progress: Progress | undefined;
	const manifest = await createBackup({
		databaseUrl: config.databaseUrl,
		keyPem: config.certSigningKey,
		keyFile: config.certKeyFile,
		dir,
		onProgress: (done, total) => (progress ??= new Progress('backup', total)).update(done)
	});
	const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
	console.log(`Backup written to ${dir}`);
	console.log(
		`  database:  ${manifest.dialect}, schema ${manifest.schema_version ?? '(none)'}, ${Object.keys(manifest.counts).length} tables, ${rows} rows, ${manifest.database.bytes} bytes`
	);
	for (const [table, n] of Object.entries(manifest.counts))
		console.log(`    ${table.padEnd(22)} ${n}`);
	if (manifest.key) console.log(`  signing key: ${manifest.key.key_id}`);
	else
		console.warn(
			`  WARNING: no certificate signing key found (CERT_SIGNING_KEY unset, no ${config.certKeyFile}); the backup has none.`
		);
} catch (e) {
	console.error(e instanceof BackupError ? e.message : e);
	process.exitCode = 1;
}
