// The course editor page without JavaScript: course details, adding a module, creating its
// quiz and removing it, all in the draft of the open course (never published here: other tests
// read that course as it is).
import type { Page } from '@playwright/test';
import { expect, expectAccessible, ORIGIN, personWithRole, query, test } from './support';

const SLUG = 'oferta-segura';
const EDITOR = `/contenido/${SLUG}/editar`;
const TITLE = '¿Es segura esta oferta de trabajo o de viaje?';
const NEW_TITLE = '¿Es segura esta oferta de trabajo, de estudio o de viaje?';

function draftFiles(): Record<string, string> {
	const [row] = query<{ files: string }>(
		"SELECT files FROM course_revisions WHERE course_slug = ? AND status IN ('draft', 'review', 'returned')",
		SLUG
	);
	return row ? (JSON.parse(row.files) as Record<string, string>) : {};
}

function publishedCourseMd(): string {
	const [row] = query<{ files: string }>(
		'SELECT files FROM course_revisions WHERE course_slug = ? AND publication IS NOT NULL ORDER BY publication DESC LIMIT 1',
		SLUG
	);
	return (JSON.parse(row.files) as Record<string, string>)[`content/courses/${SLUG}/course.md`];
}

const body = (text: string) => text.slice(text.indexOf('\n---\n'));
const path = (name: string) => `content/courses/${SLUG}/${name}`;

async function addModule(page: Page, v: { slug: string; title: string; titleEn: string; minutes: string }) {
	const form = page.locator('form[action="?/addModule"]');
	await form.getByLabel('Nombre del archivo').fill(v.slug);
	await form.getByLabel('Título del módulo', { exact: true }).fill(v.title);
	await form.getByLabel('Título del módulo en inglés').fill(v.titleEn);
	await form.getByLabel('Minutos').fill(v.minutes);
	await form.getByRole('button', { name: 'Añadir el módulo al borrador' }).click();
}

