import { readFileSync } from 'node:fs';
import { expect, ORIGIN, personWithRole, query, test } from './support';

test('ten wrong passwords in a row lock the account, with a clear message', async ({ page }) => {
	await page.goto('/ingresar');
	// The enhanced form is what this test reads (200 + JSON): wait until the app has taken over.
	await page.waitForFunction(() => document.querySelector('#svelte-announcer') !== null);
	for (let i = 0; i < 10; i++) {
		await page.getByLabel('Correo electrónico').fill('coordinador@aula.demo');
		await page.getByLabel('Contraseña').fill(`equivocada-${i}`);
		const answered = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: 'Ingresar' }).click();
		expect((await answered).status()).toBe(200); // enhanced form: the action's failure comes back in the JSON body
		await expect(page.getByText('Correo o contraseña incorrectos.')).toBeVisible();
	}
	await page.getByLabel('Correo electrónico').fill('coordinador@aula.demo');
	await page.getByLabel('Contraseña').fill('aula-demo-2026');
	await page.getByRole('button', { name: 'Ingresar' }).click();
	await expect(page.getByText(/Demasiados intentos fallidos.*15 minutos/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Salir' })).toHaveCount(0);
	const row = query<{ failures: number; locked_until: string | null }>(
		"SELECT failures, locked_until FROM login_throttle WHERE key = 'account:coordinador@aula.demo'"
	)[0];
	expect(row.failures).toBe(10);
	expect(row.locked_until).not.toBeNull();
});

test('bad form input gets a 4xx with a message, never a 500', async ({ request }) => {
	const post = (path: string, form: Record<string, string>) =>
		request.post(path, { form, headers: { origin: ORIGIN, accept: 'text/html' }, maxRedirects: 0 });
	const cases: [string, Record<string, string>, RegExp][] = [
		['/ingresar', {}, /Este campo es obligatorio/],
		['/ingresar', { email: 'x'.repeat(5000), password: 'y' }, /correo electrónico válido/],
		[
			'/registro',
			{
				fullName: '',
				email: 'no',
				password: '1',
				passwordConfirm: '2',
				country: 'XX',
				institutionId: 'abc',
				unitId: '-3'
			},
			/Revise el formulario/
		],
		[
			'/registro',
			{
				fullName: 'Ana',
				email: 'ana@example.org',
				password: 'una frase larga',
				passwordConfirm: 'una frase larga',
				country: 'PE',
				institutionId: '1'
			},
			/institución de la lista/
		],
		[
			'/registro',
			{
				fullName: 'Ana',
				email: 'ana@example.org',
				password: 'una frase larga',
				passwordConfirm: 'una frase larga',
				country: 'BO',
				institutionId: '999999'
			},
			/institución de la lista/
		],
		['/recuperar', { email: '<script>' }, /correo electrónico válido/],
		['/recuperar/abc', { password: 'short', passwordConfirm: 'short' }, /al menos 10 caracteres/]
	];
	for (const [path, form, message] of cases) {
		const res = await post(path, form);
		expect(res.status(), `${path} ${JSON.stringify(form).slice(0, 80)}`).toBeGreaterThanOrEqual(
			400
		);
		expect(res.status()).toBeLessThan(500);
		const html = await res.text();
		expect(html).toMatch(message);
		expect(html).not.toMatch(/at .*\.(js|ts):\d+/);
	}
});

test('every page sends the security headers and a CSP that forbids framing', async ({
	request
}) => {
	for (const path of ['/', '/ingresar', '/registro']) {
		const res = await request.get(path);
		const h = res.headers();
		expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
		// Scripts: ours, SvelteKit's by its nonce, and app.html's inline one by its hash.
		expect(h['content-security-policy']).toMatch(
			/script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'nonce-/
		);
		expect(h['referrer-policy']).toBe('same-origin');
		expect(h['x-content-type-options']).toBe('nosniff');
	}
});

test('response headers fit the header buffer deploy/nginx.conf gives nginx, on the largest pages too', async ({
	browser
}) => {
	// nginx answers 502 when an app server's headers pass proxy_buffer_size (4 KB by default):
	// the course editor's Link header (its module preloads) is about 9 KB.
	const setting = /proxy_buffer_size\s+(\d+)k;/.exec(readFileSync('deploy/nginx.conf', 'utf8'));
	expect(setting, 'proxy_buffer_size in deploy/nginx.conf').not.toBeNull();
	const limit = Number(setting![1]) * 1024;
	const { page } = await personWithRole(browser, { name: 'Teresa Cabezas', role: 'trainer' });
	for (const path of [
		'/',
		'/contenido',
		'/contenido/oferta-segura/editar',
		'/contenido/ley-263-policia/editar/01-marco-general',
		'/contenido/frontera/editar/01-conceptos/preguntas',
		'/contenido/ley-263-policia/versiones',
		'/abierto/oferta-segura/01-oferta-de-trabajo'
	]) {
		const res = await page.request.get(path, { maxRedirects: 0 });
		expect(res.status(), path).toBeLessThan(400);
		const bytes = res.headersArray().reduce((n, h) => n + h.name.length + h.value.length + 4, 0);
		// Half the buffer: room for the pages and preloads still to come.
		expect(bytes, path).toBeLessThan(limit / 2);
	}
	await page.context().close();
});

test('cross-site form posts are refused', async ({ request }) => {
	const res = await request.post('/ingresar', {
		form: { email: 'admin@aula.demo', password: 'aula-demo-2026' },
		headers: { origin: 'https://evil.example' }
	});
	expect(res.status()).toBe(403);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a person logs in, changes language and logs out', async ({ page }) => {
		await page.goto('/ingresar');
		await page.getByLabel('Correo electrónico').fill('consejo@aula.demo');
		await page.getByLabel('Contraseña').fill('wrong password');
		await page.getByRole('button', { name: 'Ingresar' }).click();
		await expect(page.getByText('Correo o contraseña incorrectos.')).toBeVisible();
		await page.getByLabel('Contraseña').fill('aula-demo-2026');
		await page.getByRole('button', { name: 'Ingresar' }).click();
		await expect(page.getByRole('heading', { name: /Bienvenida\/o/ })).toBeVisible();
		await page.getByLabel('Idioma').selectOption('en');
		await page.getByRole('button', { name: 'Cambiar' }).click();
		await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
		await page.getByLabel('Language').selectOption('es');
		await page.getByRole('button', { name: 'Change' }).click();
		await page.getByRole('button', { name: 'Salir' }).click();
		await expect(page.getByRole('link', { name: 'Ingresar' }).first()).toBeVisible();
	});
});
