import { defineConfig } from 'vitest/config';

// Fault tests (`npm run test:faults`): real server processes from build/, so they run after the
// e2e step has built the app, one file at a time (they load the shared 2-core machine).
export default defineConfig({
	test: {
		include: ['tests/faults/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 120_000
	}
});