test('a trainer changes the course details, adds a module, creates its quiz and removes it, without and with JavaScript; bad input is refused', async ({ browser }) => {
	test.setTimeout(240_000);
	const { page: trainer } = await personWithRole(browser, { name: 'Clara Contenidos', role: 'trainer' });
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: await trainer.context().storageState() });
	const page = await context.newPage();
	await page.goto(EDITOR);

	// Course details: title and hours change in course.md, nothing else does.
	const settings = page.locator('form[action="?/settings"]');
	await expect(settings.getByLabel('Título', { exact: true })).toHaveValue(TITLE);
	await settings.getByLabel('Título', { exact: true }).fill(NEW_TITLE);
	await settings.getByLabel('Horas que acredita el certificado').fill('1,5');
	await settings.getByRole('button', { name: 'Guardar los datos en el borrador' }).click();
	await expect(page.getByText('Datos del curso guardados en el borrador.')).toBeVisible();
	await expect(settings.getByLabel('Título', { exact: true })).toHaveValue(NEW_TITLE);
	await expect(settings.getByLabel('Horas que acredita el certificado')).toHaveValue('1.5');
	const before = publishedCourseMd();
	const after = draftFiles()[path('course.md')];
	expect(body(after)).toBe(body(before));
	const changed = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
	expect(changed).toEqual([`title: "${NEW_TITLE}"`, 'hours: 1.5']);

	// A wrong value is refused beside its field, and what was typed stays.
	await settings.getByLabel('Horas que acredita el certificado').fill('muchas');
	await settings.getByRole('button', { name: 'Guardar los datos en el borrador' }).click();
	await expect(page.getByText('Escriba un número, por ejemplo 4 o 1,5.', { exact: true })).toBeVisible();
	await expect(settings.getByLabel('Horas que acredita el certificado')).toHaveValue('muchas');
	await expect(settings.getByLabel('Horas que acredita el certificado')).toHaveAttribute('aria-invalid', 'true');

	// The validator's finding on a setting goes beside that field.
	await settings.getByLabel('Horas que acredita el certificado').fill('50');
	await settings.getByRole('button', { name: 'Guardar los datos en el borrador' }).click();
	await expect(page.locator('#set-hours-error')).toContainText('«hours» en la ficha del curso debe ser un número entre 0.1 y 40');
	expect(draftFiles()[path('course.md')]).toBe(after);

	// A file name with capitals and spaces, and a number that would leave a gap, are refused.
	const adding = page.locator('form[action="?/addModule"]');
	await expect(adding.getByLabel('Número')).toHaveValue('05');
	await adding.getByLabel('Número').fill('07');
	await addModule(page, { slug: 'Repaso Final', title: 'Repaso final', titleEn: 'Final review', minutes: '10' });
	await expect(page.getByText(/El nombre no es válido: use minúsculas sin tildes/)).toBeVisible();
	await expect(page.getByText(/Con el número 07 quedaría un salto en la numeración/)).toBeVisible();
	await expect(adding.getByLabel('Nombre del archivo')).toHaveValue('Repaso Final');
	expect(Object.keys(draftFiles()).some((p) => p.includes('repaso'))).toBe(false);

	await adding.getByLabel('Número').fill('05');
	await addModule(page, { slug: 'repaso-final', title: 'Repaso final', titleEn: 'Final review', minutes: '10' });
	await expect(page.getByText(/Se añadió 05-repaso-final\.md al borrador/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Editar 05-repaso-final.md' })).toBeVisible();
	expect(draftFiles()[path('05-repaso-final.md')]).toContain('title: "Repaso final"');

	// Its quiz: one placeholder true/false question per objective, to be rewritten in the forms.
	const quiz = page.locator('form[action="?/createQuiz"]');
	await quiz.getByLabel('Módulo', { exact: true }).selectOption('05-repaso-final');
	await quiz.getByRole('button', { name: 'Crear el cuestionario en el borrador' }).click();
	await expect(page.getByText(/Se creó 05-repaso-final\.quiz\.yaml con 2 preguntas provisionales/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Reescribir las preguntas (05-repaso-final)' })).toHaveAttribute(
		'href',
		`${EDITOR}/05-repaso-final/preguntas`
	);
	expect(draftFiles()[path('05-repaso-final.quiz.yaml')]).toMatch(/type: truefalse\n {4}objective: 2/);
	await expect(page.getByText('Todos los módulos tienen cuestionario.')).toBeVisible();

	// A module in the middle cannot be removed; nor one without the confirmation.
	const removing = page.locator('form[action="?/removeModule"]');
	await removing.getByLabel('Módulo', { exact: true }).selectOption('02-viaje-pagado');
	await removing.getByRole('checkbox').check();
	await removing.getByRole('button', { name: 'Quitar el módulo del borrador' }).click();
	await expect(
		page.getByText('No se quitó 02-viaje-pagado.md: solo se puede quitar el último módulo (05-repaso-final.md).', { exact: false })
	).toBeVisible();
	expect(draftFiles()[path('02-viaje-pagado.md')]).toBeDefined();
	await removing.getByLabel('Módulo', { exact: true }).selectOption('05-repaso-final');
	await removing.getByRole('button', { name: 'Quitar el módulo del borrador' }).click();
	await expect(page.getByText('No se quitó el módulo: marque la casilla de confirmación.')).toBeVisible();

	await expect(removing.getByLabel('Módulo', { exact: true })).toHaveValue('05-repaso-final');
	await removing.getByRole('checkbox').check();
	await removing.getByRole('button', { name: 'Quitar el módulo del borrador' }).click();
	await expect(page.getByText('Se quitaron del borrador: 05-repaso-final.md, 05-repaso-final.quiz.yaml.')).toBeVisible();

	// The last module now is linked from the course's presentation: the validator refuses.
	await removing.getByLabel('Módulo', { exact: true }).selectOption('04-antes-de-aceptar');
	await removing.getByRole('checkbox').check();
	await removing.getByRole('button', { name: 'Quitar el módulo del borrador' }).click();
	await expect(page.getByText(/No se hizo el cambio: el curso quedaría con los errores/)).toBeVisible();
	await expect(removing.getByText(/course\.md:\d+: El enlace «\.\/04-antes-de-aceptar\.md» no lleva a ningún módulo/)).toBeVisible();
	const files = draftFiles();
	expect(files[path('04-antes-de-aceptar.md')]).toBeDefined();
	expect(Object.keys(files).filter((p) => p.includes('05-'))).toEqual([]);
	expect(files[path('course.md')]).toContain(NEW_TITLE);

	// Every change is in the audit log as a draft save, by this trainer.
	const audit = query<{ details: string }>("SELECT details FROM audit_log WHERE action = 'content.draft.save' AND details LIKE ?", '%05-repaso-final%');
	expect(audit.length).toBe(4);
	await context.close();

	// With JavaScript: the same page passes axe, and a refusal still shows beside its field.
	await trainer.goto(EDITOR);
	await expect(trainer.getByRole('heading', { name: 'Datos del curso' })).toBeVisible();
	await expectAccessible(trainer);
	await trainer.locator('form[action="?/addModule"]').getByLabel('Nombre del archivo').fill('con espacios');
	await trainer.locator('form[action="?/addModule"]').getByRole('button', { name: 'Añadir el módulo al borrador' }).click();
	await expect(trainer.getByText(/El nombre no es válido/)).toBeVisible();
	await expectAccessible(trainer);
	// Enhanced, a saved change starts the forms afresh from the new draft.
	await addModule(trainer, { slug: 'con-javascript', title: 'Con JavaScript', titleEn: 'With JavaScript', minutes: '10' });
	await expect(trainer.getByText(/Se añadió 05-con-javascript\.md al borrador/)).toBeVisible();
	const addingJs = trainer.locator('form[action="?/addModule"]');
	await expect(addingJs.getByLabel('Nombre del archivo')).toHaveValue('');
	await expect(addingJs.getByLabel('Número')).toHaveValue('06');
	const removingJs = trainer.locator('form[action="?/removeModule"]');
	await expect(removingJs.getByLabel('Módulo', { exact: true })).toHaveValue('05-con-javascript');
	await removingJs.getByRole('checkbox').check();
	await removingJs.getByRole('button', { name: 'Quitar el módulo del borrador' }).click();
	await expect(trainer.getByText('Se quitaron del borrador: 05-con-javascript.md.')).toBeVisible();
	await expect(removingJs.getByRole('checkbox')).not.toBeChecked();

	// Garbage gets a 4xx with a message, never a 500, and changes nothing.
	const unchanged = draftFiles();
	const garbage: [string, Record<string, string>][] = [
		['settings', { title: 'a\u0000b', summary: 'x'.repeat(100_000), hours: '999999999999999999999', audience: 'nadie', enrolment: '<script>', passing: 'x', titleEn: '', summaryEn: '' }],
		['settings', { draft: '99999999999', lock: 'x' }],
		['addModule', { number: '99999999999', slug: '../../etc', title: '\u0000', titleEn: 'x', minutes: '-1' }],
		['removeModule', { module: '../course', confirm: 'yes' }],
		['createQuiz', { module: '01-oferta-de-trabajo' }],
		['createQuiz', { module: '\u0000' }]
	];
	for (const [action, form] of garbage) {
		const res = await trainer.request.post(`${EDITOR}?/${action}`, { form, headers: { origin: ORIGIN, accept: 'text/html' } });
		expect(res.status(), `${action} ${JSON.stringify(form).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
		expect(res.status()).toBeLessThan(500);
	}
	expect(draftFiles()).toEqual(unchanged);
});
