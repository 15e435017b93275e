/**
 * npm run db:restore -- DIR [--force]
 *
 * Restores a backup made by `npm run db:backup` into DATABASE_URL, and its signing key to
 * CERT_KEY_FILE (or checks that CERT_SIGNING_KEY is that key). Stop the app first. Refuses a
 * database that already has tables, or another key file, unless --force (the old key is moved
 * aside, never deleted). Then compares every table's rows with the backup's manifest.
 * Exit code 0 = restored and the counts match, 1 = refused or failed, 2 = usage.
 */
import { parseArgs } from 'node:util';
import { getConfig } from '../src/lib/server/config.ts';
import { BackupError, restoreBackup } from '../src/lib/server/ops/backup.ts';
import { Progress } from './progress.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { force: { type: 'boolean', default: false } }
});
const dir = positionals[0];
if (!dir) {
	console.error('usage: npm run db:restore -- DIR [--force]');
	process.exit(2);
}

const config = getConfig();
try {
	let progress: Progress | undefined;
	const result = await restoreBackup({
		databaseUrl: config.databaseUrl,
		keyPem: config.certSigningKey,
		keyFile: config.certKeyFile,
		dir,
		force: values.force,
		onProgress: (done, total) => (progress ??= new Progress('restore', total)).update(done)
	});
	const { manifest } = result;
	console.log(
		`Restored the backup of ${manifest.created_at} (schema ${manifest.schema_version ?? '(none)'}) into ${config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')}`
	);
	const keyLine = {
		written: `written to ${config.certKeyFile}`,
		same: `${config.certKeyFile} already held it`,
		replaced: `written to ${config.certKeyFile}; the key that was there is now ${result.replacedKeyAt}`,
		'from-environment': 'CERT_SIGNING_KEY holds it',
		none: 'none in the backup'
	}[result.key];
	console.log(`  signing key ${manifest.key?.key_id ?? ''}: ${keyLine}`);
	if (result.differences.length) {
		console.error('Row counts differ from the backup:');
		for (const d of result.differences)
			console.error(
				`  ${d.table.padEnd(22)} backup ${d.expected ?? '—'}, restored ${d.actual ?? '—'}`
			);
		process.exitCode = 1;
	} else {
		const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
		console.log(
			`  ${Object.keys(manifest.counts).length} tables, ${rows} rows: the same counts as the backup.`
		);
	}
} catch (e) {
	console.error(e instanceof BackupError ? e.message : e);
	process.exitCode = 1;
}
