/**
 * Issue 13, "security and bad input", against the built server: malformed bodies, NUL bytes, huge
 * ids and floods of fields get a 4xx with a message on every kind of form action, never a 500;
 * redirects stay on the site; download names survive any character; a cohort of 10,000 is paged.
 */
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import {
	DB_FILE,
	DEMO_PASSWORD,
	execute,
	expect,
	ORIGIN,
	query,
	test,
	uniqueEmail
} from './support';

const HUGE = '999999999999999999999';
// Form posts as a browser without JavaScript sends them (otherwise SvelteKit may answer an action in JSON).
const HTML = { accept: 'text/html' };

/** An account of our own with the demo password (demo accounts may be locked by the lockout test). */
function newAccount(
	role: 'admin' | 'coordinator' | 'trainer' | null,
	institutionId: number | null = null
): string {
	const email = uniqueEmail(role ?? 'persona');
	const now = new Date().toISOString();
	execute(
		`INSERT INTO users (email, full_name, password_hash, country, institution_id, unit_id, job_title, locale, email_verified_at, created_at, updated_at)
		 SELECT ?, 'Persona de Prueba', password_hash, 'BO', ?, NULL, NULL, 'es', ?, ?, ? FROM users WHERE email = 'consular@aula.demo'`,
		email,
		institutionId,
		now,
		now,
		now
	);
	if (role)
		execute(
			'INSERT INTO user_roles (user_id, role, institution_id, granted_at, granted_by) SELECT id, ?, ?, ?, NULL FROM users WHERE email = ?',
			role,
			institutionId,
			now,
			email
		);
	return email;
}

async function signedIn(email: string): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { origin: ORIGIN }
	});
	const res = await context.post('/ingresar', {
		form: { email, password: DEMO_PASSWORD },
		headers: HTML,
		maxRedirects: 0
	});
	expect(res.status(), (await res.text()).slice(0, 300)).toBe(303);
	return context;
}

const mre = () =>
	query<{ id: number }>(
		"SELECT id FROM institutions WHERE name = 'Ministerio de Relaciones Exteriores' AND country = 'BO'"
	)[0].id;

function newCohort(institutionId: number, name = `Cohorte ${Date.now()}`): number {
	const now = new Date().toISOString();
	execute(
		`INSERT INTO cohorts (institution_id, course_slug, name, starts_on, ends_on, deadline_on, requires_attendance, in_person_on, in_person_place, created_at, created_by)
		 VALUES (?, 'frontera', ?, '2026-03-01', '2026-03-31', '2030-04-15', 0, NULL, NULL, ?, NULL)`,
		institutionId,
		name,
		now
	);
	return query<{ id: number }>('SELECT max(id) AS id FROM cohorts')[0].id;
}

const multipart = (boundary: string, parts: string) => ({
	headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
	data: Buffer.from(parts.replace(/\n/g, '\r\n'))
});

/** Bodies no page of ours sends. */
const MALFORMED: [string, { headers: Record<string, string>; data: Buffer | string }][] = [
	['text/plain', { headers: { 'content-type': 'text/plain' }, data: 'email=a@b.c&password=x' }],
	[
		'multipart without boundary',
		{
			headers: { 'content-type': 'multipart/form-data' },
			data: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'
		}
	],
	[
		'multipart with a wrong boundary',
		multipart('other', '--xyz\nContent-Disposition: form-data; name="a"\n\n1\n--xyz--\n')
	],
	[
		'truncated multipart',
		multipart('xyz', '--xyz\nContent-Disposition: form-data; name="email"\n\nana@exa')
	],
	['empty multipart', multipart('xyz', '')],
	[
		'a part without a name',
		multipart('xyz', '--xyz\nContent-Disposition: form-data\n\n1\n--xyz--\n')
	],
	[
		'50,000 repeated fields',
		{
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			data: 'enrolmentId=1&'.repeat(50_000)
		}
	]
];

