import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The locale comes from the cookie (kept per user) and falls back to Spanish;
			// URLs stay the same in both languages.
			strategy: ['cookie', 'baseLocale'],
			emitTsDeclarations: true
		})
	],
	test: {
		expect: { requireAssertions: true },
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000,
		// Tests sign certificates with a key of their own, never the one in data/.
		env: { LOG_MAIL: '0', CERT_KEY_FILE: 'tests/.tmp/unit/certificate-signing-key.pem' },
		hookTimeout: 60_000
	}
});
