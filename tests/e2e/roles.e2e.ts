import { expect, expectAccessible, logIn, newPerson, ORIGIN, query, test } from './support';

test('an admin makes a person coordinator of one institution, who then sees only its people', async ({ browser }) => {
	const admin = await newPerson(browser);
	await logIn(admin, 'admin@aula.demo');
	await admin.getByRole('link', { name: 'Administración' }).click();
	await expectAccessible(admin);
	await admin.getByRole('link', { name: 'Personas y funciones' }).click();
	await admin.getByLabel('Buscar por nombre o correo').fill('formadora');
	await admin.getByRole('button', { name: 'Buscar' }).click();
	await expectAccessible(admin);
	await admin.getByRole('link', { name: 'Formadora Demo' }).click();
	await expectAccessible(admin);

	await admin.getByLabel('Función', { exact: true }).selectOption('coordinator');
	await admin.getByLabel('Institución que coordina').selectOption({ label: 'Policía Boliviana' });
	await admin.getByRole('button', { name: 'Asignar' }).click();
	await expect(admin.getByText('Función asignada.')).toBeVisible();
	await expect(admin.getByText('coordina: Policía Boliviana')).toBeVisible();

	const audit = query<{ action: string; details: string }>(
		"SELECT action, details FROM audit_log WHERE action = 'role.grant' ORDER BY id DESC LIMIT 1"
	)[0];
	expect(audit.action).toBe('role.grant');
	expect(JSON.parse(audit.details).role).toBe('coordinator');
	await admin.goto('/admin/auditoria');
	await expect(admin.getByText('role.grant').first()).toBeVisible();
	await expectAccessible(admin);

	// The new coordinator sees the police, not the consular officer of another institution.
	const coordinator = await newPerson(browser);
	await logIn(coordinator, 'formadora@aula.demo');
	await coordinator.getByRole('link', { name: 'Coordinación' }).click();
	await expect(coordinator.getByRole('heading', { name: 'Coordinación: Policía Boliviana' })).toBeVisible();
	await expect(coordinator.getByRole('cell', { name: 'Policía Demo' })).toBeVisible();
	await expect(coordinator.getByText('consular@aula.demo')).toHaveCount(0);
	await expectAccessible(coordinator);

	const consularId = query<{ id: number }>("SELECT id FROM users WHERE email = 'consular@aula.demo'")[0].id;
	const mre = query<{ id: number }>("SELECT id FROM institutions WHERE name = 'Ministerio de Relaciones Exteriores' AND country = 'BO'")[0].id;
	for (const url of [`/coordinacion/personas/${consularId}`, `/coordinacion?institucion=${mre}`]) {
		const res = await coordinator.goto(url);
		expect(res?.status(), url).toBe(403);
	}

	// Remove the role again so the demo account stays a trainer for other tests.
	await admin.getByRole('link', { name: 'Administración' }).click();
	await admin.goto('/admin/usuarios?q=formadora');
	await admin.getByRole('link', { name: 'Formadora Demo' }).click();
	await admin.getByRole('button', { name: /Quitar\s+Coordinador/ }).click();
	await expect(admin.getByText('Función retirada.')).toBeVisible();
	const res = await coordinator.goto('/coordinacion');
	expect(res?.status()).toBe(403);
});

test('a learner gets 403 on admin, coordination and council pages and actions', async ({ page }) => {
	await logIn(page, 'consular@aula.demo');
	for (const url of ['/admin', '/admin/usuarios', '/admin/instituciones', '/admin/correos', '/admin/auditoria', '/coordinacion', '/consejo']) {
		const res = await page.goto(url);
		expect(res?.status(), url).toBe(403);
	}
	await expect(page.getByText('No tiene permiso para ver esta página.')).toBeVisible();
	await expectAccessible(page);
	// Posting to an admin action directly is refused too.
	const me = query<{ id: number }>("SELECT id FROM users WHERE email = 'consular@aula.demo'")[0].id;
	const res = await page.request.post(`/admin/usuarios/${me}?/grant`, {
		form: { role: 'admin' },
		headers: { origin: ORIGIN }
	});
	expect(res.status()).toBe(403);
	expect(query<{ n: number }>('SELECT count(*) AS n FROM user_roles WHERE user_id = ?', me)[0].n).toBe(0);
});

test('the council sees counts per institution and no names', async ({ page }) => {
	await logIn(page, 'consejo@aula.demo');
	await page.getByRole('link', { name: 'Consejo' }).click();
	await expect(page.getByRole('heading', { name: 'Consejo Plurinacional' })).toBeVisible();
	// The dashboard replaced the list of registered people (see reports.e2e.ts for its figures).
	await expect(page.getByRole('heading', { name: 'Por institución' })).toBeVisible();
	await expect(page.getByText('Policía Demo')).toHaveCount(0);
	await expectAccessible(page);
	expect((await page.goto('/admin'))?.status()).toBe(403);
});

test('an admin adds an institution and a unit', async ({ page }) => {
	const name = `Gobernación de Pando ${Date.now()}`;
	await logIn(page, 'admin@aula.demo');
	await page.goto('/admin/instituciones');
	await expectAccessible(page);
	await page.getByLabel('Nombre', { exact: true }).fill(name);
	await page.getByLabel('Sector').selectOption('government');
	await page.getByRole('button', { name: 'Crear institución' }).click();
	await expect(page.getByText('Institución creada.')).toBeVisible();
	await page.getByRole('link', { name }).click();
	await page.getByLabel('Nombre de la unidad').fill('Unidad de Género');
	await page.getByRole('button', { name: 'Agregar unidad' }).click();
	await expect(page.getByText('Unidad agregada.')).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Unidad de Género' })).toBeVisible();
	await expectAccessible(page);
	// The same name twice in one country is refused with a message, not an error page.
	await page.goto('/admin/instituciones');
	await page.getByLabel('Nombre', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Crear institución' }).click();
	await expect(page.getByText('Ya existe una institución con ese nombre en ese país.').first()).toBeVisible();
});
