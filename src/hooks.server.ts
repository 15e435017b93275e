import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { bundledMigrations } from '$lib/server/db/migrations';
import { t } from '$lib/server/i18n';
import { isPublicPath, withPublicCaching } from '$lib/server/public/http';
import { prepareDatabase } from '$lib/server/startup';
import { loadAuthUser } from '$lib/server/users/repository';

export const init: ServerInit = async () => {
	await prepareDatabase(getDb(), bundledMigrations());
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', locale)
					.replace('%paraglide.dir%', getTextDirection(locale))
		});
	});

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	// Open courses are the same page for everyone: no session is read or refreshed there, so they
	// never set a cookie and a proxy may cache them (a signed-in reader sees the public page too).
	if (token && !isPublicPath(event.url.pathname)) {
		const db = getDb();
		const session = await validateSessionToken(db, token);
		const user = session ? await loadAuthUser(db, session.user_id) : null;
		if (session && user) {
			event.locals.user = user;
			event.locals.sessionId = session.id;
			setSessionCookie(event.cookies, event.url, token, session.expires_at);
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

/** ETag, 304 and `Cache-Control: public` for the open courses' pages (public/http.ts). */
const handlePublicCache: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	return isPublicPath(event.url.pathname) ? withPublicCaching(event.request, response) : response;
};

export const handle = sequence(
	handleSecurityHeaders,
	handlePublicCache,
	handleLocale,
	handleSession
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: t('error_not_found') };
	console.error(`[error] ${event.request.method} ${event.url.pathname}`, error);
	return { message: t('error_internal') };
};
