import { execute, expect, expectAccessible, linkFromMail, logIn, newPerson, ORIGIN, query, test, uniqueEmail } from './support';

const COURSE = 'Lucha contra la Trata y Tráfico de Personas en Frontera';

/** A coordinator of the Ministerio de Relaciones Exteriores of our own (the demo one may be locked by another test). */
function newCoordinator(): string {
	const email = uniqueEmail('coordinacion');
	const now = new Date().toISOString();
	const mre = query<{ id: number }>("SELECT id FROM institutions WHERE name = 'Ministerio de Relaciones Exteriores' AND country = 'BO'")[0].id;
	// Same password as the demo accounts: reuse one of their hashes.
	execute(
		`INSERT INTO users (email, full_name, password_hash, country, institution_id, unit_id, job_title, locale, email_verified_at, created_at, updated_at)
		 SELECT ?, 'Coordinación de Prueba', password_hash, 'BO', ?, NULL, NULL, 'es', ?, ?, ? FROM users WHERE email = 'consular@aula.demo'`,
		email, mre, now, now, now
	);
	execute("INSERT INTO user_roles (user_id, role, institution_id, granted_at, granted_by) SELECT id, 'coordinator', ?, ?, NULL FROM users WHERE email = ?", mre, now, email);
	return email;
}

/** A learner of the Ministerio de Relaciones Exteriores (consular sector) with the demo password. */
function newMreLearner(fullName: string): string {
	const email = uniqueEmail('aprendiz');
	const now = new Date().toISOString();
	execute(
		`INSERT INTO users (email, full_name, password_hash, country, institution_id, unit_id, job_title, locale, email_verified_at, created_at, updated_at)
		 SELECT ?, ?, password_hash, 'BO', institution_id, NULL, NULL, 'es', ?, ?, ? FROM users WHERE email = 'consular@aula.demo'`,
		email, fullName, now, now, now
	);
	return email;
}

