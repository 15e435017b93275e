/**
 * Navigation and page-level checks: a menu link to the page already open shows current data, the
 * CSP guard of support.ts catches a violation, course callouts pass axe's best-practice rules
 * (the Council page's are checked in reports.e2e.ts), and the registration form without
 * JavaScript groups its long lists.
 */
import type { Page } from '@playwright/test';
import {
	execute,
	expect,
	expectAccessible,
	logIn,
	newPerson,
	query,
	takeCspViolations,
	test,
	uniqueEmail
} from './support';

/** A learner of the Ministerio de Relaciones Exteriores (consular sector) with the demo password. */
function newMreLearner(fullName: string): string {
	const email = uniqueEmail('navegacion');
	const now = new Date().toISOString();
	execute(
		`INSERT INTO users (email, full_name, password_hash, country, institution_id, unit_id, job_title, locale, email_verified_at, created_at, updated_at)
		 SELECT ?, ?, password_hash, 'BO', institution_id, NULL, NULL, 'es', ?, ?, ? FROM users WHERE email = 'consular@aula.demo'`,
		email,
		fullName,
		now,
		now,
		now
	);
	return email;
}

const enrolments = async (page: Page) =>
	Number(
		(
			await page
				.locator('.summary-figures > div')
				.filter({ has: page.getByText('Inscripciones', { exact: true }) })
				.locator('dd')
				.textContent()
		)?.replace(/\D/g, '')
	);

