/**
 * The contact points of the `<Contacts />` content component: a short text per country, set by an
 * admin because a phone number must come from an official source, never from us. The text is a
 * tiny, safe Markdown subset — paragraphs, line breaks, **bold** and https/tel/mailto links —
 * escaped before anything is turned into HTML.
 */
import type { Kysely } from 'kysely';
import { t } from '../i18n';
import type { Country, DB } from '../db/schema';
import { getSettings } from './repository';

export const CONTACT_COUNTRIES: Country[] = ['BO', 'PE'];
export const CONTACTS_MAX = 1000;
export const contactsKey = (country: Country) => `contacts.${country}`;

const escape = (s: string) =>
	s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');

/**
 * HTML of an admin's contact text. Everything is escaped first; only then do `**x**` and
 * `[text](https://…|tel:…|mailto:…)` become markup, so no tag or attribute can be written.
 * @example contactsHtml('Línea **156**: [llamar](tel:156)') // '<p>Línea <strong>156</strong>: <a href="tel:156">llamar</a></p>'
 */
export function contactsHtml(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.trim()
		.split(/\n\s*\n/)
		.map((para) => {
			const html = escape(para.trim())
				.replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
				.replace(
					/\[([^\]\n]+)\]\(((?:https:\/\/|tel:|mailto:)[^\s()"<>]+)\)/g,
					(_, label: string, href: string) => `<a href="${href}">${label}</a>`
				)
				.replace(/\n/g, '<br>');
			return `<p>${html}</p>`;
		})
		.join('');
}

const PLACEHOLDER = /<div class="contacts" data-aula-contacts=""><\/div>/g;

/** The contact block that replaces `<Contacts />`: each country's text, or the neutral line. */
export function contactsBlock(texts: Map<Country, string>, locale?: 'es' | 'en'): string {
	const parts = CONTACT_COUNTRIES.filter((c) => texts.get(c)?.trim()).map(
		(c) =>
			`<section class="contacts-country"><h3>${escape(t(`country_${c}`, {}, locale))}</h3>${contactsHtml(texts.get(c) ?? '')}</section>`
	);
	const body = parts.length ? parts.join('') : `<p>${escape(t('contacts_none', {}, locale))}</p>`;
	return `<div class="contacts">${body}</div>`;
}

/** Module HTML with its `<Contacts />` placeholders filled from the settings (per request: not cached). */
export async function fillContacts(db: Kysely<DB>, html: string): Promise<string> {
	if (!PLACEHOLDER.test(html)) return html;
	PLACEHOLDER.lastIndex = 0;
	const settings = await getSettings(db, CONTACT_COUNTRIES.map(contactsKey));
	const texts = new Map(CONTACT_COUNTRIES.map((c) => [c, settings.get(contactsKey(c)) ?? '']));
	const block = contactsBlock(texts);
	return html.replace(PLACEHOLDER, () => block);
}
