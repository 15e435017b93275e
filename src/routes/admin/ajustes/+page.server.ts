import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import {
	CONTACT_COUNTRIES,
	CONTACTS_MAX,
	contactsHtml,
	contactsKey
} from '$lib/server/settings/contacts';
import { getSettings, saveSettings } from '$lib/server/settings/repository';
import type { Actions, PageServerLoad } from './$types';

const contactText = z
	.string()
	.default('')
	.transform((v) => v.replace(/\r\n?/g, '\n').trim())
	.pipe(z.string().max(CONTACTS_MAX, 'settings_contacts_too_long'));
const Contacts = z.object({ BO: contactText, PE: contactText });

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const values = await getSettings(getDb(), CONTACT_COUNTRIES.map(contactsKey));
	return {
		max: CONTACTS_MAX,
		contacts: CONTACT_COUNTRIES.map((country) => ({
			country,
			text: values.get(contactsKey(country)) ?? '',
			// What readers will see: the same escaping as in the course pages.
			preview: contactsHtml(values.get(contactsKey(country)) ?? '')
		}))
	};
};

export const actions: Actions = {
	contacts: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await event.request.formData();
		const parsed = parseForm(Contacts, form);
		if (!parsed.ok)
			return fail(400, {
				message: Object.values(parsed.errors)[0],
				BO: String(form.get('BO') ?? ''),
				PE: String(form.get('PE') ?? '')
			});
		await saveSettings(getDb(), admin.id, {
			[contactsKey('BO')]: parsed.data.BO,
			[contactsKey('PE')]: parsed.data.PE
		});
		return { ok: m.settings_saved() };
	}
};
