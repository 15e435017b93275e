import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { parsePosterRequest, posterFileName, posterPdf } from '$lib/server/public/poster-request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireRole(event, 'admin', 'coordinator');
	const params = event.url.searchParams;
	const parsed = parsePosterRequest(params);
	if (!parsed.ok) {
		const back = new URLSearchParams(params);
		back.set('error', '1');
		redirect(303, `/afiches?${back}`);
	}
	const pdf = await posterPdf(parsed.value, event.url.origin);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${posterFileName(parsed.value)}"`
		}
	});
};
