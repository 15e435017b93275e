import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/session';
import { getConfig } from '$lib/server/config';
import { closeDb, getDb } from '$lib/server/db';
import { openConnections } from '$lib/server/db/connect';
import { bundledMigrations } from '$lib/server/db/migrations';
import { t } from '$lib/server/i18n';
import { guardFormData, hasBadUrlBytes } from '$lib/server/input/request';
import { observeRequest, watchPool } from '$lib/server/ops/metrics';
import { isPublicPath, withPublicCaching } from '$lib/server/public/http';
import { prepareDatabase } from '$lib/server/startup';
import { refreshCatalog } from '$lib/server/courses/catalog';
import { courseOfPath, enrolmentReadWithSession } from '$lib/server/enrolment/guard';

export const init: ServerInit = async () => {
	if (getConfig().startupTasks) await prepareDatabase(getDb(), bundledMigrations());
	else await refreshCatalog(getDb(), { force: true });
	await openConnections(getDb());
	// Every worker's pool is in the aggregated /metrics, whichever worker a scrape reaches.
	watchPool(getDb());
	// adapter-node emits this once the server has stopped accepting and answered in-flight requests.
	process.once('sveltekit:shutdown', () => void closeDb());
};

// Paraglide works the direction out through Intl on every call (1 % of a page's CPU in a profile).
const directions = new Map<string, string>();
const textDirection = (locale: NonNullable<Parameters<typeof getTextDirection>[0]>) => {
	let dir = directions.get(locale);
	if (!dir) directions.set(locale, (dir = getTextDirection(locale)));
	return dir;
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', textDirection(locale))
		});
	});

/** Malformed bodies and URLs become a 400 with a message here, not a 500 in whichever action meets them. */
const handleBadInput: Handle = ({ event, resolve }) => {
	if (hasBadUrlBytes(event.url)) error(400, t('error_url_invalid'));
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD')
		guardFormData(event.request);
	return resolve(event);
};

/** A version published by another instance is served within REFRESH_INTERVAL_MS (catalog.ts). */
const handleContent: Handle = async ({ event, resolve }) => {
	await refreshCatalog(getDb());
	return resolve(event);
};

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	// Open courses are the same page for everyone: no session is read or refreshed there, so they
	// never set a cookie and a proxy may cache them (a signed-in reader sees the public page too).
	// Course images (/imagenes/<hash>) are the same for everyone too, and cached for a year.
	if (token && !isPublicPath(event.url.pathname) && !event.url.pathname.startsWith('/imagenes/')) {
		const course = courseOfPath(event.url.pathname);
		const valid = await validateSession(getDb(), token, new Date(), { enrolmentIn: course });
		if (valid) {
			event.locals.user = valid.user;
			event.locals.sessionId = valid.session.id;
			if (course && valid.enrolment !== undefined)
				enrolmentReadWithSession(event, course, valid.enrolment);
			// The browser keeps the cookie until the expiry it was given: send it again only when that moves.
			if (valid.renewed)
				setSessionCookie(event.cookies, event.url, token, valid.session.expires_at);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// CSP (with frame-ancestors 'none') comes from kit.csp in svelte.config.js.
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

/** Counts every request and its time to headers by route id, for /metrics. */
const handleMetrics: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		observeRequest(
			event.request.method,
			event.route.id,
			status,
			(performance.now() - started) / 1000
		);
	}
};

/** ETag, 304 and `Cache-Control: public` for the open courses' pages (public/http.ts). */
const handlePublicCache: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	return isPublicPath(event.url.pathname) ? withPublicCaching(event.request, response) : response;
};

export const handle = sequence(
	handleMetrics,
	handleSecurityHeaders,
	handlePublicCache,
	handleLocale,
	handleBadInput,
	handleContent,
	handleSession
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: t('error_not_found') };
	console.error(`[error] ${event.request.method} ${event.url.pathname}`, error);
	return { message: t('error_internal') };
};
