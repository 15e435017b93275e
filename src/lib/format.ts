/** Dates shown to people, in their language and in Bolivia's time zone (America/La_Paz). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, withTime: boolean): Intl.DateTimeFormat {
	const key = `${locale}:${withTime}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'es-BO', {
			dateStyle: 'medium',
			...(withTime ? { timeStyle: 'short' } : {}),
			timeZone: 'America/La_Paz'
		});
		formatters.set(key, f);
	}
	return f;
}

export function formatDateTime(iso: string, locale: string): string {
	return formatter(locale, true).format(new Date(iso));
}

export function formatDate(iso: string, locale: string): string {
	return formatter(locale, false).format(new Date(iso));
}
