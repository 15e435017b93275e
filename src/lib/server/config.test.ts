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
	it('explains invalid values', () => {
		expect(() => getConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
	});
	it('keeps /metrics closed unless a long enough token is set', () => {
		expect(getConfig({}).metricsToken).toBeUndefined();
		expect(getConfig({ METRICS_TOKEN: 'a'.repeat(32) }).metricsToken).toBe('a'.repeat(32));
		expect(() => getConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
	});
});
