/** A same-site path to go back to after a form, or `fallback` for anything else (open-redirect guard). */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback;
	if (value.includes('\\') || /[\r\n]/.test(value)) return fallback;
	return value;
}
