/** Shared by the Council dashboard and its downloads: authorise, parse the filters, build the report. */
import type { RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { requireRole } from '../auth/guard';
import { getDb } from '../db';
import { parseReportFilter } from './filters';
import { councilReport } from './query';

export async function councilReportFor(event: Pick<RequestEvent, 'locals' | 'url'>) {
	requireRole(event, 'council', 'admin');
	const filter = parseReportFilter(event.url.searchParams);
	const report = await councilReport(getDb(), filter);
	return { filter, report, locale: getLocale() };
}

/** A download's file name: informe-capacitacion_2025-01-01_2025-12-31.pdf */
export function reportFileName(
	f: { from: string; to: string },
	extension: string,
	base = 'informe-capacitacion'
) {
	return `${base}_${f.from}_${f.to}.${extension}`;
}
