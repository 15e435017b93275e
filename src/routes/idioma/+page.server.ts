import { redirect } from '@sveltejs/kit';
import { setLocaleCookie } from '$lib/server/auth/cookie';
import { getDb } from '$lib/server/db';
import { safeRedirectPath } from '$lib/server/http';
import { setUserLocale } from '$lib/server/users/repository';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const form = await request.formData();
		const locale = form.get('locale') === 'en' ? 'en' : 'es';
		setLocaleCookie(cookies, locale);
		if (locals.user) await setUserLocale(getDb(), locals.user.id, locale);
		redirect(303, safeRedirectPath(form.get('redirectTo')));
	}
};
