/** Server-side helpers around the Paraglide messages. */
import { m } from '$lib/paraglide/messages';

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: 'es' | 'en' }) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** A message by key, for keys chosen at run time (validation errors, sectors, roles). */
export function t(
	key: string,
	inputs?: Record<string, unknown>,
	locale?: 'es' | 'en'
): string {
	const fn = messages[key];
	return fn ? fn(inputs, locale ? { locale } : undefined) : key;
}
