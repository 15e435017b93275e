import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
	expect,
	expectAccessible,
	logIn,
	newPerson,
	ORIGIN,
	query,
	register,
	test,
	uniqueEmail
} from './support';
import {
	attemptsDrawn,
	fillCorrectly,
	optionValue,
	quizFile,
	type Drawn,
	type RawQuestion
} from './quiz-answers';

import { shownTexts } from '../../src/lib/server/quizzes/present';

const QUIZ = '/cursos/frontera/01-conceptos/evaluacion';

test('a learner fails, sees feedback, retries and passes; the module turns done; limits hold', async ({
	browser
}) => {
	const page = await newPerson(browser);
	await logIn(page, 'consular@aula.demo');
	await page.goto('/cursos/frontera');
	await page.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	await page.getByRole('button', { name: 'Marcar como leído' }).click();
	await expect(page.getByText('Leído, falta la evaluación')).toBeVisible();

	// Attempt 1: submitted blank → 0 %, not passed, with the feedback the quiz allows.
	await page.goto(QUIZ);
	await page.getByRole('button', { name: 'Comenzar la evaluación' }).click();
	await expectAccessible(page);
	const attemptId = await page.locator('input[name="attemptId"]').inputValue();
	await page.getByRole('button', { name: 'Enviar para calificar' }).click();
	await expect(page.getByText('Puntaje: 0 %')).toBeVisible();
	await expect(page.getByText(/No aprobado: se necesita 70/)).toBeVisible();
	const policy = quizFile('frontera', '01-conceptos').settings.feedback ?? 'objectives';
	if (policy === 'after-attempt')
		await expect(page.getByText('Respuesta correcta:').first()).toBeVisible();
	else await expect(page.getByText('Respuesta correcta:')).toHaveCount(0);
	await expectAccessible(page);

	// The same attempt cannot be submitted again (another tab, a replayed form).
	const replay = await page.request.post(`${QUIZ}?/submit`, {
		form: { attemptId },
		headers: { origin: ORIGIN, accept: 'text/html' }
	});
	expect(replay.status()).toBe(409);
	expect(await replay.text()).toContain('ya fue enviado');
	const graded = query<{ n: number }>(
		'SELECT count(*) AS n FROM quiz_attempts WHERE id = ? AND submitted_at IS NOT NULL',
		Number(attemptId)
	);
	expect(graded[0].n).toBe(1);

	// Attempt 2: answers saved, then a reload shows the same attempt with the saved answers.
	await page.getByRole('button', { name: 'Hacer otro intento' }).click();
	const firstOption = page.locator('form.quiz input[type="radio"]').first();
	await firstOption.check();
	await page.getByRole('button', { name: 'Guardar respuestas' }).click();
	await expect(page.getByText('Respuestas guardadas.')).toBeVisible();
	const second = await page.locator('input[name="attemptId"]').inputValue();
	await page.reload();
	expect(await page.locator('input[name="attemptId"]').inputValue()).toBe(second);
	await expect(page.locator('form.quiz input[type="radio"]').first()).toBeChecked();

	// …and passes with the right answers; the module is done.
	await fillCorrectly(page, 'consular@aula.demo', 'frontera', '01-conceptos');
	await page.getByRole('button', { name: 'Enviar para calificar' }).click();
	await expect(page.getByText('Puntaje: 100 %')).toBeVisible();
	await expect(page.getByText(/^Aprobado\. El módulo/)).toBeVisible();
	await page.goto('/cursos/frontera/01-conceptos');
	await expect(page.getByText('Terminado', { exact: true })).toBeVisible();

	// Attempt 3 of 3 is the last one; then the start button goes and a forced start is refused.
	await page.goto(QUIZ);
	await page.getByRole('button', { name: 'Hacer otro intento' }).click();
	await page.getByRole('button', { name: 'Enviar para calificar' }).click();
	await expect(page.getByText('Puntaje: 0 %')).toBeVisible();
	await expect(page.getByRole('button', { name: /Hacer otro intento|Comenzar/ })).toHaveCount(0);
	const forced = await page.request.post(`${QUIZ}?/start`, {
		form: {},
		headers: { origin: ORIGIN, accept: 'text/html' }
	});
	expect(forced.status()).toBe(409);
	const attempts = query<{ n: number }>(
		"SELECT count(*) AS n FROM quiz_attempts a JOIN users u ON u.id = a.user_id WHERE u.email = 'consular@aula.demo' AND a.module_slug = '01-conceptos'"
	);
	expect(attempts[0].n).toBe(3);
	// The best attempt counts: the module stays done after a worse last attempt.
	await page.goto('/cursos/frontera/01-conceptos');
	await expect(page.getByText('Terminado', { exact: true })).toBeVisible();
});