/** A representative action of each kind, with the text fields it reads and its id fields. */
function actions(cohort: number, institution: number, userId: number) {
	return [
		{ path: '/ingresar', text: ['email', 'password'], ids: [] },
		{
			path: '/registro',
			text: ['fullName', 'email', 'jobTitle'],
			ids: ['institutionId', 'unitId']
		},
		{ path: '/recuperar', text: ['email'], ids: [] },
		{ path: '/idioma', text: ['redirectTo', 'locale'], ids: [] },
		{
			path: `/coordinacion?institucion=${institution}&/createCohort`,
			text: ['name', 'inPersonPlace'],
			ids: []
		},
		{ path: `/coordinacion/cohortes/${cohort}?/attendance`, text: [], ids: ['enrolmentId'] },
		{ path: `/coordinacion/cohortes/${cohort}?/withdraw`, text: [], ids: ['enrolmentId'] },
		{
			path: `/coordinacion/cohortes/${cohort}?/createKey`,
			text: ['expiresOn', 'maxUses'],
			ids: []
		},
		{ path: `/coordinacion/cohortes/${cohort}?/revokeKey`, text: [], ids: ['keyId'] },
		{ path: `/coordinacion/cohortes/${cohort}/importar?/preview`, text: [], ids: [] },
		{ path: `/coordinacion/cohortes/${cohort}/importar?/confirm`, text: [], ids: ['draftId'] },
		{ path: '/admin/instituciones?/create', text: ['name', 'shortName', 'department'], ids: [] },
		{ path: `/admin/instituciones/${institution}?/unit`, text: ['name', 'department'], ids: [] },
		{ path: `/admin/instituciones/${institution}?/merge`, text: [], ids: ['intoId'] },
		{ path: `/admin/usuarios/${userId}?/transfer`, text: [], ids: ['institutionId'] },
		{ path: '/coordinacion/solicitudes', text: ['decision'], ids: ['requestId'] }
	];
}

test('malformed bodies, NUL bytes, huge ids and floods of fields get 400/404/409 with a message, never a 500', async () => {
	test.setTimeout(120_000);
	const institution = mre();
	const admin = await signedIn(newAccount('admin'));
	// Sign-up, login and reset are tried as a visitor (signed in, their pages send you home).
	const visitor = await playwrightRequest.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { origin: ORIGIN }
	});
	const as = (path: string) => (/^\/(registro|ingresar|recuperar)/.test(path) ? visitor : admin);
	const cohort = newCohort(institution);
	const someone = query<{ id: number }>(
		"SELECT id FROM users WHERE email = 'consular@aula.demo'"
	)[0].id;
	const problems: string[] = [];
	const expect4xx = async (
		label: string,
		res: Awaited<ReturnType<APIRequestContext['fetch']>>,
		allowed = [400, 404, 409]
	) => {
		const body = await res.text();
		if (!allowed.includes(res.status()))
			problems.push(`${label}: ${res.status()} ${body.slice(0, 120)}`);
		else if (!/<h1|"message"|"type":"failure"/.test(body)) problems.push(`${label}: no message`);
	};

	for (const action of actions(cohort, institution, someone)) {
		for (const [name, body] of MALFORMED) {
			const res = await as(action.path).fetch(action.path, {
				method: 'POST',
				...body,
				headers: { ...body.headers, accept: 'text/html' },
				maxRedirects: 0
			});
			await expect4xx(`${action.path} ${name}`, res);
		}
		for (const field of [...action.text, ...action.ids]) {
			const res = await as(action.path).post(action.path, {
				form: { [field]: 'a\u0000b' },
				headers: { accept: 'text/html' },
				maxRedirects: 0
			});
			await expect4xx(`${action.path} NUL in ${field}`, res);
		}
		for (const field of action.ids) {
			for (const id of [HUGE, '2147483648', '1e+21']) {
				const res = await as(action.path).post(action.path, {
					form: { [field]: id, decision: 'approve' },
					headers: { accept: 'text/html' },
					maxRedirects: 0
				});
				await expect4xx(`${action.path} ${field}=${id}`, res);
			}
		}
	}
	// The same bodies from the JavaScript side (use:enhance) get the error as JSON, also not a 500.
	const enhanced = await admin.fetch(`/coordinacion/cohortes/${cohort}?/attendance`, {
		method: 'POST',
		headers: {
			'content-type': 'text/plain',
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		data: 'x'
	});
	expect(enhanced.status()).toBe(400);
	expect(await enhanced.json()).toMatchObject({
		type: 'error',
		error: { message: expect.stringContaining('No pudimos leer el formulario') }
	});

	// Huge ids and control characters in paths.
	for (const path of [
		`/coordinacion/cohortes/${HUGE}`,
		'/coordinacion/cohortes/2147483648',
		`/coordinacion/cohortes/${HUGE}/participantes.csv`,
		`/coordinacion/cohortes/${HUGE}/importar`,
		'/admin/instituciones/1e+21',
		`/admin/usuarios/${HUGE}`,
		`/coordinacion/personas/${HUGE}`,
		`/coordinacion?institucion=${HUGE}`,
		`/coordinacion/certificados.zip?institucion=${HUGE}`,
		`/coordinacion/correos?institucion=${HUGE}`,
		`/coordinacion/informe?institucion=${HUGE}`
	]) {
		await expect4xx(
			`GET ${path}`,
			await admin.get(path, { headers: { accept: 'text/html' }, maxRedirects: 0 }),
			[404]
		);
	}
	await expect4xx(
		`POST huge cohort`,
		await admin.post(`/coordinacion/cohortes/${HUGE}?/withdraw`, {
			form: { enrolmentId: '1' },
			headers: { accept: 'text/html' },
			maxRedirects: 0
		}),
		[404]
	);
	for (const path of [
		'/activar/abc%00def',
		'/recuperar/abc%00',
		'/verificar/AULA%00',
		`/coordinacion/cohortes/${cohort}?q=a%00b`
	]) {
		await expect4xx(
			`GET ${path}`,
			await admin.get(path, { headers: { accept: 'text/html' }, maxRedirects: 0 }),
			[400]
		);
	}
	expect(problems).toEqual([]);

	// Nothing was written on the way: no account, institution or unit with a NUL byte.
	expect(
		query('SELECT id FROM users WHERE instr(full_name, char(0)) > 0 OR instr(email, char(0)) > 0')
	).toEqual([]);
	expect(query('SELECT id FROM institutions WHERE instr(name, char(0)) > 0')).toEqual([]);
	expect(query('SELECT id FROM units WHERE instr(name, char(0)) > 0')).toEqual([]);
	await admin.dispose();
	await visitor.dispose();
});

