import type { Transport } from '@sveltejs/kit';
import { decodePageHtml, encodePageHtml, PageHtml } from '$lib/page-html';

/** Types that load functions return and devalue cannot carry as they are (see each module). */
export const transport: Transport = {
	PageHtml: {
		encode: (value) => value instanceof PageHtml && encodePageHtml(value),
		decode: decodePageHtml
	}
};
