/** The institution report's access rule and loading, shared by its page (and its tests). */
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireInstitutionAccess, requireRole } from '../auth/guard';
import { institutionScope, type AuthUser } from '../auth/roles';
import { getDb } from '../db';
import { getInstitution } from '../institutions/repository';
import { institutionPeople } from './enrolment-rows';
import { parseReportFilter } from './filters';
import { institutionReport } from './query';
import { parseId } from '../input/ids';

export const PEOPLE_PER_PAGE = 50;

/**
 * Which institution's report the viewer asked for: `?institucion=ID` (admins may pick any),
 * else the one they coordinate. 403 for any institution they do not coordinate, 404 for a
 * malformed id, null when an admin has not picked one yet.
 */
export function reportInstitutionId(user: AuthUser, asked: string | null): number | null {
	const scope = institutionScope(user);
	const id = asked ? parseId(asked) : scope === 'all' ? null : (scope[0] ?? null);
	if (asked && id === null) error(404, m.error_not_found());
	if (id === null) return null;
	requireInstitutionAccess(user, id);
	return id;
}

export async function institutionReportFor(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireRole(event, 'coordinator', 'admin');
	const id = reportInstitutionId(user, event.url.searchParams.get('institucion'));
	if (id === null) return null;
	const db = getDb();
	const institution = await getInstitution(db, id);
	if (!institution) error(404, m.error_not_found());
	const filter = parseReportFilter(event.url.searchParams);
	const page = Math.max(
		1,
		Math.min(10_000, Number.parseInt(event.url.searchParams.get('pagina') ?? '1', 10) || 1)
	);
	const inst = { id: institution.id, name: institution.name, country: institution.country };
	const [report, people] = await Promise.all([
		institutionReport(db, inst, filter),
		institutionPeople(db, inst.id, filter, {
			limit: PEOPLE_PER_PAGE,
			offset: (page - 1) * PEOPLE_PER_PAGE
		})
	]);
	return { filter, report, people, page };
}
