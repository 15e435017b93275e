import { describe, expect, it } from 'vitest';
import { assetUrls, formatBytes, isPagesCache, pagesCacheName, staticCacheName } from './caches';

describe('offline caches', () => {
	it('names one pages cache per learner, apart from the build caches', () => {
		expect(pagesCacheName(42)).toBe('aula-pages-42');
		expect(isPagesCache(pagesCacheName(7))).toBe(true);
		expect(isPagesCache(staticCacheName('1764654000000'))).toBe(false);
	});

	it('finds the stylesheets, preloads and start-script imports of a rendered page, once each', () => {
		const html = `<link href="/_app/immutable/assets/0.B1.css" rel="stylesheet">
			<link rel="modulepreload" href="/_app/immutable/entry/start.C2.js">
			<link rel="modulepreload" href="/_app/immutable/entry/start.C2.js">
			<script nonce="x">Promise.all([import("/_app/immutable/entry/app.D3.js")])</script>
			<a href="/cursos/ley-263-policia">course</a><img src="/favicon.svg">`;
		expect(assetUrls(html)).toEqual([
			'/_app/immutable/assets/0.B1.css',
			'/_app/immutable/entry/start.C2.js',
			'/_app/immutable/entry/app.D3.js'
		]);
	});

	it('resolves URLs relative to the page, and reads the preloads of the Link header', () => {
		const html = `<link href="../../_app/immutable/assets/0.B1.css" rel="stylesheet">
			<script nonce="x">import("../../_app/immutable/entry/start.C2.js")</script>`;
		const link =
			'<../../_app/immutable/assets/0.B1.css>; rel="preload"; as="style"; nopush, ' +
			'<../../_app/immutable/nodes/33.E5.js>; rel="modulepreload"; nopush, ' +
			'<../../_app/immutable/chunks/F6.js>; rel="modulepreload"; nopush';
		expect(assetUrls(html, '/cursos/ley-263-policia/01-marco-general', link)).toEqual([
			'/_app/immutable/assets/0.B1.css',
			'/_app/immutable/entry/start.C2.js',
			'/_app/immutable/nodes/33.E5.js',
			'/_app/immutable/chunks/F6.js'
		]);
		expect(assetUrls('<a href="./_app/immutable/x.js">', '/ingresar')).toEqual([
			'/_app/immutable/x.js'
		]);
	});

	it('writes sizes as people read them', () => {
		expect(formatBytes(900, 'en')).toBe('900 B');
		expect(formatBytes(1536, 'en')).toBe('1.5 KB');
		expect(formatBytes(740 * 1024, 'es')).toBe('740 KB');
		expect(formatBytes(1.4 * 1024 * 1024, 'es')).toBe('1,4 MB');
	});
});