/**
 * Issue 14's editor, attacked as a trainer on the fixture open course (no other e2e file edits it):
 * every form action and query answers malformed bodies, NUL bytes, huge or foreign ids and
 * oversized values with a 4xx and a message, and nothing is written.
 */
test('the course editor answers bad input with 4xx and a message, and writes nothing', async () => {
	test.setTimeout(180_000);
	const slug = 'abierto-prueba';
	const base = `/contenido/${slug}`;
	const published = () =>
		query<{ id: number }>(
			"SELECT max(id) AS id FROM course_revisions WHERE course_slug = ? AND status = 'published'",
			slug
		)[0].id;
	const openDrafts = () =>
		query(
			"SELECT id FROM course_revisions WHERE course_slug = ? AND status IN ('draft', 'review', 'returned')",
			slug
		);
	const before = published();
	expect(openDrafts()).toEqual([]);
	const foreign = query<{ id: number }>(
		"SELECT min(id) AS id FROM course_revisions WHERE course_slug = 'frontera'"
	)[0].id;
	const trainer = await signedIn(newAccount('trainer'));
	const problems: string[] = [];
	const check = async (label: string, res: Awaited<ReturnType<APIRequestContext['fetch']>>) => {
		const body = await res.text();
		if (![400, 403, 404, 409, 413].includes(res.status()))
			problems.push(`${label}: ${res.status()} ${body.slice(0, 160)}`);
		else if (!/<h1|"message"|"type":"failure"/.test(body)) problems.push(`${label}: no message`);
	};
	const post = (path: string, form: Record<string, string>) =>
		trainer.post(path, { form, headers: HTML, maxRedirects: 0 });

	const text = [
		'text',
		'title',
		'summary',
		'hours',
		'slug',
		'number',
		'minutes',
		'comment',
		'prompt',
		'explanation'
	];
	const ids = ['draft', 'lock', 'revision'];
	const editorActions = [
		`${base}/editar?/submit`,
		`${base}/editar?/rollback`,
		`${base}/editar?/settings`,
		`${base}/editar?/addModule`,
		`${base}/editar?/removeModule`,
		`${base}/editar?/createQuiz`,
		`${base}/editar/01-senales?/save`,
		`${base}/editar/01-senales?/preview`,
		`${base}/editar/01-senales?/upload`,
		`${base}/editar/01-senales/preguntas?/save`,
		`${base}/editar/01-senales/preguntas?/settings`,
		`${base}/editar/01-senales/preguntas?/remove`,
		`${base}/versiones?/discard`,
		`${base}/revision?/approve`,
		`${base}/revision?/return`
	];
	for (const path of editorActions) {
		for (const [name, body] of MALFORMED) {
			const res = await trainer.fetch(path, {
				method: 'POST',
				...body,
				headers: { ...body.headers, accept: 'text/html' },
				maxRedirects: 0
			});
			await check(`${path} ${name}`, res);
		}
		for (const field of text)
			await check(
				`${path} NUL in ${field}`,
				await post(path, { [field]: 'a\u0000b', confirm: 'yes' })
			);
		await check(
			`${path} 300 kB`,
			await post(path, { text: 'x'.repeat(300_000), title: 'x'.repeat(300_000) })
		);
		for (const id of [HUGE, '2147483648', '-1', '1e+21', String(foreign)])
			await check(
				`${path} ids=${id}`,
				await post(path, {
					draft: id,
					lock: id,
					revision: id,
					module: '01-senales',
					question: 'documentos',
					confirm: 'yes'
				})
			);
		for (const field of ids)
			await check(`${path} NUL in ${field}`, await post(path, { [field]: '1\u0000' }));
	}
	// Another course's version, rolled back through this course's page.
	await check(
		'rollback to another course',
		await post(`${base}/editar?/rollback`, { revision: String(foreign) })
	);
	// An upload whose description carries a NUL byte, and one without a file.
	const png = Buffer.concat([
		Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
		Buffer.alloc(64, 7)
	]);
	for (const [label, alt, file] of [
		['NUL in alt', 'a\u0000b', png],
		['huge alt', 'x'.repeat(20_000), png],
		['empty file', 'Un mapa', Buffer.alloc(0)]
	] as const)
		await check(
			`upload ${label}`,
			await trainer.post(`${base}/editar/01-senales?/upload`, {
				multipart: { alt, image: { name: 'mapa.png', mimeType: 'image/png', buffer: file } },
				headers: HTML,
				maxRedirects: 0
			})
		);
	// Queries and paths.
	for (const path of [
		`${base}/versiones?de=${HUGE}&a=1`,
		`${base}/versiones?de=${foreign}`,
		`${base}/versiones?de=a%00b`,
		`${base}/01-senales/analisis?version=a%00b`,
		`${base}/01-senales/analisis.csv?version=${HUGE}`,
		`${base}/editar/01-senales/preguntas?pregunta=a%00b`,
		`${base}/editar/01-senales/preguntas?nueva=case%00`,
		`${base}/editar/99-nada`,
		`${base}/editar/..%2F..%2Fcourse`,
		`/contenido/otro-curso/editar`,
		`/imagenes/${'0'.repeat(64)}.png`,
		'/imagenes/..%2F..%2Fetc%2Fpasswd',
		`/imagenes/${'a'.repeat(64)}.svg`
	])
		await check(`GET ${path}`, await trainer.get(path, { headers: HTML, maxRedirects: 0 }));
	expect(problems).toEqual([]);

	// Nothing was written: the same published version, no draft, no image from this test.
	expect(published()).toBe(before);
	expect(openDrafts()).toEqual([]);
	expect(query('SELECT hash FROM course_images WHERE size = ?', png.length)).toEqual([]);
	await trainer.dispose();
});

