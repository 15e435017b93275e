import { createHash } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { execute, expect, expectAccessible, pageWithLateScripts, personWithRole, query, test } from './support';

// Only this course: another worker edits other courses' drafts at the same time.
const SLUG = 'asistencia-consular';
const EDITOR = `/contenido/${SLUG}/editar/01-identificacion`;
const LABEL = 'Texto del archivo 01-identificacion.md (Markdown)';
const OLD = 'Identificar no es probar un delito.';
/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const draftText = () =>
	query<{ files: string }>("SELECT files FROM course_revisions WHERE course_slug = ? AND status = 'draft'", SLUG).map(
		(r) => JSON.parse(r.files)[`content/courses/${SLUG}/01-identificacion.md`] as string
	)[0] ?? '';

/** The same trainer in a browser without JavaScript. */
async function withoutJs(browser: Browser, page: Page) {
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
	return context.newPage();
}

async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, alt: string) {
	await page.getByLabel('Archivo de imagen').setInputFiles(file);
	await page.getByLabel('Descripción de la imagen (obligatoria)').fill(alt);
	await page.getByRole('button', { name: 'Subir la imagen' }).click();
}

test('without JavaScript: a trainer saves the module, and uploads refuse files by their bytes, size and missing description', async ({ browser }) => {
	const { page: trainer } = await personWithRole(browser, { name: 'Irma Sin Script', role: 'trainer' });
	const page = await withoutJs(browser, trainer);
	await page.goto(EDITOR);
	const field = page.getByLabel(LABEL);
	// No toolbar without JavaScript: its buttons would do nothing.
	await expect(page.getByRole('group', { name: 'Formato del texto' })).toHaveCount(0);
	const original = await field.inputValue();
	const edited = original.replace(OLD, `${OLD} Escuche primero.`);
	await field.fill(edited);
	await page.getByRole('button', { name: 'Guardar borrador' }).click();
	await expect(page.getByText('Borrador guardado.')).toBeVisible();
	expect(draftText()).toContain('Escuche primero.');

	// An SVG named .png and declared image/png: refused by its first bytes.
	await upload(page, { name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }, 'Una foto');
	await expect(page.getByText('Las imágenes SVG no se aceptan')).toBeVisible();
	await upload(page, { name: 'pagina.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<!doctype html><title>x</title>') }, 'Una página');
	await expect(page.getByText('El archivo es una página HTML, no una imagen.')).toBeVisible();
	await upload(page, { name: 'animacion.webp', mimeType: 'image/webp', buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00') }, 'Una animación');
	await expect(page.getByText('Las imágenes GIF no se aceptan.')).toBeVisible();
	await upload(page, { name: 'grande.png', mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]) }, 'Una foto grande');
	await expect(page.getByText('La imagen pesa más de 1 MB.')).toBeVisible();
	await upload(page, { name: 'punto.png', mimeType: 'image/png', buffer: PNG }, '   ');
	await expect(page.getByText('Escriba la descripción de la imagen')).toBeVisible();
	expect(query('SELECT hash FROM course_images')).toEqual([]);

	// A real PNG with its description: the Markdown to paste is shown.
	await upload(page, { name: 'punto.png', mimeType: 'image/png', buffer: PNG }, 'Un punto rojo');
	const hash = createHash('sha256').update(PNG).digest('hex');
	await expect(page.getByText(`![Un punto rojo](/imagenes/${hash}.png)`)).toBeVisible();
	// The saved text is in the form again.
	await expect(field).toHaveValue(edited);

	// The image is served by its hash, cached for good, never sniffed or run as a page.
	const image = await page.request.get(`/imagenes/${hash}.png`);
	expect(image.status()).toBe(200);
	expect(Buffer.from(await image.body()).equals(PNG)).toBe(true);
	const headers = image.headers();
	expect(headers['content-type']).toBe('image/png');
	expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['content-security-policy']).toBe("default-src 'none'; sandbox");
	expect(headers['set-cookie']).toBeUndefined();
	for (const missing of [`/imagenes/${hash}.jpg`, `/imagenes/${'0'.repeat(64)}.png`, `/imagenes/${hash}.svg`, '/imagenes/nada.png'])
		expect((await page.request.get(missing)).status(), missing).toBe(404);
	const audited = query<{ target_id: string }>("SELECT target_id FROM audit_log WHERE action = 'content.image.upload'");
	expect(audited.map((a) => a.target_id)).toContain(hash);
	await page.context().close();
});

