/**
 * The one place that reads the environment. Everything else asks this module.
 * Values are read on each call so tests and scripts can set them before use.
 */
import { z } from 'zod';

const Env = z.object({
	DATABASE_URL: z.string().min(1).default('file:data/aula.db'),
	NODE_ENV: z.string().default('development'),
	SMTP_URL: z.string().url().optional(),
	MAIL_FROM: z.string().default('Aula <no-responder@aula.local>'),
	SEED_DEMO: z.enum(['0', '1']).optional(),
	LOG_MAIL: z.enum(['0', '1']).optional(),
	CERT_SIGNING_KEY: z.string().optional(),
	CERT_KEY_FILE: z.string().default('data/certificate-signing-key.pem'),
	METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
	DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
	DATABASE_PREPARED_STATEMENTS: z.enum(['0', '1']).default('1'),
	DATABASE_PIPELINE: z.enum(['0', '1']).default('1'),
	AULA_STARTUP_TASKS: z.enum(['0', '1']).default('1'),
	ORIGIN: z.string().url().optional(),
	AULA_TEST_COURSES: z.enum(['0', '1']).optional()
});

export type Config = {
	databaseUrl: string;
	/** PostgreSQL: connections per server process (each worker has its own pool). */
	databasePoolSize: number;
	/** PostgreSQL: named prepared statements (off for a pooler that cannot keep them). */
	databasePreparedStatements: boolean;
	databasePipeline: boolean;
	/**
	 * Migrate and seed before answering. The cluster entry (scripts/serve.js) lets its first
	 * worker do it and starts the others, and any replacement, with this off.
	 */
	startupTasks: boolean;
	production: boolean;
	smtpUrl: string | undefined;
	mailFrom: string;
	/** Seed demo accounts on an empty database: on by default outside production. */
	seedDemo: boolean;
	/** Print outgoing mail (with its links) to the server log when no SMTP server is set. */
	logMail: boolean;
	/** PKCS#8 PEM of the Ed25519 key that signs certificates, when given in the environment. */
	certSigningKey: string | undefined;
	/** Where the key is kept otherwise (generated there on first start). */
	certKeyFile: string;
	/** Bearer token that opens GET /metrics; without it the endpoint answers 404. */
	metricsToken: string | undefined;
	/** The public URL (ORIGIN), for links printed on paper such as the posters' QR codes. */
	origin: string | undefined;
	/** Also serve the open fixture course of the end-to-end tests (AULA_TEST_COURSES=1). */
	testCourses: boolean;
};

export function getConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = Env.safeParse(
		Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
	);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
	}
	const e = parsed.data;
	const production = e.NODE_ENV === 'production';
	return {
		databaseUrl: e.DATABASE_URL,
		databasePoolSize: e.DATABASE_POOL_SIZE,
		databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS === '1',
		databasePipeline: e.DATABASE_PIPELINE === '1',
		startupTasks: e.AULA_STARTUP_TASKS === '1',
		production,
		smtpUrl: e.SMTP_URL,
		mailFrom: e.MAIL_FROM,
		seedDemo: e.SEED_DEMO ? e.SEED_DEMO === '1' : !production,
		logMail: e.LOG_MAIL ? e.LOG_MAIL === '1' : true,
		certSigningKey: e.CERT_SIGNING_KEY?.replace(/\\n/g, '\n'),
		certKeyFile: e.CERT_KEY_FILE,
		metricsToken: e.METRICS_TOKEN,
		origin: e.ORIGIN?.replace(/\/+$/, ''),
		testCourses: e.AULA_TEST_COURSES === '1'
	};
}
