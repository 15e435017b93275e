/**
 * Issue 17: someone at a bus terminal scans a poster's QR code and completes the open course on a
 * phone — with JavaScript off and on — without any cookie; the Council sees the start and the
 * completion counted for the poster's place.
 */
import { expect, test, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { qrOfPdf } from './certificate-qr';
import { expectAccessible, logIn, ORIGIN, query } from './support';

const PHONE = { width: 360, height: 740 };

/** A coordinator prints the poster for `place`; the QR code is read from the PDF's page. */
async function posterUrlFor(browser: Browser, place: string): Promise<string> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await logIn(page, 'coordinador@aula.demo');
	await page.goto('/afiches');
	await expectAccessible(page);
	await page.getByLabel('Curso').selectOption('abierto-prueba');
	await page.getByLabel('A3').check();
	await page.getByLabel('Lugar (opcional)').fill(place);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Descargar el afiche (PDF)' }).click();
	const file = await (await download).path();
	const url = qrOfPdf(readFileSync(file));
	await context.close();
	return url;
}

for (const javaScriptEnabled of [false, true]) {
	test(`an anonymous visitor completes the open course from the poster (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser
	}) => {
		// Two logins, a PDF rendered and read, and axe on five pages: slow on a shared machine.
		test.setTimeout(180_000);
		const place = `terminal-desaguadero-${javaScriptEnabled ? 'js' : 'nojs'}`;
		const url = await posterUrlFor(browser, place);
		expect(url).toBe(`${ORIGIN}/abierto/abierto-prueba?lugar=${place}`);

		const context = await browser.newContext({ javaScriptEnabled, viewport: PHONE });
		const page = await context.newPage();
		await page.goto(url);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Curso abierto de prueba' })
		).toBeVisible();
		if (javaScriptEnabled) await expectAccessible(page);

		await page.getByRole('link', { name: 'Empezar' }).click();
		await expect(page).toHaveURL(`/abierto/abierto-prueba/01-senales?lugar=${place}`);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Señales de una oferta engañosa' })
		).toBeVisible();
		if (javaScriptEnabled) await expectAccessible(page);

		await page.getByRole('link', { name: 'Comprobar lo aprendido' }).click();
		if (javaScriptEnabled) await expectAccessible(page);
		await page.getByLabel('Falso').check();
		await page.getByRole('button', { name: 'Enviar para calificar' }).click();
		await expect(page.getByText('¡Aprobado!')).toBeVisible();
		if (javaScriptEnabled) await expectAccessible(page);

		await page.getByRole('link', { name: 'Dónde pedir ayuda →' }).click();
		await expect(page).toHaveURL(`/abierto/abierto-prueba/02-ayuda?lugar=${place}`);
		// No contacts set by an admin: the neutral line, never an invented number.
		await expect(
			page.getByText('Pregunta en la oficina de Migración o en la Policía más cercana.')
		).toBeVisible();
		await page.getByRole('link', { name: 'Comprobar lo aprendido' }).click();
		await page.getByLabel('En la oficina de Migración o en la Policía.').check();
		await page.getByRole('button', { name: 'Enviar para calificar' }).click();
		await expect(page.getByText('¡Terminaste el curso!')).toBeVisible();
		if (javaScriptEnabled) await expectAccessible(page);

		if (javaScriptEnabled) {
			// Progress stays in the browser: the course page ticks both modules.
			await page.getByRole('link', { name: 'Volver al curso' }).click();
			await expect(page.locator('[data-open-module="01-senales"] .tag')).toHaveText('✓ aprobado');
			await expect(page.locator('[data-open-module="02-ayuda"] .tag')).toHaveText('✓ aprobado');
		}

		expect(await context.cookies()).toEqual([]);
		await context.close();

		// Counted once each, for that place, with nothing about the person.
		const rows = query<{ starts: number; completions: number }>(
			'SELECT starts, completions FROM public_reach WHERE course_slug = ? AND place = ?',
			'abierto-prueba',
			place
		);
		expect(rows).toEqual([{ starts: 1, completions: 1 }]);

		const council = await (await browser.newContext()).newPage();
		await logIn(council, 'consejo@aula.demo');
		await council.goto('/consejo');
		const row = council.getByRole('row', { name: new RegExp(place) });
		await expect(row).toContainText('Curso abierto de prueba');
		await expect(row.getByRole('cell')).toHaveText(['Curso abierto de prueba', '1', '1']);
	});
}

test('a signed-in reader gets the same public page, which no session cookie touches and a proxy may cache', async ({
	browser,
	request
}) => {
	const anonymous = await request.get('/abierto/abierto-prueba/01-senales');
	expect(anonymous.headers()['set-cookie']).toBeUndefined();
	expect(anonymous.headers()['cache-control']).toMatch(/^public, max-age=\d+$/);
	const etag = anonymous.headers()['etag'];
	expect(etag).toBeTruthy();
	const again = await request.get('/abierto/abierto-prueba/01-senales', {
		headers: { 'if-none-match': etag }
	});
	expect(again.status()).toBe(304);

	const page = await (await browser.newContext()).newPage();
	await logIn(page, 'policia@aula.demo');
	const response = await page.goto('/abierto/abierto-prueba/01-senales');
	expect(await response?.headerValue('set-cookie')).toBeNull();
	expect(await response?.headerValue('etag')).toBe(etag);
	expect(await response?.text()).toBe(await anonymous.text());
});

test('the poster form refuses a place that is not a slug, with a message', async ({ page }) => {
	await logIn(page, 'admin@aula.demo');
	await page.goto('/afiches/afiche.pdf?curso=abierto-prueba&tamano=A4&lugar=Desaguadero%20Sur');
	await expect(page).toHaveURL(/\/afiches\?/);
	await expect(page.getByText('El lugar solo puede tener minúsculas sin tildes')).toBeVisible();
	await expectAccessible(page);
});
