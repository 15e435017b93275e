import type { Page } from '@playwright/test';
import { expect, expectAccessible, ORIGIN, personWithRole, test } from './support';

// Only the `frontera` course: another worker may edit other courses' drafts at the same time.
// Nothing here submits or approves the draft, so frontera's published text stays as it was.
const QUIZ = '/contenido/frontera/editar/01-conceptos/preguntas';
const MATCHING = 'diferencias-matching';
const STALE = 'No se guardó: otra persona guardó este borrador mientras usted editaba.';

test.describe.configure({ mode: 'serial' });

/** A second browser context of the same person, with JavaScript off. */
async function withoutJs(page: Page): Promise<Page> {
	const context = await page.context().browser()!.newContext({ javaScriptEnabled: false });
	await context.addCookies(await page.context().cookies());
	return context.newPage();
}

async function editMatchingAndSettings(page: Page, right: string, passingScore: string) {
	await page.goto(QUIZ);
	await page.getByRole('link', { name: MATCHING }).click();
	await page.getByLabel('Derecha de la pareja p2').fill(right);
	// A row added and removed again re-renders the form and keeps what was typed; nothing is saved.
	await page.getByRole('button', { name: 'Añadir una pareja' }).click();
	await expect(page.getByText('Cambio aplicado en el formulario; todavía no se guardó nada.')).toBeVisible();
	await expect(page.getByLabel('Izquierda de la pareja p5')).toBeVisible();
	await expect(page.getByLabel('Derecha de la pareja p2')).toHaveValue(right);
	await page.getByRole('button', { name: 'Quitar la pareja p5' }).click();
	await expect(page.getByLabel('Izquierda de la pareja p5')).toHaveCount(0);
	await page.getByRole('button', { name: 'Guardar la pregunta en el borrador' }).click();
	await expect(page.getByText('Borrador guardado.')).toBeVisible();
	await expect(page.getByLabel('Derecha de la pareja p2')).toHaveValue(right);

	await page.getByLabel('Nota mínima para aprobar (%)').fill(passingScore);
	await page.getByRole('button', { name: 'Guardar la configuración en el borrador' }).click();
	await expect(page.getByText('Borrador guardado.')).toBeVisible();
	await page.goto(QUIZ);
	await expect(page.getByLabel('Nota mínima para aprobar (%)')).toHaveValue(passingScore);
}

async function addAndRemoveQuestion(page: Page, prompt: string, id: string) {
	await page.goto(QUIZ);
	await page.getByLabel('Tipo de la nueva pregunta').selectOption('truefalse');
	await page.getByRole('button', { name: 'Abrir el formulario' }).click();
	await expect(page.getByRole('heading', { name: 'Nueva pregunta (Verdadero o falso)' })).toBeVisible();
	await page.getByLabel('Enunciado', { exact: true }).fill(prompt);
	await page.getByLabel('Falso').check();
	await page.getByLabel('Explicación', { exact: true }).fill('El consentimiento no cuenta si hubo engaño (Protocolo de Palermo, art. 3(b)).');
	await page.getByRole('button', { name: 'Guardar la pregunta en el borrador' }).click();
	await expect(page.getByText(`Pregunta ${id} añadida al borrador.`)).toBeVisible();
	// No objective chosen: a warning beside the objective field, and the save went through.
	await expect(page.locator('[id="f-objective"]')).toContainText('[untagged-item]');
	await expect(page.getByLabel('Objetivo que examina')).toHaveAttribute('aria-describedby', 'f-objective');
	await page.goto(QUIZ);
	await expect(page.getByRole('link', { name: id, exact: true })).toBeVisible();

	await page.getByRole('link', { name: id, exact: true }).click();
	await page.getByLabel(`Sí, quiero eliminar la pregunta ${id} del borrador`).check();
	await page.getByRole('button', { name: 'Eliminar la pregunta' }).click();
	await expect(page.getByText(`Pregunta ${id} eliminada del borrador.`)).toBeVisible();
	await expect(page.getByRole('link', { name: id, exact: true })).toHaveCount(0);
}

test('a trainer edits a matching item and the settings, adds and removes a question, without JavaScript', async ({ browser }) => {
	test.setTimeout(240_000);
	const { page: trainer } = await personWithRole(browser, { name: 'Teresa Quispe', role: 'trainer' });
	const page = await withoutJs(trainer);
	await editMatchingAndSettings(page, 'Continúa después del traslado, en el destino.', '75');
	await addAndRemoveQuestion(page, 'Si una persona adulta aceptó viajar, ya no puede ser víctima de trata.', 'si-una-persona-adulta-acepto');
	await page.context().close();
});

