import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BackupError, MANIFEST_FILE, readBackup } from './backup';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function backupWith(manifest: unknown) {
	dir = mkdtempSync(join(tmpdir(), 'aula-backup-test-'));
	writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
	return dir;
}

describe('readBackup', () => {
	it('names an unknown format', async () => {
		await expect(readBackup(backupWith({ format: 'aula-backup/0' }))).rejects.toThrow(
			'unknown backup format "aula-backup/0"'
		);
	});

	it('calls a manifest of the right format but the wrong shape damaged, naming the fields', async () => {
		const read = readBackup(backupWith({ format: BACKUP_FORMAT, dialect: 'oracle', counts: {} }));
		await expect(read).rejects.toThrow(BackupError);
		await expect(read).rejects.toThrow(
			/manifest\.json is damaged \(created_at, dialect, .*database/
		);
	});
});
