import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const ORIGIN = `http://127.0.0.1:${PORT}`;

// Debian's Chromium, never a downloaded browser.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	// Generous: axe with best-practice rules and the offline downloads take seconds on a busy 2-core machine.
	timeout: 120_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	projects: [
		{ name: 'journeys', testIgnore: '**/slow-link.e2e.ts' },
		// Load times are measured last, with nothing else running: twice in CI a throttled first
		// visit stalled while the other worker ran its tests on the same two cores.
		{ name: 'load-times', testMatch: '**/slow-link.e2e.ts', dependencies: ['journeys'] }
	],
	use: {
		baseURL: ORIGIN,
		locale: 'es-BO',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: CHROMIUM_ARGS
		},
		trace: 'off'
	},
	webServer: {
		// The built app (npm run build first) on a fresh SQLite file, with demo accounts.
		command: 'rm -rf tests/.tmp/e2e && mkdir -p tests/.tmp/e2e && node build/index.js',
		url: `${ORIGIN}/ingresar`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN,
			DATABASE_URL: 'file:tests/.tmp/e2e/aula.db',
			CERT_KEY_FILE: 'tests/.tmp/e2e/certificate-signing-key.pem',
			SEED_DEMO: '1',
			LOG_MAIL: '0',
			BODY_SIZE_LIMIT: '16M',
			// The open fixture course (tests/fixtures/content/open-course) for open-course.e2e.ts.
			AULA_TEST_COURSES: '1'
		}
	}
});
