import { redirect } from '@sveltejs/kit';
import { normaliseCode } from '$lib/server/certificates/code';
import type { PageServerLoad } from './$types';

// A GET form: works from a bookmark, a phone without JavaScript, or a link someone shares.
export const load: PageServerLoad = ({ url }) => {
	const typed = url.searchParams.get('codigo');
	if (typed === null) return { typed: '', invalid: false };
	const code = normaliseCode(typed);
	if (code) redirect(303, `/verificar/${code}`);
	return { typed: typed.slice(0, 40), invalid: true };
};
