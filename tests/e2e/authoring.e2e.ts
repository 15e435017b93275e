import type { Page } from '@playwright/test';
import { expect, expectAccessible, newPerson, personWithRole, query, register, test, uniqueEmail } from './support';

const COURSE = 'Ley N° 263 Integral contra la Trata y Tráfico de Personas — para la Policía Boliviana';
const MODULE = '/cursos/ley-263-policia/01-marco-general';
const OLD = 'Se llama «integral» porque no se limita a castigar.';
const NEW = 'Se llama «integral» porque no se limita a sancionar.';
const PROMPT = '¿Qué afirmación describe mejor el objeto de la Ley N° 263?';
const NEW_PROMPT = '¿Qué afirmación resume mejor el objeto de la Ley N° 263?';

async function editorText(page: Page) {
	return page.getByLabel('Texto del archivo 01-marco-general.md (Markdown)');
}

test('trainers fix a Law 263 module and a quiz item, review and publish it; learners see it at once; rollback restores it', async ({ browser }) => {
	test.setTimeout(420_000);
	// A police officer already in the course reads the module as it is.
	const learner = await newPerson(browser);
	await register(learner, {
		name: 'Rosa Mamani',
		email: uniqueEmail('policia'),
		institution: 'Policía Boliviana',
		unit: 'División Trata y Tráfico de Personas – FELCC Cochabamba'
	});
	await learner.goto('/cursos/ley-263-policia');
	await learner.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	await learner.waitForURL(/\/cursos\/ley-263-policia\/01-marco-general$/);
	await expect(learner.getByText(OLD)).toBeVisible();

	const { page: author } = await personWithRole(browser, { name: 'Ana Autora', role: 'trainer' });
	const { page: reviewer } = await personWithRole(browser, { name: 'Beto Revisor', role: 'trainer' });

	// The author opens the module in the editor: a labelled textarea with the file's text.
	await author.goto('/contenido');
	await author.getByRole('link', { name: `Editar el curso: ${COURSE}` }).click();
	await expectAccessible(author);
	await author.getByRole('link', { name: 'Editar 01-marco-general.md' }).click();
	const field = await editorText(author);
	const original = await field.inputValue();
	expect(original).toContain(OLD);
	await expectAccessible(author);

	// A slip: the validator names it with its line beside the field, and no preview is shown.
	const slip = original.replace(OLD, `${NEW} Vea {el artículo}.`);
	const slipLine = slip.split('\n').findIndex((l) => l.includes('{el artículo}')) + 1;
	await field.fill(slip);
	await author.getByRole('button', { name: 'Vista previa' }).click();
	const problems = author.locator('#text-problems');
	await expect(problems.getByText(`Línea ${slipLine}`)).toBeVisible();
	await expect(problems.getByText(/Las llaves \{ \} no se pueden usar/)).toBeVisible();
	await expect(author.getByText('Corrija los errores para ver la vista previa.')).toBeVisible();

	// A module with <script> is refused on save, with its line; nothing is saved.
	const script = original.replace(OLD, `${OLD}\n\n<script>alert('x')</script>\n`);
	const scriptLine = script.split('\n').findIndex((l) => l.includes('<script>')) + 1;
	await field.fill(script);
	await author.getByRole('button', { name: 'Guardar borrador' }).click();
	await expect(author.getByText(/No se guardó: el texto tiene errores/)).toBeVisible();
	await expect(problems.getByText(`Línea ${scriptLine}`)).toBeVisible();
	await expect(problems.getByText(/<script> no está permitida/)).toBeVisible();
	await expect(field).toHaveValue(script);
	expect(query("SELECT id FROM course_revisions WHERE course_slug = 'ley-263-policia' AND status <> 'published'")).toEqual([]);

	// The fix: the preview shows the new sentence rendered, then the draft is saved.
	await field.fill(original.replace(OLD, NEW));
	await author.getByRole('button', { name: 'Vista previa' }).click();
	const preview = author.getByRole('region', { name: 'Vista previa del texto' });
	await expect(preview.getByText(NEW)).toBeVisible();
	await expect(preview.locator('.callout').first()).toBeVisible();
	await author.getByRole('button', { name: 'Guardar borrador' }).click();
	await expect(author.getByText('Borrador guardado.')).toBeVisible();
	await expectAccessible(author);

	// A quiz item, through a form (never YAML).
	await author.getByRole('link', { name: 'Volver al curso' }).click();
	await author.getByRole('link', { name: 'Preguntas (01-marco-general)' }).click();
	await author.getByRole('link', { name: 'objeto-de-la-ley' }).click();
	await expect(author.getByLabel('Enunciado')).toHaveValue(PROMPT);
	await author.getByLabel('Enunciado').fill(NEW_PROMPT);
	await author.getByRole('button', { name: 'Guardar la pregunta en el borrador' }).click();
	await expect(author.getByText('Borrador guardado.')).toBeVisible();
	await expectAccessible(author);

	await author.getByRole('link', { name: 'Volver al curso' }).click();
	await author.getByRole('button', { name: 'Enviar a revisión' }).click();
	await expect(author.getByText('Borrador enviado a revisión.')).toBeVisible();

	// The author may not approve their own draft.
	await author.goto('/contenido/ley-263-policia/revision');
	await author.getByRole('button', { name: 'Aprobar y publicar' }).click();
	await expect(author.getByText('Usted editó este borrador')).toBeVisible();

	// The second trainer sees the line diff per file and approves.
	await reviewer.goto('/contenido/ley-263-policia/revision');
	await expect(reviewer.locator('del').filter({ hasText: OLD })).toBeVisible();
	await expect(reviewer.locator('ins').filter({ hasText: NEW })).toBeVisible();
	await expect(reviewer.locator('ins').filter({ hasText: NEW_PROMPT })).toBeVisible();
	await expect(reviewer.getByRole('heading', { name: /01-marco-general\.quiz\.yaml: 1 líneas añadidas, 1 quitadas/ })).toBeVisible();
	await expectAccessible(reviewer);
	await reviewer.getByRole('button', { name: 'Aprobar y publicar' }).click();
	await expect(reviewer.getByText(/Aprobado: la versión \w+ está publicada/)).toBeVisible();

	// The learner, already in the course, reads the new text: no rebuild, no restart.
	await learner.goto(MODULE);
	await expect(learner.getByText(NEW)).toBeVisible();
	await expect(learner.getByText(OLD)).toHaveCount(0);

	// The reviewer compares the imported version with the new one: the changed sentence, line by
	// line, and the changed question named by its id with the part that changed.
	await reviewer.goto('/contenido/ley-263-policia/editar');
	await reviewer.locator('.versions li').filter({ hasText: 'importada de los archivos' }).getByRole('link', { name: /Comparar con la actual/ }).click();
	await expect(reviewer.getByRole('heading', { name: `Versiones: ${COURSE}` })).toBeVisible();
	await expect(reviewer.getByLabel('Versión anterior (de)')).toHaveValue(/^\d+$/);
	await expect(reviewer.locator('del').filter({ hasText: OLD })).toBeVisible();
	await expect(reviewer.locator('ins').filter({ hasText: NEW })).toBeVisible();
	const questions = reviewer.getByRole('region', { name: 'Preguntas de 01-marco-general.quiz.yaml' });
	await expect(questions.getByRole('listitem')).toHaveText(['objeto-de-la-ley: cambiada (enunciado)']);
	await expectAccessible(reviewer);
	// The same pair through the form (a GET, without JavaScript): swapped, the sentence goes the other way.
	const from = await reviewer.getByLabel('Versión anterior (de)').inputValue();
	const to = await reviewer.getByLabel('Versión posterior (a)').inputValue();
	await reviewer.getByLabel('Versión anterior (de)').selectOption(to);
	await reviewer.getByLabel('Versión posterior (a)').selectOption(from);
	await reviewer.getByRole('button', { name: 'Comparar' }).click();
	await expect(reviewer.locator('del').filter({ hasText: NEW })).toBeVisible();
	await expect(reviewer.locator('ins').filter({ hasText: OLD })).toBeVisible();
	// Another course's version, or garbage, is a clear 400.
	const foreign = query<{ id: number }>("SELECT id FROM course_revisions WHERE course_slug <> 'ley-263-policia' LIMIT 1")[0].id;
	for (const bad of [`de=${foreign}&a=${to}`, `de=99999999999&a=${to}`, 'de=abc']) {
		const res = await reviewer.goto(`/contenido/ley-263-policia/versiones?${bad}`);
		expect(res?.status(), bad).toBe(400);
		await expect(reviewer.getByText('Esa versión no existe o no es de este curso')).toBeVisible();
	}

	// Rollback: the imported version is published again.
	await reviewer.goto('/contenido/ley-263-policia/editar');
	await expectAccessible(reviewer);
	const versions = reviewer.locator('.versions li');
	await expect(versions).toHaveCount(2);
	await versions.filter({ hasText: 'importada de los archivos' }).getByRole('button', { name: 'Volver a esta versión' }).click();
	await expect(reviewer.getByText(/se publicó de nuevo y es la actual/)).toBeVisible();
	await learner.goto(MODULE);
	await expect(learner.getByText(OLD)).toBeVisible();

	// A draft started by mistake: only its author is offered to discard it, after confirming.
	await author.goto('/contenido/ley-263-policia/editar/01-marco-general');
	await (await editorText(author)).fill(original.replace(OLD, 'Una frase de prueba.'));
	await author.getByRole('button', { name: 'Guardar borrador' }).click();
	await expect(author.getByText('Borrador guardado.')).toBeVisible();
	await reviewer.goto('/contenido/ley-263-policia/versiones');
	await expect(reviewer.locator('ins').filter({ hasText: 'Una frase de prueba.' })).toBeVisible();
	await expect(reviewer.getByRole('button', { name: 'Descartar el borrador' })).toHaveCount(0);
	await author.goto('/contenido/ley-263-policia/versiones');
	// Refused on the server too: unconfirmed, or naming a draft that is not there (nothing deleted).
	const open = query<{ id: number; lock: number }>("SELECT id, lock FROM course_revisions WHERE course_slug = 'ley-263-policia' AND status = 'draft'")[0];
	const post = (form: Record<string, string>) =>
		author.request.post('/contenido/ley-263-policia/versiones?/discard', { form, headers: { origin: new URL(author.url()).origin, accept: 'text/html' } });
	expect((await post({ draft: String(open.id), lock: String(open.lock) })).status()).toBe(400);
	expect((await post({ draft: '99999999999', lock: '1', confirm: 'yes' })).status()).toBe(404);
	expect((await post({ draft: String(open.id), lock: String(open.lock - 1), confirm: 'yes' })).status()).toBe(409);
	expect(query("SELECT id FROM course_revisions WHERE course_slug = 'ley-263-policia' AND status = 'draft'")).toHaveLength(1);
	await author.getByLabel('Confirmo que quiero borrar el borrador y perder sus cambios.').check();
	await author.getByRole('button', { name: 'Descartar el borrador' }).click();
	await expect(author.getByText('El borrador se descartó.')).toBeVisible();
	expect(query("SELECT id FROM course_revisions WHERE course_slug = 'ley-263-policia' AND status <> 'published'")).toEqual([]);

	// Item analysis by version: a version this quiz has no attempts of is named, and the CSV refuses it.
	await reviewer.goto('/contenido/ley-263-policia/01-marco-general/analisis?version=abcdef123');
	await expect(reviewer.getByText('No hay intentos de la versión abcdef123 en este cuestionario.')).toBeVisible();
	await expect(reviewer.getByLabel('Versión del curso')).toHaveValue('');
	await expectAccessible(reviewer);
	expect((await reviewer.request.get('/contenido/ley-263-policia/01-marco-general/analisis.csv?version=abcdef123')).status()).toBe(400);

	const actions = query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'content.%'").map((r) => r.action);
	for (const a of ['content.draft.save', 'content.review.submit', 'content.publish', 'content.rollback', 'content.draft.discard']) expect(actions).toContain(a);
});

test('a learner may not open the editor', async ({ browser }) => {
	const learner = await newPerson(browser);
	await register(learner, { name: 'Luis Quispe', email: uniqueEmail('policia'), institution: 'Policía Boliviana', unit: 'División Trata y Tráfico de Personas – FELCC Cochabamba' });
	for (const url of ['/contenido/ley-263-policia/editar', '/contenido/ley-263-policia/editar/01-marco-general', '/contenido/ley-263-policia/revision', '/contenido/ley-263-policia/editar/01-marco-general/preguntas', '/contenido/ley-263-policia/versiones']) {
		const res = await learner.goto(url);
		expect(res?.status(), url).toBe(403);
	}
});
