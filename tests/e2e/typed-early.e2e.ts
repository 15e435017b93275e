/**
 * On a slow link the page shows before its script runs, and people type. Hydration used to put a
 * prefilled field's server value back (the module editor then saved the published text): what
 * was typed stays (text fields and text areas here). Course: the fixture open course, which no other e2e
 * file edits (nothing is saved here).
 */
import { expect, pageWithLateScripts, personWithRole, test } from './support';

const COURSE = '/contenido/abierto-prueba';

test("what a trainer types before the page's script runs survives hydration, in text fields and text areas", async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { page: trainer } = await personWithRole(browser, {
		name: 'Lidia Señal Débil',
		role: 'trainer'
	});

	const course = await pageWithLateScripts(browser, trainer, `${COURSE}/editar`, async (page) => {
		await page.getByLabel('Título', { exact: true }).fill('Un título escrito antes de tiempo');
		await page.getByLabel('Horas que acredita el certificado').fill('7');
	});
	await expect(course.getByLabel('Título', { exact: true })).toHaveValue(
		'Un título escrito antes de tiempo'
	);
	await expect(course.getByLabel('Horas que acredita el certificado')).toHaveValue('7');
	await course.context().close();

	const quiz = await pageWithLateScripts(
		browser,
		trainer,
		`${COURSE}/editar/01-senales/preguntas?pregunta=documentos`,
		async (page) => {
			await page
				.getByLabel('Enunciado', { exact: true })
				.fill('Un enunciado escrito antes de tiempo.');
		}
	);
	await expect(quiz.getByLabel('Enunciado', { exact: true })).toHaveValue(
		'Un enunciado escrito antes de tiempo.'
	);
	await quiz.context().close();
});