/** What would give the answers of these drawn questions away: correct option texts, option feedback, explanations. */
function givenAway(course: string, module: string, drawn: Drawn[]): string[] {
	const byId = new Map(quizFile(course, module).questions.map((q) => [q.id, q]));
	const texts = (q: RawQuestion): string[] => [
		...(q.explanation ? [q.explanation] : []),
		...(q.options ?? []).flatMap((o) => [
			...(o.correct ? [o.text] : []),
			...(o.feedback ? [o.feedback] : [])
		]),
		...(q.questions ?? []).flatMap(texts)
	];
	return drawn.flatMap((d) => {
		const q = byId.get(d.id);
		return q ? texts(q) : [];
	});
}

test('a police officer fails module 1 of Law 263, sees only the objectives missed, retries other questions, passes and reads the review', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const [course, module] = ['ley-263-policia', '01-marco-general'];
	const url = `/cursos/${course}/${module}/evaluacion`;
	const page = await newPerson(browser);
	const email = uniqueEmail('evaluacion');
	await register(page, {
		name: 'Rosa Mamani',
		email,
		institution: 'Policía Boliviana',
		unit: 'División Trata y Tráfico de Personas – FELCC Cochabamba'
	});
	await page.goto(`/cursos/${course}`);
	await page.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	await page.goto(url);
	await page.getByRole('button', { name: 'Comenzar la evaluación' }).click();

	// The options go by tokens of this attempt: no authored id (`a`, `b`…) in the form.
	const [first] = attemptsDrawn(email, course, module);
	const shownValues = await page
		.locator('form.quiz input[type="radio"], form.quiz input[type="checkbox"]')
		.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	const tokens = first.drawn.flatMap((d) => [
		...(d.optionTokens ?? []),
		...(d.sub ?? []).flatMap((s) => s.optionTokens ?? [])
	]);
	expect(tokens.length).toBeGreaterThan(0);
	for (const value of shownValues) expect(['true', 'false', ...tokens]).toContain(value);
	for (const id of ['a', 'b', 'c', 'd']) expect(shownValues).not.toContain(id);

	// Blank → failed: the objectives to review, linked to the module; no answer anywhere.
	await page.getByRole('button', { name: 'Enviar para calificar' }).click();
	await expect(page.getByText('Puntaje: 0 %')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Objetivos que debe repasar' })).toBeVisible();
	const objectiveLinks = page.locator('.missed a');
	expect(await objectiveLinks.count()).toBeGreaterThan(0);
	expect(await objectiveLinks.first().getAttribute('href')).toMatch(
		new RegExp(`^/cursos/${course}/${module}(#[a-z0-9-]+)?$`)
	);
	await expect(page.getByText('Respuesta correcta:')).toHaveCount(0);
	await expectAccessible(page);
	const secrets = givenAway(course, module, first.drawn);
	expect(secrets.length).toBeGreaterThan(5);
	for (const body of [
		await (await page.request.get(url)).text(),
		await (await page.request.get(`${url}/__data.json`)).text()
	]) {
		const leaked = secrets.find((s) => body.includes(s));
		expect(leaked, 'an answer of the failed attempt is in the page').toBeUndefined();
	}

	// The retry draws another set of questions; its page and data still give nothing away.
	await page.getByRole('button', { name: 'Hacer otro intento' }).click();
	await expect(page.locator('form.quiz')).toBeVisible();
	const second = attemptsDrawn(email, course, module)[1];
	expect(second.drawn.map((d) => d.id).sort()).not.toEqual(first.drawn.map((d) => d.id).sort());
	const onScreen = shownOptionTexts(course, module, second.drawn);
	const hidden = [...secrets, ...givenAway(course, module, second.drawn)].filter(
		(s) => !onScreen.includes(s)
	);
	for (const body of [
		await (await page.request.get(url)).text(),
		await (await page.request.get(`${url}/__data.json`)).text()
	]) {
		expect(body).not.toContain('Respuesta correcta');
		expect(body).not.toMatch(/"correct"\s*:\s*true|"explanation"\s*:|"correctAnswer"/);
		// Feedback and explanations of both attempts, correct options of the failed one not on screen.
		const leaked = hidden.find((s) => body.includes(s));
		expect(leaked, 'feedback or an explanation is in the retry page').toBeUndefined();
	}
	// An authored id is refused as not of this attempt.
	const attemptId = await page.locator('input[name="attemptId"]').inputValue();
	const single = second.drawn.find(
		(d) =>
			d.optionTokens &&
			quizFile(course, module).questions.find((q) => q.id === d.id)?.type === 'single'
	);
	if (single) {
		const res = await page.request.post(`${url}?/save`, {
			form: { attemptId, [`q:${single.id}`]: 'a' },
			headers: { origin: ORIGIN, accept: 'text/html' }
		});
		expect(res.status()).toBe(400);
		expect(await res.text()).toContain('no es de este intento');
		expect(optionValue(single, 'a')).not.toBe('a');
	}

	// Right answers → passed, and the full review opens.
	await fillCorrectly(page, email, course, module);
	await page.getByRole('button', { name: 'Enviar para calificar' }).click();
	await expect(page.getByText('Puntaje: 100 %')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Revisión de sus respuestas' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Objetivos que debe repasar' })).toHaveCount(0);
	const explanation = givenAway(course, module, second.drawn).find((s) =>
		quizFile(course, module).questions.some((q) => q.explanation === s)
	);
	await expect(page.getByText(explanation!, { exact: false }).first()).toBeVisible();
	await expectAccessible(page);
});

