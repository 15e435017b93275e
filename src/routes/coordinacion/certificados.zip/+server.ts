import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireInstitutionAccess, requireRole } from '$lib/server/auth/guard';
import { institutionScope } from '$lib/server/auth/roles';
import { certificatePdf } from '$lib/server/certificates/document';
import { listCertificatesOfInstitution } from '$lib/server/certificates/repository';
import { zipStream } from '$lib/server/certificates/zip';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';
import { parseId } from '$lib/server/input/ids';
import { contentDisposition } from '$lib/server/http';

/** Every valid certificate of the coordinator's institution (optionally one course), as one ZIP. */
export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'coordinator', 'admin');
	const scope = institutionScope(user);
	const asked = event.url.searchParams.get('institucion');
	const institutionId = asked ? parseId(asked) : scope === 'all' ? null : (scope[0] ?? null);
	if (institutionId === null) error(404, m.error_not_found());
	requireInstitutionAccess(user, institutionId);
	const course = event.url.searchParams.get('curso') ?? undefined;
	const certs = await listCertificatesOfInstitution(getDb(), institutionId, course);
	const origin = event.url.origin;
	const safe = (s: string) => s.replace(/[^\p{L}\p{N} ._-]+/gu, '').slice(0, 80);
	const entries = (async function* () {
		for (const c of certs) {
			yield {
				name: `${c.code} ${safe(c.full_name)}.pdf`,
				data: await certificatePdf(c, origin),
				date: new Date(c.issued_at)
			};
		}
	})();
	return new Response(zipStream(entries), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': contentDisposition(
				`certificados-${institutionId}${course ? '-' + safe(course) : ''}.zip`
			),
			'cache-control': 'private, no-store'
		}
	});
};
