/** Dates shown to people, in their language and in Bolivia's time zone (America/La_Paz). */
export function formatDateTime(iso: string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'es-BO', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'America/La_Paz'
	}).format(new Date(iso));
}

export function formatDate(iso: string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'es-BO', {
		dateStyle: 'medium',
		timeZone: 'America/La_Paz'
	}).format(new Date(iso));
}