/** Texts of every option shown for these drawn questions (a correct option's text is on screen, unmarked). */
function shownOptionTexts(course: string, module: string, drawn: Drawn[]): string[] {
	const byId = new Map(quizFile(course, module).questions.map((q) => [q.id, q]));
	const texts = (q: RawQuestion): string[] => [
		...(q.options ?? []).map((o) => o.text),
		...(q.questions ?? []).flatMap(texts)
	];
	return drawn.flatMap((d) => {
		const q = byId.get(d.id);
		return q ? texts(q) : [];
	});
}

test('a tampered quiz form gets a 400 with a message, not a 500', async ({ browser }) => {
	const page = await newPerson(browser);
	await logIn(page, 'admin@aula.demo');
	await page.goto('/cursos/frontera');
	await page.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	await page.goto(QUIZ);
	await page.getByRole('button', { name: 'Comenzar la evaluación' }).click();
	const attemptId = await page.locator('input[name="attemptId"]').inputValue();
	const firstRadio = await page
		.locator('form.quiz input[type="radio"]')
		.first()
		.getAttribute('name');
	const tampered: Record<string, string>[] = [
		{ [firstRadio!]: 'no-such-option' },
		{ 'q:invented': 'x' }
	];
	for (const form of tampered) {
		const res = await page.request.post(`${QUIZ}?/save`, {
			form: { attemptId, ...form },
			headers: { origin: ORIGIN, accept: 'text/html' }
		});
		expect(res.status()).toBe(400);
		expect(await res.text()).toMatch(/Respuesta no válida|campo desconocido/);
	}
});

/** Every string that would give an answer away: correct options, feedback, accepted answers, explanations. */
function answerStrings(): string[] {
	const out = new Set<string>();
	// What a learner is meant to read: prompts, scenarios and choices of every quiz.
	const shown: string[] = [];
	const walk = (q: Record<string, unknown>) => {
		if (typeof q.explanation === 'string') out.add(q.explanation);
		for (const o of (q.options as { feedback?: string }[]) ?? [])
			if (o.feedback) out.add(o.feedback);
		for (const a of (q.accept as string[]) ?? []) if (a.length >= 12) out.add(a);
		for (const sub of (q.questions as Record<string, unknown>[]) ?? []) walk(sub);
	};
	for (const course of readdirSync('content/courses')) {
		for (const f of readdirSync(join('content/courses', course)).filter((f) =>
			f.endsWith('.quiz.yaml')
		)) {
			const quiz = parse(readFileSync(join('content/courses', course, f), 'utf8'));
			for (const q of quiz.questions) {
				walk(q);
				shown.push(...shownTexts(q));
			}
		}
	}
	// Short accepted answers such as "tráfico de personas" or "Estado receptor" also occur in the
	// interface's own texts and in other questions' prompts and choices, shown by design.
	const ui = readFileSync('messages/es.json', 'utf8') + readFileSync('messages/en.json', 'utf8');
	const visible = shown.join('\n');
	return [...out].filter((s) => s.length >= 12 && !ui.includes(s) && !visible.includes(s));
}

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((n) => {
		const p = join(dir, n);
		return statSync(p).isDirectory() ? files(p) : [p];
	});
}

