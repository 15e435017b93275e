/**
 * "Disponible sin conexión": stores a course's pages, as the server renders them for this
 * learner, in the learner's own cache, and the build assets they load in the build's cache.
 * The service worker serves them only when the network fails (src/service-worker.ts).
 */
import { version } from '$app/environment';
import { deserialize } from '$app/forms';
import {
	assetUrls,
	courseRecordKey,
	DOWNLOAD_HEADER,
	isPagesCache,
	pagesCacheName,
	staticCacheName,
	type CourseRecord
} from './caches';

export const offlineSupported = () => typeof caches !== 'undefined' && 'serviceWorker' in navigator;

export async function storedCourse(userId: number, slug: string): Promise<CourseRecord | null> {
	const cache = await caches.open(pagesCacheName(userId));
	const hit = await cache.match(courseRecordKey(slug));
	return hit ? ((await hit.json()) as CourseRecord) : null;
}

const fetchPage = (path: string) =>
	fetch(path, { headers: { [DOWNLOAD_HEADER]: '1' }, cache: 'no-store', redirect: 'error' });

/**
 * Asks the server to open an attempt of each untimed quiz of the course not yet passed (the
 * course page's `offline` action) and returns those quiz pages, to be stored with the modules.
 */
async function quizPages(slug: string): Promise<string[]> {
	const res = await fetch(`/cursos/${encodeURIComponent(slug)}?/offline`, {
		method: 'POST',
		body: new FormData(),
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
		cache: 'no-store'
	});
	const result = deserialize<{ quizPages: string[] }, Record<string, unknown>>(await res.text());
	if (result.type !== 'success' || !result.data) throw new Error(`offline action: ${res.status}`);
	return result.data.quizPages;
}

/** Whether the learner has this page stored on the device. */
export async function isStored(userId: number, path: string): Promise<boolean> {
	if (typeof caches === 'undefined') return false;
	return !!(await (await caches.open(pagesCacheName(userId))).match(path));
}

export async function downloadCourse(
	userId: number,
	slug: string,
	courseVersion: string,
	coursePages: string[],
	onProgress: (done: number, total: number) => void
): Promise<CourseRecord> {
	const pages = [...coursePages, ...(await quizPages(slug))];
	const cache = await caches.open(pagesCacheName(userId));
	const assets = await caches.open(staticCacheName(version));
	let bytes = 0;
	const needed = new Set<string>();
	const fetched: [string, Response][] = [];
	for (const [i, path] of pages.entries()) {
		onProgress(i, pages.length);
		const res = await fetchPage(path);
		if (!res.ok) throw new Error(`${path}: ${res.status}`);
		const html = await res.clone().text();
		bytes += new Blob([html]).size;
		for (const url of assetUrls(html, path, res.headers.get('link'))) needed.add(url);
		fetched.push([path, res]);
	}
	for (const url of needed) {
		let hit = await assets.match(url);
		if (!hit) {
			const res = await fetch(url);
			if (!res.ok) throw new Error(`${url}: ${res.status}`);
			await assets.put(url, res.clone());
			hit = res;
		}
		bytes += (await hit.blob()).size;
	}
	// Pages go in last, all together: a failed download leaves the previous copy as it was.
	for (const [path, res] of fetched) await cache.put(path, res);
	onProgress(pages.length, pages.length);
	const record: CourseRecord = {
		version: courseVersion,
		bytes,
		storedAt: new Date().toISOString(),
		pages
	};
	await cache.put(
		courseRecordKey(slug),
		new Response(JSON.stringify(record), { headers: { 'content-type': 'application/json' } })
	);
	return record;
}

export async function removeCourse(userId: number, slug: string): Promise<void> {
	const cache = await caches.open(pagesCacheName(userId));
	const record = await storedCourse(userId, slug);
	// Pages other stored courses share (the learner's course list) stay.
	const shared = new Set<string>();
	for (const key of await cache.keys()) {
		const path = new URL(key.url).pathname;
		if (path.startsWith('/__aula-offline/') && path !== courseRecordKey(slug)) {
			const other = (await (await cache.match(key))!.json()) as CourseRecord;
			for (const p of other.pages) shared.add(p);
		}
	}
	for (const p of record?.pages ?? []) if (!shared.has(p)) await cache.delete(p);
	await cache.delete(courseRecordKey(slug));
}

/**
 * Stores a page again if the learner had stored it: a quiz page once its offline answers were
 * graded, so that offline it shows the result rather than the attempt it closed.
 */
export async function refreshStoredPage(userId: number, path: string): Promise<void> {
	const cache = await caches.open(pagesCacheName(userId));
	if (!(await cache.match(path))) return;
	const res = await fetchPage(path);
	if (res.ok) await cache.put(path, res);
	else await cache.delete(path);
}

/**
 * Deletes every learner's stored pages except those of `keepUserId` (none at logout, or when no
 * one is logged in): a shared phone never shows one learner's pages to another.
 */
export async function clearPageCaches(keepUserId: number | null): Promise<void> {
	if (typeof caches === 'undefined') return;
	const keep = keepUserId === null ? null : pagesCacheName(keepUserId);
	for (const name of await caches.keys())
		if (isPagesCache(name) && name !== keep) await caches.delete(name);
}
