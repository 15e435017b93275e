/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
// Aula's service worker. The policy is strict on purpose (docs/offline.md):
// - build assets and static files are cache-first, in a cache named after the build version;
// - pages always come from the network while it answers: a cached page is never shown online;
// - only pages a learner downloaded ("Disponible sin conexión") are cached, in a cache named after
//   that learner, and served only when the network fails; other requests are not touched at all.
// The pages clear the learners' caches at logout and when someone else is logged in.
import { build, files, version } from '$service-worker';
import { isPagesCache, STATIC_PREFIX, staticCacheName } from '$lib/offline/caches';

const sw = self as unknown as ServiceWorkerGlobalScope;
const STATIC_CACHE = staticCacheName(version);
const ASSETS = new Set([...build, ...files]);
/** Shown for a page that was not downloaded when there is no connection. */
const OFFLINE_PAGE = '/sin-conexion.html';

sw.addEventListener('install', (event) => {
	// Only the small static files up front (icons, manifest, the offline page); build assets are
	// cached as pages use them, so a first visit on a slow link downloads nothing extra.
	event.waitUntil(
		caches
			.open(STATIC_CACHE)
			.then((cache) => cache.addAll(files.filter((f) => !f.endsWith('robots.txt'))))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((k) => k.startsWith(STATIC_PREFIX) && k !== STATIC_CACHE)
						.map((k) => caches.delete(k))
				)
			)
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (ASSETS.has(url.pathname)) event.respondWith(cacheFirst(request, url.pathname));
	else if (request.mode === 'navigate') event.respondWith(networkFirst(request));
});

async function cacheFirst(request: Request, path: string): Promise<Response> {
	const cache = await caches.open(STATIC_CACHE);
	const hit = await cache.match(path);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) await cache.put(path, response.clone());
	return response;
}

async function networkFirst(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch (err) {
		// Offline (or the server is unreachable): a page the learner downloaded, else the notice.
		const names = (await caches.keys()).filter(isPagesCache);
		for (const name of names) {
			const hit = await (
				await caches.open(name)
			).match(request.url, { ignoreSearch: true, ignoreVary: true });
			if (hit) return hit;
		}
		const notice = await caches.match(OFFLINE_PAGE);
		if (notice) return notice;
		throw err;
	}
}
