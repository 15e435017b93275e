import { expect, test, type Page } from '@playwright/test';
import { execute, logIn, logOut, ORIGIN, query, uniqueEmail } from './support';

const COURSE = 'ley-263-policia';
const MODULES = ['01-marco-general', '02-instituciones', '03-delitos'];

/** A police learner of their own (the demo account's institution and password), enrolled in nothing. */
function newPoliceLearner(): string {
	const email = uniqueEmail('sin-conexion');
	execute(
		`INSERT INTO users (email, full_name, password_hash, country, institution_id, unit_id, job_title, locale, email_verified_at, created_at, updated_at)
		 SELECT ?, 'Rosa Mamani', password_hash, country, institution_id, unit_id, job_title, locale, email_verified_at, created_at, updated_at
		 FROM users WHERE email = 'policia@aula.demo'`,
		email
	);
	return email;
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

function readRows(email: string) {
	return query<{ module_slug: string; read_at: string | null }>(
		`SELECT p.module_slug, p.read_at FROM module_progress p JOIN enrolments e ON e.id = p.enrolment_id
		 JOIN users u ON u.id = e.user_id WHERE u.email = ? AND p.read_at IS NOT NULL ORDER BY p.module_slug`,
		email
	);
}

function clientActions(email: string) {
	return query<{ client_id: string }>(
		'SELECT c.client_id FROM client_actions c JOIN users u ON u.id = c.user_id WHERE u.email = ?',
		email
	);
}

test('a learner downloads the Law 263 course, reads and marks three modules offline, and the marks arrive once', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	const email = newPoliceLearner();
	await page.setViewportSize({ width: 360, height: 740 });
	await logIn(page, email);
	await page.goto(`/cursos/${COURSE}`);
	await page.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	await page.waitForURL(`**/cursos/${COURSE}/01-marco-general`);
	await page.goto(`/cursos/${COURSE}`);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

	const offline = page.getByRole('region', { name: 'Disponible sin conexión' });
	await offline.getByRole('button', { name: 'Descargar para leer sin conexión' }).click();
	await expect(
		offline.getByText(/^Guardado en este dispositivo: versión [0-9a-f]{7}, [\d,]+ (KB|MB)/)
	).toBeVisible();
	const stored = await offline.getByText(/^Guardado en este dispositivo/).textContent();
	console.log(`[offline] ${stored}`);
	// Downloading is not visiting: "continue from" still points at the first module.
	expect(
		query<{ last_module: string }>(
			'SELECT e.last_module FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = ?',
			email
		)[0].last_module
	).toBe('01-marco-general');
	expect(await cacheNames(page)).toEqual(
		expect.arrayContaining([expect.stringMatching(/^aula-pages-\d+$/)])
	);

	await context.setOffline(true);
	await page.goto(`/cursos/${COURSE}/${MODULES[0]}`);
	for (const [i, slug] of MODULES.entries()) {
		await expect(page).toHaveURL(new RegExp(`/cursos/${COURSE}/${slug}$`));
		await expect(
			page.getByText(/^Sin conexión\. Puede leer los cursos que descargó/)
		).toBeVisible();
		await expect(page.locator('.prose')).not.toBeEmpty();
		await expect(page.getByText('Las evaluaciones necesitan conexión')).toBeVisible();
		await page.getByRole('button', { name: 'Marcar como leído' }).click();
		await expect(
			page.getByText('Guardado en este dispositivo: se marcará como leído')
		).toBeVisible();
		await expect(
			page.getByText(`Acciones guardadas en este dispositivo, por enviar: ${i + 1}.`)
		).toBeVisible();
		if (i === 0) {
			await page.evaluate(() => scrollTo(0, 0));
			await page.screenshot({ path: 'docs/offline-module-360.png' });
		}
		if (i < MODULES.length - 1) await page.getByRole('link', { name: /→$/ }).click();
	}
	// A page that was not downloaded: the honest notice, not someone else's page or an error.
	await page.goto('/mis-certificados');
	await expect(page.getByRole('heading', { name: 'Sin conexión' })).toBeVisible();
	await page.screenshot({ path: 'docs/offline-not-stored-360.png' });
	expect(readRows(email)).toEqual([]);

	await page.goBack();
	await context.setOffline(false);
	await expect(page.getByText('Se enviaron las acciones guardadas sin conexión: 3.')).toBeVisible();
	await expect.poll(() => readRows(email).map((r) => r.module_slug)).toEqual(MODULES);
	const actions = clientActions(email);
	expect(actions).toHaveLength(3);

	// The same action arriving again (its first answer lost on the way) changes nothing.
	const before = readRows(email);
	const replay = await page.evaluate(
		async ({ action, clientId }) => {
			const body = new FormData();
			body.set('clientId', clientId);
			const res = await fetch(action, {
				method: 'POST',
				body,
				headers: { 'x-sveltekit-action': 'true' }
			});
			return (await res.json()).type;
		},
		{ action: `${ORIGIN}/cursos/${COURSE}/${MODULES[0]}?/read`, clientId: actions[0].client_id }
	);
	expect(replay).toBe('success');
	expect(readRows(email)).toEqual(before);
	expect(clientActions(email)).toHaveLength(3);

	// Logging out removes the stored pages.
	await logOut(page);
	await expect
		.poll(async () => (await cacheNames(page)).filter((n) => n.startsWith('aula-pages-')))
		.toEqual([]);
});

test('the logout response asks the browser to clear its caches', async ({ page }) => {
	await logIn(page, newPoliceLearner());
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.url().endsWith('/salir') && r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Salir' }).click()
	]);
	expect((await response.allHeaders())['clear-site-data']).toBe('"cache"');
});

test('online, pages always come from the network, never from a download', async ({ page }) => {
	const email = newPoliceLearner();
	await logIn(page, email);
	await page.goto(`/cursos/${COURSE}`);
	await page.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	await page.goto(`/cursos/${COURSE}`);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
	await page.getByRole('button', { name: 'Descargar para leer sin conexión' }).click();
	await expect(page.getByText(/^Guardado en este dispositivo: versión/)).toBeVisible();
	// The download stored the module as not read; read it now, online: the page must say so.
	await page.goto(`/cursos/${COURSE}/${MODULES[0]}`);
	await page.getByRole('button', { name: 'Marcar como leído' }).click();
	await expect(page.getByText('Leído, falta la evaluación')).toBeVisible();
	const response = await page.goto(`/cursos/${COURSE}/${MODULES[0]}`);
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByText('Leído, falta la evaluación')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Marcar como leído' })).toHaveCount(0);
});