test('no answer, feedback or explanation is in the client bundle or in a quiz page before submission', async ({
	browser
}) => {
	const secrets = answerStrings();
	expect(secrets.length).toBeGreaterThan(100);
	const client = files('build/client').filter((f) => /\.(js|css|html|json)$/.test(f));
	expect(client.length).toBeGreaterThan(10);
	for (const f of client) {
		const text = readFileSync(f, 'utf8');
		const leaked = secrets.find((s) => text.includes(s));
		expect(leaked, `answer text found in ${f}`).toBeUndefined();
	}

	// The HTML and the client-side navigation data of an open attempt carry no answer either.
	const page = await newPerson(browser);
	await logIn(page, 'formadora@aula.demo');
	await page.goto('/cursos/asistencia-consular');
	await page.getByRole('button', { name: 'Inscribirme en este curso' }).click();
	const quizUrl = '/cursos/asistencia-consular/01-identificacion/evaluacion';
	await page.goto(quizUrl);
	await page.getByRole('button', { name: 'Comenzar la evaluación' }).click();
	await expect(page.locator('form.quiz')).toBeVisible();
	// Module and course pages too (their frontmatter reaches the page); there, only the long
	// sentences count, since accepted short answers are ordinary words of the course text.
	const sentences = secrets.filter((s) => s.length >= 40);
	const moduleUrl = '/cursos/asistencia-consular/01-identificacion';
	for (const url of [
		quizUrl,
		`${quizUrl}/__data.json`,
		moduleUrl,
		`${moduleUrl}/__data.json`,
		'/cursos/asistencia-consular'
	]) {
		const body = await (await page.request.get(url)).text();
		const leaked = (url.includes('evaluacion') ? secrets : sentences).find((s) => body.includes(s));
		expect(leaked, `answer text in ${url}`).toBeUndefined();
		expect(body).not.toMatch(/"correct"\s*:\s*true|"accept"\s*:|"explanation"\s*:/);
	}
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('a module can be read and marked as read', async ({ page }) => {
		await page.goto('/ingresar');
		await page.getByLabel('Correo electrónico').fill('consular@aula.demo');
		await page.getByLabel('Contraseña').fill('aula-demo-2026');
		await page.getByRole('button', { name: 'Ingresar' }).click();
		await page.goto('/cursos/frontera');
		const enrol = page.getByRole('button', { name: 'Inscribirme en este curso' });
		if (await enrol.count()) await enrol.click();
		await page.goto('/cursos/frontera/03-perfiles');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Glosario' })).toBeVisible();
		await page.getByRole('button', { name: 'Marcar como leído' }).click();
		await expect(page.getByText('Leído, falta la evaluación')).toBeVisible();
	});
});

test('a trainer reads the item analysis of a quiz, filters it and downloads it as CSV', async ({
	browser
}) => {
	// Two learners answer the same quiz: one perfectly, one blank.
	for (const [email, perfect] of [
		['admin@aula.demo', true],
		['formadora@aula.demo', false]
	] as const) {
		const learner = await newPerson(browser);
		await logIn(learner, email);
		await learner.goto('/cursos/frontera');
		const enrol = learner.getByRole('button', { name: 'Inscribirme en este curso' });
		if (await enrol.count()) await enrol.click();
		await learner.goto('/cursos/frontera/02-indicadores/evaluacion');
		await learner
			.getByRole('button', { name: /Comenzar la evaluación|Hacer otro intento/ })
			.click();
		if (perfect) await fillCorrectly(learner, email, 'frontera', '02-indicadores');
		await learner.getByRole('button', { name: 'Enviar para calificar' }).click();
		await expect(learner.getByText(/^Puntaje: /)).toBeVisible();
	}

	const trainer = await newPerson(browser);
	await logIn(trainer, 'formadora@aula.demo');
	await trainer.getByRole('link', { name: 'Contenido', exact: true }).click();
	await expectAccessible(trainer);
	await trainer.getByRole('link', { name: /Análisis de preguntas: Indicadores/ }).click();
	await expect(trainer.getByText(/Intentos enviados analizados: \d+/)).toBeVisible();
	const rows = trainer.locator('tbody tr');
	expect(await rows.count()).toBeGreaterThanOrEqual(8);
	await expectAccessible(trainer);

	// Filtering by an institution with no attempts leaves nothing to analyse.
	await trainer.getByLabel('Institución').selectOption({ label: 'Poder Judicial (Perú)' });
	await trainer.getByRole('button', { name: 'Aplicar filtros' }).click();
	await expect(trainer.getByText('Intentos enviados analizados: 0')).toBeVisible();

	const csv = await trainer.request.get('/contenido/frontera/02-indicadores/analisis.csv');
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text.split('\r\n')[0]).toBe(
		'\uFEFFpregunta,tipo,enunciado,intentos,facilidad_%,discriminacion,en_blanco,alertas,distribucion'
	);

	// Learners cannot see it.
	const learner = await newPerson(browser);
	await logIn(learner, 'consular@aula.demo');
	expect((await learner.goto('/contenido/frontera/02-indicadores/analisis'))?.status()).toBe(403);
	expect(
		(await learner.request.get('/contenido/frontera/02-indicadores/analisis.csv')).status()
	).toBe(403);
	expect((await learner.goto('/contenido/frontera/02-indicadores'))?.status()).toBe(403);
});
