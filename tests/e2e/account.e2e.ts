import { expect, expectAccessible, linkFromMail, logIn, logOut, newPerson, query, test, uniqueEmail } from './support';

test('a person registers in Spanish, activates, switches to English, logs out and resets the password', async ({ page }) => {
	const email = uniqueEmail('ana');
	const password = 'mi frase secreta larga';

	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Crear mi cuenta' }).click();

	await expect(page.getByRole('heading', { name: 'Crear cuenta' })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Nombre completo').fill('Ana Mamani Quispe');
	await page.getByLabel('Correo electrónico').fill(email);
	await page.getByLabel('Contraseña', { exact: true }).fill(password);
	await page.getByLabel('Repita la contraseña').fill(password);
	await page.getByLabel('País').selectOption('BO');
	await page.getByLabel('Institución').selectOption({ label: 'Ministerio de Relaciones Exteriores' });
	await page.getByLabel('Unidad o puesto (opcional)').selectOption({ label: 'Consulado General en Buenos Aires' });
	await page.getByRole('button', { name: 'Crear cuenta' }).click();

	await expect(page.getByRole('heading', { name: 'Revise su correo' })).toBeVisible();
	await expectAccessible(page);
	const row = query<{ institution: string; unit: string; verified: string | null }>(
		`SELECT i.name AS institution, u2.name AS unit, u.email_verified_at AS verified
		 FROM users u JOIN institutions i ON i.id = u.institution_id JOIN units u2 ON u2.id = u.unit_id WHERE u.email = ?`,
		email
	)[0];
	expect(row).toEqual({ institution: 'Ministerio de Relaciones Exteriores', unit: 'Consulado General en Buenos Aires', verified: null });

	await page.goto(await linkFromMail(email, '/activar'));
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Activar mi cuenta' }).click();
	await expect(page.getByRole('heading', { name: 'Bienvenida/o, Ana Mamani Quispe' })).toBeVisible();

	// English, remembered for this person.
	await page.getByLabel('Idioma').selectOption('en');
	await page.getByRole('button', { name: 'Cambiar' }).click();
	await expect(page.getByRole('heading', { name: 'Welcome, Ana Mamani Quispe' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	expect(query<{ locale: string }>('SELECT locale FROM users WHERE email = ?', email)[0].locale).toBe('en');
	await page.getByRole('link', { name: 'My account' }).click();
	await expect(page.getByRole('heading', { name: 'Open sessions' })).toBeVisible();
	await expectAccessible(page);
	await logOut(page);

	// Back to Spanish as a visitor, then reset the password from the outbox link.
	await page.getByLabel('Language').selectOption('es');
	await page.getByRole('button', { name: 'Change' }).click();
	await page.goto('/ingresar');
	await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
	await expectAccessible(page);
	await page.getByLabel('Correo electrónico').fill(email);
	await page.getByRole('button', { name: 'Enviar enlace' }).click();
	await expect(page.getByText('Si existe una cuenta con ese correo')).toBeVisible();

	const resetPath = await linkFromMail(email, '/recuperar');
	await page.goto(resetPath);
	await expectAccessible(page);
	await page.getByLabel('Nueva contraseña').fill('otra frase nueva y larga');
	await page.getByLabel('Repita la contraseña').fill('otra frase nueva y larga');
	await page.getByRole('button', { name: 'Guardar contraseña' }).click();
	await expect(page.getByText('Su contraseña fue cambiada')).toBeVisible();

	// The link worked once only; the old password is gone; the new one works and English comes back.
	await page.goto(resetPath);
	await expect(page.getByText('Este enlace no es válido')).toBeVisible();
	await page.goto('/ingresar');
	await page.getByLabel('Correo electrónico').fill(email);
	await page.getByLabel('Contraseña').fill(password);
	await page.getByRole('button', { name: 'Ingresar' }).click();
	await expect(page.getByText('Correo o contraseña incorrectos.')).toBeVisible();
	await logIn(page, email, 'otra frase nueva y larga');
	await expect(page.getByRole('heading', { name: 'Welcome, Ana Mamani Quispe' })).toBeVisible();
});

test('registration answers bad input beside each field and keeps what was typed', async ({ page }) => {
	await page.goto('/registro');
	await page.getByLabel('Nombre completo').fill('Luis');
	await page.getByLabel('Correo electrónico').fill('luis@example.org');
	await page.getByLabel('Contraseña', { exact: true }).fill('una frase larga uno');
	await page.getByLabel('Repita la contraseña').fill('una frase larga dos');
	await page.getByLabel('País').selectOption('PE');
	await page.getByLabel('Institución').selectOption({ label: 'Policía Nacional del Perú' });
	await page.getByRole('button', { name: 'Crear cuenta' }).click();
	await expect(page.getByText('Las contraseñas no coinciden.')).toBeVisible();
	await expect(page.getByLabel('Correo electrónico')).toHaveValue('luis@example.org');
	await expect(page.getByLabel('País')).toHaveValue('PE');
	await expect(page.getByLabel('Institución')).toHaveValue(/\d+/);
	await expect(page.getByLabel('Repita la contraseña')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
});

test('sessions are listed and "log out everywhere" ends them all', async ({ browser }) => {
	const first = await newPerson(browser);
	const second = await newPerson(browser);
	await logIn(first, 'policia@aula.demo');
	await logIn(second, 'policia@aula.demo');
	await first.goto('/cuenta');
	await expect(first.getByText('Esta sesión', { exact: true })).toBeVisible();
	expect(await first.getByRole('button', { name: 'Cerrar esta sesión' }).count()).toBeGreaterThanOrEqual(2);
	await first.getByRole('button', { name: 'Cerrar sesión en todos los dispositivos' }).click();
	await expect(first.getByRole('heading', { name: 'Ingresar' })).toBeVisible();
	await second.goto('/cuenta');
	await expect(second.getByRole('heading', { name: 'Ingresar' })).toBeVisible();
});

// Bug found while writing these tests: hydration reset inputs filled in before the script arrived,
// which is what happens on a slow connection.
test('what a person types before the page script arrives is kept', async ({ page }) => {
	let release!: () => void;
	const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	await page.goto('/registro', { waitUntil: 'commit' });
	await page.getByLabel('Nombre completo').fill('Rosa Condori');
	await page.getByLabel('Correo electrónico').fill('rosa@example.org');
	await page.getByLabel('País').selectOption('BO');
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Nombre completo')).toHaveValue('Rosa Condori');
	await expect(page.getByLabel('Correo electrónico')).toHaveValue('rosa@example.org');
	await expect(page.getByLabel('País')).toHaveValue('BO');
	// And the script did arrive: choosing Peru narrows the institutions to Peru's.
	await page.getByLabel('País').selectOption('PE');
	await expect(page.getByLabel('Institución').locator('optgroup')).toHaveCount(1);
});
