import { requireRole } from '$lib/server/auth/guard';
import { auditActions, listAudit, type AuditFilter } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const p = event.url.searchParams;
	const filter: AuditFilter = {
		action: (p.get('accion') ?? '').slice(0, 80) || undefined,
		actor: (p.get('por') ?? '').slice(0, 100) || undefined,
		from: day(p.get('desde')),
		to: day(p.get('hasta'))
	};
	const db = getDb();
	return {
		entries: await listAudit(db, 200, filter),
		actions: await auditActions(db),
		filter: { action: filter.action ?? '', actor: filter.actor ?? '', from: filter.from ?? '', to: filter.to ?? '' }
	};
};