test('the Council’s menu link, clicked on the Council page, shows an enrolment made since', async ({
	page,
	browser
}) => {
	await logIn(page, 'consejo@aula.demo');
	await page.getByRole('link', { name: 'Consejo', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const before = await enrolments(page);

	const learner = await newPerson(browser);
	await logIn(learner, newMreLearner('Nora Navegación'));
	await learner.goto('/cursos/asistencia-consular');
	await learner.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	await learner.waitForURL(/\/cursos\/asistencia-consular\/\d{2}-/);

	// Same URL: without the fix the router reran no load and the old figure stayed.
	await page.getByRole('link', { name: 'Consejo', exact: true }).click();
	await expect.poll(() => enrolments(page)).toBeGreaterThan(before);
});

test('“Mis certificados”, clicked on that page, shows a revocation made meanwhile', async ({
	page,
	browser
}) => {
	const email = newMreLearner('Rita Revocada');
	const pick = () => '23456789ABCDEFGHJKMNPQRSTUVWXYZ'[Math.floor(Math.random() * 31)];
	const code = `AULA-${Array.from({ length: 4 }, pick).join('')}-${Array.from({ length: 4 }, pick).join('')}`;
	const user = query<{ id: number }>('SELECT id FROM users WHERE email = ?', email)[0].id;
	const now = new Date().toISOString();
	execute(
		`INSERT INTO enrolments (user_id, course_slug, course_version, source, status, enrolled_at, last_activity_at, completed_at, completed_version, final_score)
		 SELECT ?, 'frontera', version, 'self', 'completed', ?, ?, ?, version, 100 FROM course_versions WHERE course_slug = 'frontera' LIMIT 1`,
		user,
		now,
		now,
		now
	);
	const enrolment = query<{ id: number }>('SELECT id FROM enrolments WHERE user_id = ?', user)[0]
		.id;
	execute(
		`INSERT INTO certificates (code, enrolment_id, user_id, course_slug, course_version, full_name, course_title, hours, institution_id, institution_name, locale, completed_at, issued_at, payload, signature, key_id)
		 SELECT ?, ?, ?, 'frontera', course_version, 'Rita Revocada', 'Frontera', 4, NULL, NULL, 'es', ?, ?, '{}', 'x', 'x' FROM enrolments WHERE id = ?`,
		code,
		enrolment,
		user,
		now,
		now,
		enrolment
	);

	await logIn(page, email);
	await page.getByRole('link', { name: 'Mis certificados' }).click();
	await expect(page.getByRole('link', { name: 'Descargar PDF' })).toBeVisible();

	const admin = await newPerson(browser);
	await logIn(admin, 'admin@aula.demo');
	await admin.goto(`/admin/certificados?q=${code}`);
	await admin.getByLabel('Motivo de la revocación').fill('Curso no realizado');
	await admin.getByRole('button', { name: /Revocar/ }).click();
	await expect(admin.getByText('Certificado revocado.')).toBeVisible();

	await page.getByRole('link', { name: 'Mis certificados' }).click();
	await expect(page.getByText(/Revocado el .*Motivo: Curso no realizado/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Descargar PDF' })).toHaveCount(0);
	await expectAccessible(page);
});

// The guard itself: it sees a violation (which would fail the test, had it not been taken here).
test('a module’s text is sent once on a first visit, and shown on client-side navigation and after marking it read', async ({
	page
}) => {
	await logIn(page, newMreLearner('Tomás Texto'));
	await page.goto('/cursos/asistencia-consular');
	await page.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	await page.waitForURL(/\/cursos\/asistencia-consular\/01-/);
	await page.waitForLoadState('networkidle');
	const text = page.locator('#module-text');
	const first = (await text.locator('p').first().textContent())!.trim();
	expect(first.length).toBeGreaterThan(40);

	// The markup carries the text; the hydration data does not carry it again (page-html.ts).
	const source = await (await page.request.get(page.url())).text();
	const snippet = first.slice(0, 40);
	expect(source.split(snippet).length - 1).toBe(1);

	// Client-side navigation (the window survives) receives the next module's text whole.
	await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
	const h1 = await page.getByRole('heading', { level: 1 }).textContent();
	await page.getByRole('link', { name: /→$/ }).click();
	await expect(page).toHaveURL(/\/cursos\/asistencia-consular\/02-/);
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(h1!);
	await expect(text).not.toContainText(snippet);
	await expect(text.locator('p').first()).not.toBeEmpty();
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1!);
	await expect(text).toContainText(snippet);
	expect(
		await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)
	).toBe(true);

	// Marking it read reloads the page's data in place: the text stays.
	await page.getByRole('button', { name: 'Marcar como leído' }).click();
	await expect(page.getByText('Leído', { exact: false }).first()).toBeVisible();
	await expect(text).toContainText(snippet);
	expect(
		await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)
	).toBe(true);
});

test('a Content-Security-Policy violation is caught', async ({ page }) => {
	await page.goto('/ingresar');
	expect(takeCspViolations()).toEqual([]);
	await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
	await expect.poll(() => takeCspViolations().join('\n')).toMatch(/Content Security Policy/);
});

test('Law 263 modules with several callouts pass axe best practices', async ({ page }) => {
	test.setTimeout(180_000);
	await logIn(page, 'formadora@aula.demo');
	for (const module of ['01-marco-general', '03-delitos', '06-evidencia-proteccion']) {
		await page.goto(`/contenido/ley-263-policia/${module}`);
		await expect(page.getByRole('note').first()).toBeVisible();
		await expectAccessible(page);
	}
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('registration groups institutions by country and units by institution', async ({ page }) => {
		await page.goto('/registro');
		const institution = page.getByLabel('Institución');
		await expect(institution.locator('optgroup')).toHaveCount(2);
		await expect(
			institution.locator('optgroup[label="Bolivia"] option', { hasText: 'Policía Boliviana' })
		).toHaveCount(1);
		await expect(
			institution.locator('optgroup[label="Perú"] option', { hasText: 'Policía Nacional del Perú' })
		).toHaveCount(1);
		const units = page.getByLabel('Unidad o puesto (opcional)');
		const groups = await units
			.locator('optgroup')
			.evaluateAll((els) => els.map((e) => e.getAttribute('label')));
		// Both countries have a Ministerio de Relaciones Exteriores: each group says whose it is.
		expect(new Set(groups).size).toBe(groups.length);
		await expect(
			units.locator('optgroup[label="Policía Boliviana (Bolivia)"] option', {
				hasText: 'FELCC Cochabamba'
			})
		).toHaveCount(1);
	});
});
