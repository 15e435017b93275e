/**
 * Bodies and URLs no page of ours could have sent: refused in one place (a hook) with a 400 and a
 * message, instead of each action failing on them with a 500 (undici's `formData()` throws a
 * TypeError on `text/plain`, a missing or wrong multipart boundary, a truncated body, a part
 * without a name; PostgreSQL refuses NUL bytes; a quarter-million repeated fields outgrow a query).
 */
import { error } from '@sveltejs/kit';
import { t } from '../i18n';
import { hasControlChars } from './text';

/** More fields than any of our forms has (a page lists at most a few hundred checkboxes). */
export const MAX_FORM_FIELDS = 2_000;

/** Checks a parsed form: field count and control characters in text values (files are read elsewhere). */
export function checkFormData(form: FormData): FormData {
	let count = 0;
	for (const [, value] of form) {
		if (++count > MAX_FORM_FIELDS)
			error(400, t('error_form_too_many_fields', { max: MAX_FORM_FIELDS }));
		if (typeof value === 'string' && hasControlChars(value))
			error(400, t('error_form_control_chars'));
	}
	return form;
}

/**
 * Makes `request.formData()` throw a 400 `HttpError` (which SvelteKit answers as such) when the
 * body is not a readable form or fails `checkFormData`. The parse is kept, so a second call
 * returns the same form instead of failing on a used body.
 */
export function guardFormData(request: Request): void {
	const read = request.formData.bind(request);
	let parsed: Promise<FormData> | undefined;
	request.formData = () =>
		(parsed ??= read().then(checkFormData, () => error(400, t('error_form_unreadable'))));
}

/** True when the URL's path holds an encoded control character, or its query a NUL byte. */
export function hasBadUrlBytes(url: URL): boolean {
	return /%(?:[01][0-9a-f]|7f)/i.test(url.pathname) || /%00/.test(url.search);
}
