import { describe, expect, it } from 'vitest';
import { getConfig } from './config';

describe('getConfig', () => {
	it('defaults to the embedded SQLite file and demo data outside production', () => {
		const c = getConfig({});
		expect(c.databaseUrl).toBe('file:data/aula.db');
		expect(c.seedDemo).toBe(true);
		expect(c.smtpUrl).toBeUndefined();
	});
	it('never seeds demo accounts in production unless asked', () => {
		expect(getConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
		expect(getConfig({ NODE_ENV: 'production', SEED_DEMO: '1' }).seedDemo).toBe(true);
	});
	it('reads the PostgreSQL pool size and whether to run the start-up tasks', () => {
		expect(getConfig({}).databasePoolSize).toBe(10);
		expect(getConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
		expect(getConfig({}).startupTasks).toBe(true);
		expect(getConfig({ AULA_STARTUP_TASKS: '0' }).startupTasks).toBe(false);
		expect(getConfig({}).databasePreparedStatements).toBe(true);
		expect(getConfig({ DATABASE_PREPARED_STATEMENTS: '0' }).databasePreparedStatements).toBe(false);
		expect(() => getConfig({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(
			/DATABASE_PREPARED_STATEMENTS/
		);
	});
	it('explains invalid values', () => {
		expect(() => getConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
		expect(() => getConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
	});
	it('keeps /metrics closed unless a long enough token is set', () => {
		expect(getConfig({}).metricsToken).toBeUndefined();
		expect(getConfig({ METRICS_TOKEN: 'a'.repeat(32) }).metricsToken).toBe('a'.repeat(32));
		expect(() => getConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
	});
});