test('a coordinator enrols a cohort from a CSV, an invited learner starts, the coordinator sees the progress', async ({ browser }) => {
	const coordinator = await newPerson(browser);
	await logIn(coordinator, newCoordinator());
	await coordinator.getByRole('link', { name: 'Coordinación' }).click();
	await expect(coordinator.getByRole('heading', { name: 'Coordinación: Ministerio de Relaciones Exteriores' })).toBeVisible();

	const cohortName = `Frontera, consulados en Argentina, marzo ${Date.now()}`;
	await coordinator.getByLabel('Nombre de la cohorte').fill(cohortName);
	await coordinator.getByLabel('Curso', { exact: true }).selectOption({ label: COURSE });
	await coordinator.getByLabel('Inicio', { exact: true }).fill('2026-03-01');
	await coordinator.getByLabel('Fin', { exact: true }).fill('2026-03-31');
	await coordinator.getByLabel('Plazo para completar').fill('2030-04-15');
	await coordinator.getByRole('button', { name: 'Crear cohorte' }).click();
	await expect(coordinator.getByText('Cohorte creada.')).toBeVisible();
	await expectAccessible(coordinator);
	await coordinator.getByRole('link', { name: cohortName }).click();
	await coordinator.getByRole('link', { name: 'Inscribir por archivo CSV' }).click();
	await expectAccessible(coordinator);

	const ana = uniqueEmail('ana');
	const luis = uniqueEmail('luis');
	const csv = [
		'nombre;correo;unidad',
		`Ana Quispe;${ana};Consulado General en Buenos Aires`,
		`"Mamani, Luis";${luis};`,
		'Sin Correo;no-es-un-correo;',
		`Unidad Inventada;${uniqueEmail('x')};Consulado en la Luna`,
		'Policía Demo;policia@aula.demo;',
		`Ana Repetida;${ana};`
	].join('\r\n');
	await coordinator.getByLabel('Archivo CSV').setInputFiles({ name: 'cohorte.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv, 'utf8') });
	await coordinator.getByRole('button', { name: 'Ver vista previa' }).click();

	await expect(coordinator.getByRole('heading', { name: 'Vista previa' })).toBeVisible();
	await expect(coordinator.getByText(/Cuentas nuevas \(recibirán una invitación\): 2\..*Filas con errores, que se omitirán: 4\./)).toBeVisible();
	await expect(coordinator.getByRole('row', { name: /no-es-un-correo/ })).toContainText('Correo electrónico no válido.');
	await expect(coordinator.getByRole('row', { name: /Consulado en la Luna/ })).toContainText('La unidad no existe en esta institución.');
	await expect(coordinator.getByRole('row', { name: /policia@aula\.demo/ })).toContainText('La persona pertenece a otra institución.');
	await expect(coordinator.getByRole('row', { name: /Ana Repetida/ })).toContainText('El correo se repite en una fila anterior.');
	await expectAccessible(coordinator);
	// Nothing is written before confirming.
	expect(query('SELECT id FROM users WHERE email = ?', ana)).toHaveLength(0);

	await coordinator.getByRole('button', { name: 'Confirmar la inscripción' }).click();
	await expect(coordinator.getByText(/Cuentas creadas e invitadas: 2\./)).toBeVisible();
	await expect(coordinator.getByRole('cell', { name: 'Ana Quispe', exact: true })).toBeVisible();
	await expect(coordinator.getByRole('cell', { name: 'Mamani, Luis', exact: true })).toBeVisible();
	await expect(coordinator.getByRole('cell', { name: 'Policía Demo', exact: true })).toHaveCount(0);
	await expectAccessible(coordinator);

	// The invited learner sets a password from the link in the mail and finds the course.
	const learner = await newPerson(browser);
	await learner.goto(await linkFromMail(ana, '/invitacion'));
	await expect(learner.getByRole('heading', { name: 'Cree su contraseña' })).toBeVisible();
	await expectAccessible(learner);
	await learner.getByLabel('Nueva contraseña').fill('una frase larga de prueba');
	await learner.getByLabel('Repita la contraseña').fill('una frase larga de prueba');
	await learner.getByRole('button', { name: 'Crear contraseña y entrar' }).click();
	await expect(learner.getByRole('heading', { name: 'Mis cursos' })).toBeVisible();
	await expect(learner.getByRole('link', { name: COURSE })).toBeVisible();
	await learner.getByRole('link', { name: /^Continuar: / }).click();
	await learner.getByRole('button', { name: 'Marcar como leído' }).click();
	await expect(learner.getByText('Leído, falta la evaluación')).toBeVisible();

	// The coordinator sees her start; the mail is in the coordinator's outbox, the link used once.
	await coordinator.reload();
	await expect(coordinator.getByRole('row', { name: /Ana Quispe/ })).toContainText('En curso');
	await coordinator.getByLabel('Estado').selectOption('in-progress');
	await coordinator.getByRole('button', { name: 'Filtrar' }).click();
	await expect(coordinator.getByRole('cell', { name: 'Ana Quispe', exact: true })).toBeVisible();
	await expect(coordinator.getByRole('cell', { name: 'Mamani, Luis', exact: true })).toHaveCount(0);
	// The export: UTF-8 with BOM, this cohort's people only.
	const cohortPath = new URL(coordinator.url()).pathname;
	const exported = await coordinator.request.get(`${cohortPath}/participantes.csv`);
	expect(exported.headers()['content-type']).toContain('text/csv');
	const csvText = (await exported.body()).toString('utf8');
	expect(csvText.startsWith('\uFEFF')).toBe(true);
	expect(csvText).toContain('Ana Quispe');
	expect(csvText).not.toContain('policia@aula.demo');

	// Another institution's cohort, by URL or by posting to it: refused.
	const police = query<{ id: number }>("SELECT id FROM institutions WHERE name = 'Policía Boliviana' AND country = 'BO'")[0].id;
	execute(
		`INSERT INTO cohorts (institution_id, course_slug, name, starts_on, ends_on, deadline_on, requires_attendance, created_at) VALUES (?, 'frontera', 'Cohorte ajena', '2026-03-01', '2026-03-31', '2026-04-15', 0, ?)`,
		police, new Date().toISOString()
	);
	const foreign = query<{ id: number }>("SELECT max(id) AS id FROM cohorts WHERE name = 'Cohorte ajena'")[0].id;
	for (const url of [`/coordinacion/cohortes/${foreign}`, `/coordinacion/cohortes/${foreign}/participantes.csv`, `/coordinacion/cohortes/${foreign}/importar`, `/coordinacion/correos?institucion=${police}`, `/coordinacion?institucion=${police}`]) {
		expect((await coordinator.request.get(url)).status(), url).toBe(403);
	}
	const post = await coordinator.request.post(`/coordinacion/cohortes/${foreign}/importar?/confirm`, {
		form: { draftId: '1' },
		headers: { origin: ORIGIN }
	});
	expect(post.status()).toBe(403);
	expect(query<{ n: number }>('SELECT count(*) AS n FROM enrolments WHERE cohort_id = ?', foreign)[0].n).toBe(0);

	await coordinator.goto('/coordinacion');
	await coordinator.getByRole('link', { name: 'Correos enviados por usted' }).click();
	await expect(coordinator.getByText(ana).first()).toBeVisible();
	await expect(coordinator.getByText('consular@aula.demo')).toHaveCount(0);
	await expectAccessible(coordinator);
});

test('an admin transfers a person to another institution and finds it in the filtered audit log', async ({ page }) => {
	const email = uniqueEmail('traslado');
	const now = new Date().toISOString();
	execute(
		`INSERT INTO users (email, full_name, password_hash, country, institution_id, unit_id, job_title, locale, email_verified_at, created_at, updated_at)
		 SELECT ?, 'Persona Trasladada', NULL, 'BO', institution_id, NULL, NULL, 'es', ?, ?, ? FROM users WHERE email = 'consular@aula.demo'`,
		email, now, now, now
	);
	await logIn(page, 'admin@aula.demo');
	await page.goto(`/admin/usuarios?q=${encodeURIComponent(email)}`);
	await page.getByRole('link', { name: 'Persona Trasladada' }).click();
	await page.getByLabel('Nueva institución').selectOption({ label: 'Policía Boliviana' });
	await page.getByRole('button', { name: 'Transferir' }).click();
	await expect(page.getByText('La persona fue transferida.')).toBeVisible();
	const [moved] = query<{ name: string }>('SELECT i.name FROM users u JOIN institutions i ON i.id = u.institution_id WHERE u.email = ?', email);
	expect(moved.name).toBe('Policía Boliviana');
	await expectAccessible(page);

	await page.goto('/admin/auditoria');
	await page.getByLabel('Acción').fill('user.transfer');
	await page.getByRole('button', { name: 'Filtrar' }).click();
	await expect(page.getByRole('cell', { name: 'user.transfer' }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: 'role.grant' })).toHaveCount(0);
	await expectAccessible(page);

	// A duplicate institution merged into the one kept: its people move, it disappears.
	const stamp = Date.now();
	for (const name of [`Gobernación de Oruro ${stamp}`, `Gob. de Oruro ${stamp}`]) {
		execute("INSERT INTO institutions (name, short_name, country, sector, department, created_at) VALUES (?, NULL, 'BO', 'government', 'Oruro', ?)", name, now);
	}
	const [keep] = query<{ id: number }>('SELECT id FROM institutions WHERE name = ?', `Gobernación de Oruro ${stamp}`);
	const [dup] = query<{ id: number }>('SELECT id FROM institutions WHERE name = ?', `Gob. de Oruro ${stamp}`);
	execute('UPDATE users SET institution_id = ? WHERE email = ?', dup.id, email);
	await page.goto(`/admin/instituciones/${dup.id}`);
	await page.getByLabel('Institución que se conserva').selectOption({ label: `Gobernación de Oruro ${stamp} (BO)` });
	await page.getByRole('button', { name: 'Fusionar y eliminar esta institución' }).click();
	await expect(page.getByText('Institución duplicada fusionada en esta.')).toBeVisible();
	await expect(page.getByRole('heading', { name: `Gobernación de Oruro ${stamp}` })).toBeVisible();
	await expectAccessible(page);
	expect(query<{ institution_id: number }>('SELECT institution_id FROM users WHERE email = ?', email)[0].institution_id).toBe(keep.id);
	expect(query('SELECT id FROM institutions WHERE id = ?', dup.id)).toHaveLength(0);
});

test('a learner joins a cohort with its key; another asks for a course outside her audience and her coordinator approves', async ({ browser }) => {
	const coordinatorEmail = newCoordinator();
	const cohortName = `Cohorte con clave ${Date.now()}`;
	const now = new Date().toISOString();
	execute(
		`INSERT INTO cohorts (institution_id, course_slug, name, starts_on, ends_on, deadline_on, requires_attendance, in_person_on, in_person_place, created_at, created_by)
		 SELECT institution_id, 'frontera', ?, '2026-03-01', '2026-03-31', '2030-04-15', 0, NULL, NULL, ?, id FROM users WHERE email = ?`,
		cohortName, now, coordinatorEmail
	);
	const coordinator = await newPerson(browser);
	await logIn(coordinator, coordinatorEmail);
	await coordinator.goto('/coordinacion');
	await coordinator.getByRole('link', { name: cohortName }).click();
	await coordinator.getByLabel('Límite de usos (opcional)').fill('1');
	await coordinator.getByRole('button', { name: 'Crear clave' }).click();
	await expect(coordinator.getByText('Clave creada.')).toBeVisible();
	await expectAccessible(coordinator);
	const code = (await coordinator.locator('table').last().locator('tbody tr td code').first().textContent())!.trim();
	expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);

	const learner = await newPerson(browser);
	await logIn(learner, newMreLearner('Aprendiz Con Clave'));
	await learner.goto(`/inscribirme?clave=${code}`);
	await expect(learner.getByText(`Esta clave le inscribe en «${COURSE}» (${cohortName}).`)).toBeVisible();
	await expectAccessible(learner);
	await learner.getByRole('button', { name: 'Inscribirme' }).click();
	await expect(learner.getByRole('heading', { name: COURSE })).toBeVisible();
	await expect(learner.getByRole('link', { name: /^Continuar: / })).toBeVisible();
	await coordinator.reload();
	await expect(coordinator.getByRole('cell', { name: 'Aprendiz Con Clave', exact: true })).toBeVisible();
	await expect(coordinator.getByText('1 de 1')).toBeVisible();
	await coordinator.getByLabel('Asistió: Aprendiz Con Clave').check();
	await coordinator.getByRole('button', { name: 'Registrar asistencia de las personas marcadas' }).click();
	await expect(coordinator.getByText('Asistencias registradas: 1. Cursos completados con ello: 0.')).toBeVisible();
	await expect(coordinator.getByLabel('Asistió: Aprendiz Con Clave')).toHaveCount(0);

	// A second person: the key is used up.
	const late = await newPerson(browser);
	const lateEmail = newMreLearner('Aprendiz Tardía');
	await logIn(late, lateEmail);
	// (Lower case, as people type it; given in the URL so hydration cannot race a fill.)
	await late.goto(`/inscribirme?clave=${code.toLowerCase()}`);
	await expect(late.getByText('La clave ya alcanzó su límite de usos.')).toBeVisible();
	await expect(late.getByLabel('Clave de inscripción')).toHaveValue(code.toLowerCase());
	await late.getByRole('button', { name: 'Inscribirme' }).click();
	await expect(late.getByText('La clave ya alcanzó su límite de usos.')).toBeVisible();

	// The police course is for the police: a consular officer asks, her coordinator approves.
	await late.goto('/cursos/ley-263-policia');
	await late.getByRole('button', { name: 'Solicitar la inscripción a mi coordinación' }).click();
	await expect(late.getByText('Solicitud enviada a su coordinación.')).toBeVisible();
	await expect(late.getByText('Su solicitud de inscripción está pendiente de aprobación.')).toBeVisible();
	await expectAccessible(late);
	await coordinator.goto('/coordinacion');
	await coordinator.getByRole('link', { name: 'Solicitudes de inscripción pendientes' }).click();
	await expectAccessible(coordinator);
	await coordinator.getByRole('row').filter({ hasText: lateEmail }).getByRole('button', { name: 'Aprobar la solicitud de Aprendiz Tardía' }).click();
	await expect(coordinator.getByText('Solicitud aprobada: la persona quedó inscrita.')).toBeVisible();
	await late.reload();
	await expect(late.getByRole('link', { name: /^Continuar: / })).toBeVisible();
});