test('a CSV with NUL bytes is previewed and imported without them', async () => {
	const institution = mre();
	const admin = await signedIn(newAccount('admin'));
	const cohort = newCohort(institution);
	const email = uniqueEmail('nul');
	const file = {
		name: 'personas.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`nombre;correo\nRosa\u0000 Condori;${email}\u0000\n`)
	};
	const preview = await admin.post(`/coordinacion/cohortes/${cohort}/importar?/preview`, {
		multipart: { file },
		headers: { accept: 'text/html' }
	});
	expect(preview.status()).toBe(200);
	const draftId = (await preview.text()).match(/name="draftId" value="(\d+)"/)?.[1];
	expect(draftId).toBeTruthy();
	const confirm = await admin.post(`/coordinacion/cohortes/${cohort}/importar?/confirm`, {
		form: { draftId: draftId! },
		headers: HTML,
		maxRedirects: 0
	});
	expect(confirm.status()).toBe(303);
	expect(query('SELECT full_name FROM users WHERE email = ?', email)).toEqual([
		{ full_name: 'Rosa Condori' }
	]);
	await admin.dispose();
});

test('redirects after login and language change stay on the site, whatever the next= value', async () => {
	const email = newAccount(null, mre());
	const hostile = [
		'/\t/evil.example',
		'/\n/evil.example',
		'/\\evil.example',
		'//evil.example',
		'https://evil.example',
		'/.//evil.example',
		'/%09/evil.example'
	];
	for (const next of hostile) {
		const context = await playwrightRequest.newContext({
			baseURL: ORIGIN,
			extraHTTPHeaders: { origin: ORIGIN }
		});
		const login = await context.post(`/ingresar?next=${encodeURIComponent(next)}`, {
			form: { email, password: DEMO_PASSWORD },
			headers: HTML,
			maxRedirects: 0
		});
		expect(login.status(), next).toBe(303);
		const location = login.headers().location;
		expect(
			new URL(location, ORIGIN).origin,
			`POST /ingresar next=${JSON.stringify(next)} → ${location}`
		).toBe(ORIGIN);
		expect(location.startsWith('//')).toBe(false);
		const again = await context.get(`/ingresar?next=${encodeURIComponent(next)}`, {
			maxRedirects: 0
		});
		expect(
			new URL(again.headers().location, ORIGIN).origin,
			`GET /ingresar next=${JSON.stringify(next)}`
		).toBe(ORIGIN);
		const language = await context.post('/idioma', {
			form: { locale: 'es', redirectTo: next },
			headers: HTML,
			maxRedirects: 0
		});
		expect(
			new URL(language.headers().location, ORIGIN).origin,
			`POST /idioma redirectTo=${JSON.stringify(next)}`
		).toBe(ORIGIN);
		await context.dispose();
	}
	// A path on the site is kept.
	const context = await playwrightRequest.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { origin: ORIGIN }
	});
	const login = await context.post(`/ingresar?next=${encodeURIComponent('/mis-cursos?x=1')}`, {
		form: { email, password: DEMO_PASSWORD },
		headers: HTML,
		maxRedirects: 0
	});
	expect(login.headers().location).toBe('/mis-cursos?x=1');
	await context.dispose();
});

