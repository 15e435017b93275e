import { getDb } from '$lib/server/db';
import { groupBars, monthLines } from '$lib/server/reports/chart-data';
import { filterQuery, NO_DEPARTMENT } from '$lib/server/reports/filters';
import { institutionReportFor, PEOPLE_PER_PAGE } from '$lib/server/reports/institution-page';
import { reportOptions } from '$lib/server/reports/query';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const loaded = await institutionReportFor(event);
	if (!loaded) return { report: null };
	const { filter, report, people, page } = loaded;
	const locale = getLocale();
	return {
		filter,
		report,
		people: people.rows.map((p) => ({
			key: p.id,
			userId: p.userId,
			fullName: p.fullName,
			unit: p.unit,
			course: p.course,
			status: p.status,
			enrolledAt: p.enrolledAt,
			lastActivityAt: p.lastActivityAt,
			completedAt: p.completedAt,
			finalScore: p.finalScore,
			certificate: p.certificateRevokedAt
				? ('revoked' as const)
				: p.certificateIssuedAt
					? ('issued' as const)
					: null
		})),
		peopleTotal: people.total,
		page,
		pages: Math.max(1, Math.ceil(people.total / PEOPLE_PER_PAGE)),
		options: await reportOptions(getDb()),
		noDepartment: NO_DEPARTMENT,
		bars: groupBars(report, locale),
		lines: monthLines(report, locale),
		query: filterQuery(filter, { institucion: report.institution!.id })
	};
};