test('the same with JavaScript; a stale save is refused and the typed text stays', async ({ browser }) => {
	test.setTimeout(240_000);
	const { page } = await personWithRole(browser, { name: 'Tomás Flores', role: 'trainer' });
	await editMatchingAndSettings(page, 'Sigue después del traslado.', '80');
	await expectAccessible(page);
	await addAndRemoveQuestion(page, 'El cruce de una frontera distingue siempre la trata del tráfico.', 'el-cruce-de-una-frontera');

	// A case: its sub-questions are forms too; one added (an ordering) shows its own rows, unsaved.
	await page.goto(`${QUIZ}?pregunta=caso-deuda-pasaje`);
	await expect(page.getByRole('group', { name: /Subpregunta 2: caso-deuda-consentimiento/ })).toBeVisible();
	await page.getByLabel('Tipo de la nueva subpregunta').selectOption('ordering');
	await page.getByRole('button', { name: 'Añadir una subpregunta' }).click();
	await expect(page.getByRole('group', { name: /Subpregunta 3: caso-deuda-pasaje-3 \(Ordenar\)/ })).toBeVisible();
	await expect(page.getByLabel('Elemento 3 (en el orden correcto)')).toBeVisible();
	await expectAccessible(page);

	// Two pages on the same draft: the second save, on the old lock, is refused.
	const other = await page.context().newPage();
	for (const p of [page, other]) {
		await p.goto(`${QUIZ}?pregunta=${MATCHING}`);
		await expect(p.getByLabel('Izquierda de la pareja p1')).toBeVisible();
	}
	await page.getByLabel('Izquierda de la pareja p1').fill('Consentimiento de la persona');
	await page.getByRole('button', { name: 'Guardar la pregunta en el borrador' }).click();
	await expect(page.getByText('Borrador guardado.')).toBeVisible();
	await other.getByLabel('Izquierda de la pareja p1').fill('Consentimiento (otra versión)');
	await other.getByRole('button', { name: 'Guardar la pregunta en el borrador' }).click();
	await expect(other.getByText(STALE)).toBeVisible();
	await expect(other.getByLabel('Izquierda de la pareja p1')).toHaveValue('Consentimiento (otra versión)');
	await expectAccessible(other);
	await other.goto(`${QUIZ}?pregunta=${MATCHING}`);
	await expect(other.getByLabel('Izquierda de la pareja p1')).toHaveValue('Consentimiento de la persona');
});

test('bad form input gets a clear 4xx, never a 500, and saves nothing', async ({ browser }) => {
	const { page } = await personWithRole(browser, { name: 'Tania Choque', role: 'trainer' });
	const post = (url: string, form: Record<string, string>) =>
		page.request.post(url, { form, headers: { origin: ORIGIN, accept: 'text/html' }, maxRedirects: 0 });
	const matching = { question: MATCHING, type: 'matching', prompt: 'Relacione.', explanation: 'Porque.', 'pair.0.id': 'p1', 'pair.0.left': 'a', 'pair.0.right': 'b' };
	const tooMany = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`pair.${i}.id`, `p${i + 1}`]));
	const cases: [string, Record<string, string>, number, string][] = [
		[`${QUIZ}?/save`, {}, 400, 'El tipo de pregunta no es válido.'],
		[`${QUIZ}?/save`, { ...matching, type: 'essay' }, 400, 'El tipo de pregunta no es válido.'],
		[`${QUIZ}?/save`, { ...matching, prompt: 'a\0b' }, 400, 'caracteres no válidos'],
		[`${QUIZ}?/save`, { ...matching, prompt: 'x'.repeat(20_000) }, 400, ''],
		[`${QUIZ}?/save`, { ...matching, ...tooMany }, 400, 'el máximo es 10'],
		[`${QUIZ}?/save`, { ...matching, question: 'no-existe' }, 404, 'La pregunta no existe en el borrador.'],
		[`${QUIZ}?/settings`, { passingScore: 'abc', maxAttempts: '-1' }, 400, 'Escriba un número entero'],
		[`${QUIZ}?/remove`, { question: MATCHING }, 400, 'Marque la casilla'],
		['/contenido/no-existe/editar/01-conceptos/preguntas?/save', matching, 404, ''],
		['/contenido/frontera/editar/99-nada/preguntas?/save', matching, 404, '']
	];
	for (const [url, form, status, text] of cases) {
		const res = await post(url, form);
		expect(res.status(), `${url} ${JSON.stringify(form).slice(0, 80)}`).toBe(status);
		if (text) expect(await res.text()).toContain(text);
	}
	await page.goto(`${QUIZ}?pregunta=${MATCHING}`);
	await expect(page.getByLabel('Izquierda de la pareja p1')).not.toHaveValue('a');
});