test('GET /salir does not log out; only the POST does', async () => {
	const context = await signedIn(newAccount(null, mre()));
	expect((await context.get('/salir', { maxRedirects: 0 })).headers().location).toBe('/');
	expect((await context.get('/mis-cursos', { maxRedirects: 0 })).status()).toBe(200);
	expect(
		(await context.post('/salir', { form: {}, headers: HTML, maxRedirects: 0 })).status()
	).toBe(303);
	expect((await context.get('/mis-cursos', { maxRedirects: 0 })).status()).toBe(303);
	await context.dispose();
});

test('a download named with any character has a valid Content-Disposition (RFC 6266)', async () => {
	const admin = await signedIn(newAccount('admin'));
	const res = await admin.get(
		`/coordinacion/certificados.zip?institucion=${mre()}&curso=${encodeURIComponent('İstanbul-ñandú')}`
	);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-disposition']).toBe(
		`attachment; filename="certificados-${mre()}-Istanbul-nandu.zip"; filename*=UTF-8''certificados-${mre()}-%C4%B0stanbul-%C3%B1and%C3%BA.zip`
	);
	await admin.dispose();
});

test.describe('a cohort of 10,000', () => {
	test.use({ javaScriptEnabled: false });
	let institution: number;
	let cohort: number;

	test.beforeAll(() => {
		// A throwaway institution, so no other test's figures see these people; removed afterwards.
		const db = new Database(DB_FILE);
		db.pragma('busy_timeout = 10000');
		const now = new Date().toISOString();
		const version = (
			db
				.prepare("SELECT version FROM course_versions WHERE course_slug = 'frontera' LIMIT 1")
				.get() as { version: string }
		).version;
		db.transaction(() => {
			institution = Number(
				db
					.prepare(
						"INSERT INTO institutions (name, short_name, country, sector, department, created_at) VALUES (?, NULL, 'BO', 'border', NULL, ?)"
					)
					.run(`Institución Grande ${Date.now()}`, now).lastInsertRowid
			);
			cohort = Number(
				db
					.prepare(
						"INSERT INTO cohorts (institution_id, course_slug, name, starts_on, ends_on, deadline_on, requires_attendance, in_person_on, in_person_place, created_at, created_by) VALUES (?, 'frontera', 'Cohorte grande', '2026-03-01', '2026-03-31', '2030-04-15', 0, NULL, NULL, ?, NULL)"
					)
					.run(institution, now).lastInsertRowid
			);
			const user = db.prepare(
				"INSERT INTO users (email, full_name, password_hash, country, institution_id, unit_id, job_title, locale, email_verified_at, created_at, updated_at) VALUES (?, ?, NULL, 'BO', ?, NULL, NULL, 'es', ?, ?, ?)"
			);
			const enrol = db.prepare(
				"INSERT INTO enrolments (user_id, course_slug, course_version, status, source, enrolled_at, cohort_id) VALUES (?, 'frontera', ?, 'active', 'coordinator', ?, ?)"
			);
			for (let i = 0; i < 10_000; i++) {
				const id = user.run(
					`grande-${cohort}-${i}@example.org`,
					`Participante ${String(i).padStart(5, '0')}`,
					institution,
					now,
					now,
					now
				).lastInsertRowid;
				enrol.run(id, version, now, cohort);
			}
		})();
		db.close();
	});

	test.afterAll(() => {
		const db = new Database(DB_FILE);
		db.pragma('busy_timeout = 10000');
		db.transaction(() => {
			db.prepare('DELETE FROM enrolments WHERE cohort_id = ?').run(cohort);
			db.prepare(
				'DELETE FROM user_tokens WHERE user_id IN (SELECT id FROM users WHERE institution_id = ?)'
			).run(institution);
			db.prepare('DELETE FROM audit_log WHERE target_type = ? AND target_id = ?').run(
				'cohort',
				cohort
			);
			db.prepare('DELETE FROM cohorts WHERE id = ?').run(cohort);
			db.prepare('DELETE FROM users WHERE institution_id = ?').run(institution);
			db.prepare('DELETE FROM institutions WHERE id = ?').run(institution);
		})();
		db.close();
	});

	test('is shown 50 at a time, searchable and filterable without JavaScript; withdrawal returns to the same page', async ({
		page
	}) => {
		const admin = newAccount('admin');
		await page.goto('/ingresar');
		await page.getByLabel('Correo electrónico').fill(admin);
		await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Ingresar' }).click();

		const started = Date.now();
		const res = await page.goto(`/coordinacion/cohortes/${cohort}`);
		const ms = Date.now() - started;
		const bytes = (await res!.body()).length;
		console.info(`[cohort of 10,000] first page: ${bytes} bytes of HTML in ${ms} ms`);
		expect(bytes).toBeLessThan(150_000);
		await expect(page.getByText('10000 participantes con este filtro.')).toBeVisible();
		await expect(page.getByRole('row')).toHaveCount(51);
		await expect(page.getByText('Página 1 de 200')).toBeVisible();
		await expect(page.getByRole('cell', { name: 'Participante 00000', exact: true })).toBeVisible();

		await page.getByRole('link', { name: 'Siguiente' }).click();
		await expect(page).toHaveURL(/pagina=2/);
		await expect(page.getByRole('cell', { name: 'Participante 00050', exact: true })).toBeVisible();

		await page.getByLabel('Buscar por nombre o correo').fill('Participante 0999');
		await page.getByRole('button', { name: 'Filtrar' }).click();
		await expect(page.getByText('10 participantes con este filtro.')).toBeVisible();
		await expect(page.getByRole('row')).toHaveCount(11);

		// Withdraw on page 2 of all learners: the answer is page 2 again, with one withdrawn.
		await page.goto(`/coordinacion/cohortes/${cohort}?pagina=2`);
		await page.getByRole('button', { name: 'Retirar a Participante 00060 de la cohorte' }).click();
		await expect(page).toHaveURL(/pagina=2/);
		await expect(page.getByRole('row', { name: /Participante 00060/ })).toContainText('Retirada/o');
		await page.goto(`/coordinacion/cohortes/${cohort}?estado=withdrawn`);
		await expect(page.getByText('1 participantes con este filtro.')).toBeVisible();
	});
});
