/**
 * On a slow link the page shows before its script runs, and people type. Hydration used to put a
 * prefilled field's server value back (the module editor then saved the published text): what
 * was typed stays, in every kind of field. Course: the fixture open course, which no other e2e
 * file edits (nothing is saved here).
 */
import type { Browser, Page } from '@playwright/test';
import { expect, personWithRole, test } from './support';

const COURSE = '/contenido/abierto-prueba';

/** A page of the signed-in person whose scripts arrive only when `typing` is done. */
async function slowPage(
	browser: Browser,
	signedIn: Page,
	path: string,
	typing: (page: Page) => Promise<void>
) {
	// No service worker: it would hand out the scripts from its cache, past the route below.
	const context = await browser.newContext({
		serviceWorkers: 'block',
		storageState: await signedIn.context().storageState()
	});
	const page = await context.newPage();
	let release!: () => void;
	const typed = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await typed;
		await route.continue();
	});
	await page.goto(path, { waitUntil: 'domcontentloaded' });
	await typing(page);
	release();
	// The app has taken over once SvelteKit has started its router.
	await page.waitForFunction(() => document.querySelector('#svelte-announcer') !== null, null, {
		timeout: 30_000
	});
	return page;
}

test("what a trainer types before the page's script runs survives hydration, in text fields and text areas", async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { page: trainer } = await personWithRole(browser, {
		name: 'Lidia Señal Débil',
		role: 'trainer'
	});

	const course = await slowPage(browser, trainer, `${COURSE}/editar`, async (page) => {
		await page.getByLabel('Título', { exact: true }).fill('Un título escrito antes de tiempo');
		await page.getByLabel('Horas que acredita el certificado').fill('7');
	});
	await expect(course.getByLabel('Título', { exact: true })).toHaveValue(
		'Un título escrito antes de tiempo'
	);
	await expect(course.getByLabel('Horas que acredita el certificado')).toHaveValue('7');
	await course.context().close();

	const quiz = await slowPage(
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
