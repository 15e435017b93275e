import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { formatOfExt } from '$lib/server/courses/image-format';
import { getImage } from '$lib/server/courses/images';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * An image of course text, by the hash of its bytes: the address never changes meaning, so any
 * cache may keep it for a year. Served for anyone (the pages that name it decide who reads them);
 * nosniff and a CSP that allows nothing keep a crafted file from running as a page.
 */
export const GET: RequestHandler = async ({ params }) => {
	const match = /^([0-9a-f]{64})\.([a-z]+)$/.exec(params.file);
	const format = match && formatOfExt(match[2]);
	const image = format ? await getImage(getDb(), match[1]) : undefined;
	if (!image || image.format.ext !== format?.ext) error(404, m.error_not_found());
	return new Response(image.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': image.format.mime,
			'content-length': String(image.bytes.length),
			'cache-control': 'public, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cross-origin-resource-policy': 'same-origin'
		}
	});
};
