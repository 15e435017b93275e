import { requireUser } from '$lib/server/auth/guard';
import { listCertificatesOfUser } from '$lib/server/certificates/repository';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const certs = await listCertificatesOfUser(getDb(), user.id);
	return {
		certificates: certs.map((c) => ({
			code: c.code,
			course: c.course_title,
			hours: c.hours,
			completedAt: c.completed_at,
			revokedAt: c.revoked_at,
			revokedReason: c.revoked_reason
		}))
	};
};