test('with JavaScript: the toolbar inserts a Callout, the preview follows, the draft saves itself, an image goes in at the cursor', async ({ browser }) => {
	test.setTimeout(180_000);
	const { page } = await personWithRole(browser, { name: 'Julia Con Script', role: 'trainer' });
	await page.goto(EDITOR);
	const field = page.getByLabel(LABEL);
	const preview = page.getByRole('region', { name: 'Vista previa del texto' });
	// The preview is there from the start, beside the text.
	await expect(preview.getByText(OLD)).toBeVisible();
	await expectAccessible(page);

	// Bold from the keyboard: the selected words are wrapped and the focus goes back to the text.
	const text = await field.inputValue();
	const word = text.indexOf('Identificar no es probar');
	await field.evaluate((el: HTMLTextAreaElement, [a, b]) => el.setSelectionRange(a, b), [word, word + 'Identificar'.length]);
	await page.getByRole('button', { name: 'Negrita' }).focus();
	await page.keyboard.press('Enter');
	await expect(field).toBeFocused();
	expect(await field.inputValue()).toContain('**Identificar** no es probar');

	// A Callout at the end: its placeholder is selected, so typing replaces it.
	await field.press('Control+End');
	await page.getByRole('button', { name: 'Recuadro (Callout)' }).click();
	await expect(field).toBeFocused();
	await page.keyboard.type('Llame al consulado general de inmediato.');
	expect(await field.inputValue()).toMatch(/<Callout type="info">\n\nLlame al consulado general de inmediato\.\n\n<\/Callout>\n$/);
	await expect(preview.locator('.callout').filter({ hasText: 'Llame al consulado general de inmediato.' })).toBeVisible();
	await expect(preview.getByText('Identificar', { exact: true })).toHaveJSProperty('tagName', 'STRONG');

	// Saved by itself a few seconds later, announced politely.
	await expect(page.locator('.autosave')).toHaveText(/^Guardado \d{2}:\d{2}/, { timeout: 15_000 });
	await expect(page.locator('.autosave')).toHaveAttribute('aria-live', 'polite');
	expect(draftText()).toContain('Llame al consulado general de inmediato.');

	// A text with errors is not saved, and the page says why; the finding has its line.
	await field.press('Control+End');
	await page.keyboard.type('\nUn {error}.\n');
	await expect(page.locator('.autosave')).toHaveText(/No se guardó automáticamente: el texto tiene errores/, { timeout: 15_000 });
	await expect(page.locator('#text-problems').getByText(/Las llaves/)).toBeVisible();
	expect(draftText()).not.toContain('{error}');
	await field.fill((await field.inputValue()).replace('\nUn {error}.\n', ''));

	// An image, uploaded with its description, goes in at the cursor and shows in the preview.
	await field.evaluate((el: HTMLTextAreaElement) => {
		const at = el.value.indexOf('<Callout type="info">');
		el.setSelectionRange(at, at);
	});
	await page.getByLabel('Archivo de imagen').setInputFiles({ name: 'mapa.png', mimeType: 'image/png', buffer: PNG });
	await page.getByLabel('Descripción de la imagen (obligatoria)').fill('Mapa de la red consular');
	await page.getByRole('button', { name: 'Subir la imagen' }).click();
	const hash = createHash('sha256').update(PNG).digest('hex');
	await expect(field).toHaveValue(new RegExp(`\\n\\n!\\[Mapa de la red consular\\]\\(/imagenes/${hash}\\.png\\)\\n\\n<Callout type="info">`));
	const img = preview.getByRole('img', { name: 'Mapa de la red consular' });
	// Loaded lazily: once scrolled to, the browser fetches and decodes it.
	await img.scrollIntoViewIfNeeded();
	await expect(img).toBeVisible();
	await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
	await expect(page.locator('.autosave')).toHaveText(/^Guardado \d{2}:\d{2}/, { timeout: 15_000 });
	await expect.poll(draftText).toContain(`![Mapa de la red consular](/imagenes/${hash}.png)`);
	await expectAccessible(page);

	// The connection fails while typing: the text stays in this browser and is offered back.
	await page.route('**/editar/01-identificacion?/save', (route) => route.abort());
	await field.press('Control+End');
	await page.keyboard.type('Texto escrito sin conexión.');
	await expect(page.locator('.autosave')).toHaveText(/No se pudo guardar automáticamente/, { timeout: 15_000 });
	await page.unroute('**/editar/01-identificacion?/save');
	await page.reload();
	await expect(field).not.toHaveValue(/Texto escrito sin conexión\./);
	await page.getByRole('button', { name: 'Recuperar el texto no guardado' }).click();
	await expect(field).toHaveValue(/Texto escrito sin conexión\.$/);
	await expect(page.locator('.autosave')).toHaveText(/^Guardado \d{2}:\d{2}/, { timeout: 15_000 });
	expect(draftText()).toContain('Texto escrito sin conexión.');
	await page.reload();
	await expect(page.getByRole('button', { name: 'Recuperar el texto no guardado' })).toHaveCount(0);

	// Someone else saves the draft meanwhile: the autosave is refused as the button's save is, and stops.
	execute("UPDATE course_revisions SET lock = lock + 1 WHERE course_slug = ? AND status = 'draft'", SLUG);
	await field.press('Control+End');
	await page.keyboard.type(' Otra frase.');
	await expect(page.getByRole('alert').getByText(/No se guardó: otra persona guardó este borrador/)).toBeVisible({ timeout: 15_000 });
	expect(draftText()).not.toContain('Otra frase.');
	await expect(field).toHaveValue(/Otra frase\.$/);
});

test('text typed before the page\'s script has loaded is the text that is saved', async ({ browser }) => {
	test.setTimeout(120_000);
	const { page: signedIn } = await personWithRole(browser, { name: 'Nora Conexión Lenta', role: 'trainer' });
	const sentence = ` Escrito antes de que cargara la página ${Date.now()}.`;
	const page = await pageWithLateScripts(browser, signedIn, EDITOR, async (slow) => {
		await slow.getByLabel(LABEL).press('Control+End');
		await slow.keyboard.type(sentence);
	});
	const field = page.getByLabel(LABEL);
	// The toolbar appears once the script runs; then the trainer saves with the button.
	await expect(page.getByRole('button', { name: 'Negrita' })).toBeVisible({ timeout: 30_000 });
	await expect(field).toHaveValue(new RegExp(`${sentence.trim().replace(/\./g, '\\.')}$`));
	await page.getByRole('button', { name: 'Guardar borrador' }).click();
	await expect(page.getByText('Borrador guardado.')).toBeVisible();
	expect(draftText()).toContain(sentence.trim());
	await page.context().close();
});
