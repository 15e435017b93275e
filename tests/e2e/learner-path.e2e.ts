import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, linkFromMail, uniqueEmail } from './support';
import { fillCorrectly } from './quiz-answers';

async function register(page: Page, p: { name: string; email: string; institution: string; unit: string }) {
	await page.goto('/registro');
	await page.getByLabel('Nombre completo').fill(p.name);
	await page.getByLabel('Correo electrónico').fill(p.email);
	await page.getByLabel('Contraseña', { exact: true }).fill('una frase larga de prueba');
	await page.getByLabel('Repita la contraseña').fill('una frase larga de prueba');
	await page.getByLabel('País').selectOption('BO');
	await page.getByLabel('Institución').selectOption({ label: p.institution });
	await page.getByLabel('Unidad o puesto (opcional)').selectOption({ label: p.unit });
	await page.getByRole('button', { name: 'Crear cuenta' }).click();
	await expect(page.getByRole('heading', { name: 'Revise su correo' })).toBeVisible();
	await page.goto(await linkFromMail(p.email, '/activar'));
	await page.getByRole('button', { name: 'Activar mi cuenta' }).click();
	await expect(page.getByRole('heading', { name: `Bienvenida/o, ${p.name}` })).toBeVisible();
}

/** Reads every module, passes every quiz, and checks progress moves until the course is complete. */
async function completeCourse(page: Page, email: string, courseTitle: string, slug: string) {
	await page.getByRole('link', { name: 'Cursos', exact: true }).click();
	await expectAccessible(page);
	await page.getByRole('link', { name: courseTitle }).click();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Inscribirme en este curso' }).click();

	let lastPercent = 0;
	for (;;) {
		await page.waitForURL(new RegExp(`/cursos/${slug}/\\d{2}-[a-z0-9-]+$`));
		const moduleSlug = new URL(page.url()).pathname.split('/').pop()!;
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.locator('.prose')).not.toBeEmpty();
		if (lastPercent === 0) await expectAccessible(page);
		await page.getByRole('button', { name: 'Marcar como leído' }).click();
		await expect(page.getByText('Leído, falta la evaluación')).toBeVisible();
		await page.getByRole('link', { name: 'Ir a la evaluación' }).click();
		await page.getByRole('button', { name: 'Comenzar la evaluación' }).click();
		await fillCorrectly(page, email, slug, moduleSlug);
		if (lastPercent === 0) await expectAccessible(page);
		await page.getByRole('button', { name: 'Enviar para calificar' }).click();
		await expect(page.getByText(/^Puntaje: \d|Felicitaciones/).first()).toBeVisible();
		if (page.url().includes('completado=1')) break;
		await expect(page.getByText('Puntaje: 100 %')).toBeVisible();
		await page.getByRole('link', { name: 'Volver al curso' }).click();
		const percent = Number((await page.locator('progress').first().getAttribute('value')) ?? 0);
		expect(percent).toBeGreaterThan(lastPercent);
		lastPercent = percent;
		await page.getByRole('link', { name: /^Continuar: / }).click();
	}
	await expect(page.getByText('Curso completado').first()).toBeVisible();
	await expect(page.locator('progress').first()).toHaveAttribute('value', '100');
	await page.getByRole('link', { name: 'Mis cursos' }).first().click();
	await expect(page.getByRole('listitem').filter({ hasText: courseTitle }).getByText('Curso completado')).toBeVisible();
	await expectAccessible(page);
}

test('a police trainee registers, enrols in the Law 263 course, and completes it', async ({ page }) => {
	test.setTimeout(180_000);
	const email = uniqueEmail('policia');
	await register(page, {
		name: 'Juan Choque',
		email,
		institution: 'Policía Boliviana',
		unit: 'División Trata y Tráfico de Personas – FELCC Cochabamba'
	});
	// The catalogue shows what a police officer may take, not the consular course.
	await page.goto('/cursos');
	await expect(page.getByRole('link', { name: /Asistencia Consular/ })).toHaveCount(0);
	await completeCourse(page, email, 'Ley N° 263 Integral contra la Trata y Tráfico de Personas — para la Policía Boliviana', 'ley-263-policia');
});

test('a consular officer completes the consular assistance course', async ({ page }) => {
	test.setTimeout(180_000);
	const email = uniqueEmail('consul');
	await register(page, {
		name: 'María Flores',
		email,
		institution: 'Ministerio de Relaciones Exteriores',
		unit: 'Consulado General en São Paulo'
	});
	await completeCourse(page, email, 'Asistencia Consular a Víctimas de Trata y Tráfico de Personas y Protocolo de Repatriación', 'asistencia-consular');
});
