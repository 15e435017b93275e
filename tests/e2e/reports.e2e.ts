/**
 * Council reporting, end to end: a Council member filters the dashboard by period and course, sees
 * the chart and the table, and downloads the CSV, XLSX and PDF, whose figures the test reads back;
 * a coordinator sees their own institution's report, with names, and no other institution's.
 *
 * The data is written into the server's database first, in 2025 (the other journeys write "now").
 * Hand count for 2025, course "frontera" (hours H of its version):
 *   A (Policía Boliviana, FELCC La Paz): enrolled 10 Feb, completed 15 Mar (90), certificate 15 Mar
 *   B (Policía Boliviana, no unit):      enrolled 1 Apr, last active 20 Apr
 *   C (Policía Nacional del Perú):       enrolled 5 May, completed 1 Jun (70), certificate 2 Jun
 *   D (Ministerio de Relaciones Exteriores, BO): enrolled 20 Dec 2024, completed 10 Jan (80),
 *      certificate 10 Jan, revoked 1 Feb
 *   A also completed "ley-263-policia" in 2025 (100): left out by the course filter.
 * → enrolled A B C = 3 (A and C completed: 66,7 %); active A B C D = 4; completed A C D = 3, mean
 *   (90 + 70 + 80) / 3 = 80; certificates A C = 2, revoked D = 1; hours 3 H; people trained A C D = 3.
 *   Policía Boliviana: enrolled 2 (1 completed: 50 %), active 2, completed 1 (90), 1 certificate, H hours, 1 person.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { DB_FILE, expect, expectAccessible, logIn, query, test } from './support';

const stamp = Date.now();
const NAMES = {
	a: `Ana Informe ${stamp}`,
	b: `Beto Informe ${stamp}`,
	c: `Carla Informe ${stamp}`,
	d: `Dina Informe ${stamp}`
};
const COURSE = 'Lucha contra la Trata y Tráfico de Personas en Frontera';
let hours = 0;

function seedReportData() {
	const db = new Database(DB_FILE);
	db.pragma('busy_timeout = 5000');
	try {
		const institution = (name: string, country: string) =>
			(
				db
					.prepare('SELECT id FROM institutions WHERE name = ? AND country = ?')
					.get(name, country) as { id: number }
			).id;
		const police = institution('Policía Boliviana', 'BO');
		const pnp = institution('Policía Nacional del Perú', 'PE');
		const mre = institution('Ministerio de Relaciones Exteriores', 'BO');
		const felcc = (
			db
				.prepare("SELECT id FROM units WHERE institution_id = ? AND name LIKE '%FELCC La Paz'")
				.get(police) as { id: number }
		).id;
		const version = (slug: string) =>
			db
				.prepare(
					'SELECT version, hours FROM course_versions WHERE course_slug = ? ORDER BY first_seen_at DESC LIMIT 1'
				)
				.get(slug) as { version: string; hours: number };
		const frontera = version('frontera');
		const police263 = version('ley-263-policia');
		hours = frontera.hours;

		const person = (name: string, country: string, institutionId: number, unitId: number | null) =>
			Number(
				db
					.prepare(
						"INSERT INTO users (email, full_name, password_hash, country, institution_id, unit_id, locale, email_verified_at, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, 'es', '2024-12-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z')"
					)
					.run(
						`${name.split(' ')[0].toLowerCase()}-${stamp}@example.org`,
						name,
						country,
						institutionId,
						unitId
					).lastInsertRowid
			);
		const enrol = (
			userId: number,
			course: string,
			v: string,
			status: string,
			enrolled: string,
			last: string,
			completed: string | null,
			score: number | null
		) =>
			Number(
				db
					.prepare(
						"INSERT INTO enrolments (user_id, course_slug, course_version, status, source, enrolled_at, last_activity_at, completed_at, completed_version, final_score) VALUES (?, ?, ?, ?, 'self', ?, ?, ?, ?, ?)"
					)
					.run(userId, course, v, status, enrolled, last, completed, completed ? v : null, score)
					.lastInsertRowid
			);
		const certify = (
			enrolmentId: number,
			userId: number,
			issued: string,
			revoked: string | null = null
		) =>
			db
				.prepare(
					"INSERT INTO certificates (code, enrolment_id, user_id, course_slug, course_version, full_name, course_title, hours, locale, completed_at, issued_at, payload, signature, key_id, revoked_at) VALUES (?, ?, ?, 'frontera', ?, 'x', ?, ?, 'es', ?, ?, '{}', 'e2e', 'e2e', ?)"
				)
				.run(
					`E2E-${stamp}-${enrolmentId}`,
					enrolmentId,
					userId,
					frontera.version,
					COURSE,
					frontera.hours,
					issued,
					issued,
					revoked
				);

		const at = (day: string) => `${day}T15:00:00.000Z`;
		const a = person(NAMES.a, 'BO', police, felcc);
		const b = person(NAMES.b, 'BO', police, null);
		const c = person(NAMES.c, 'PE', pnp, null);
		const d = person(NAMES.d, 'BO', mre, null);
		certify(
			enrol(
				a,
				'frontera',
				frontera.version,
				'completed',
				at('2025-02-10'),
				at('2025-03-15'),
				at('2025-03-15'),
				90
			),
			a,
			at('2025-03-15')
		);
		enrol(
			b,
			'frontera',
			frontera.version,
			'active',
			at('2025-04-01'),
			at('2025-04-20'),
			null,
			null
		);
		certify(
			enrol(
				c,
				'frontera',
				frontera.version,
				'completed',
				at('2025-05-05'),
				at('2025-06-01'),
				at('2025-06-01'),
				70
			),
			c,
			at('2025-06-02')
		);
		certify(
			enrol(
				d,
				'frontera',
				frontera.version,
				'completed',
				at('2024-12-20'),
				at('2025-01-10'),
				at('2025-01-10'),
				80
			),
			d,
			at('2025-01-10'),
			at('2025-02-01')
		);
		enrol(
			a,
			'ley-263-policia',
			police263.version,
			'completed',
			at('2025-03-01'),
			at('2025-04-01'),
			at('2025-04-01'),
			100
		);
	} finally {
		db.close();
	}
	// Rows written behind the app's back, as history from before Aula: the report roll-up learns of
	// them the documented way, with the rebuild command.
	execFileSync('npx', ['tsx', 'scripts/report-rollup.ts', '--rebuild'], {
		env: { ...process.env, DATABASE_URL: `file:${DB_FILE}` },
		stdio: 'pipe'
	});
}

async function download(page: Page, link: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: link }).click()
	]);
	return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

const figure = (page: Page, label: string) =>
	page
		.locator('.summary-figures > div')
		.filter({ has: page.getByText(label, { exact: true }) })
		.locator('dd');

test.beforeAll(seedReportData);

test('the Council filters by period and course, reads chart and table, and downloads CSV, XLSX and PDF', async ({
	page
}) => {
	const h = (n: number) => String(n * hours).replace('.', ',');
	await logIn(page, 'consejo@aula.demo');
	await page.getByRole('link', { name: 'Consejo' }).click();
	await expectAccessible(page);

	await page.getByLabel('Desde').fill('2025-01-01');
	await page.getByLabel('Hasta').fill('2025-12-31');
	await page.getByLabel('Curso', { exact: true }).selectOption({ label: COURSE });
	await page.getByRole('button', { name: 'Ver informe' }).click();
	await expect(page).toHaveURL(/desde=2025-01-01&hasta=2025-12-31&pais=all&curso=frontera/);

	await expect(figure(page, 'Inscripciones')).toHaveText('3');
	await expect(figure(page, 'Activas')).toHaveText('4');
	await expect(figure(page, 'Completadas')).toHaveText('3');
	await expect(figure(page, 'Tasa de finalización')).toHaveText('66,7 %');
	await expect(figure(page, 'Nota final media')).toHaveText('80');
	await expect(figure(page, 'Certificados emitidos')).toHaveText('2');
	await expect(figure(page, 'Certificados revocados')).toHaveText('1');
	await expect(figure(page, 'Horas de capacitación')).toHaveText(h(3));
	await expect(figure(page, 'Personas capacitadas')).toHaveText('3');

	// The chart is an image with a name and a description; the table beside it has the figures.
	await expect(
		page.getByRole('img', { name: /^Inscripciones y cursos completados por institución/ })
	).toBeVisible();
	await expect(
		page.getByRole('img', { name: /^Inscripciones, cursos completados y certificados por mes/ })
	).toBeVisible();
	const police = page
		.getByRole('table', { name: 'Cifras por institución' })
		.getByRole('row', { name: /Policía Boliviana/ });
	await expect(police.getByRole('cell')).toHaveText([
		'2',
		'2',
		'1',
		'50 %',
		'90',
		'1',
		'0',
		h(1),
		'1'
	]);
	await expect(
		page
			.getByRole('table', { name: 'Cifras por país: Bolivia y Perú' })
			.getByRole('row', { name: /^Inscripciones/ })
			.getByRole('cell')
	).toHaveText(['2', '1', '3']);
	for (const name of Object.values(NAMES)) await expect(page.getByText(name)).toHaveCount(0);
	await expectAccessible(page);

	// CSV by institution: UTF-8 with a BOM, accents intact, plain numbers.
	const csv = await download(page, 'CSV por institución');
	expect(csv.name).toBe('informe-capacitacion_2025-01-01_2025-12-31.csv');
	expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const csvLines = csv.bytes.toString('utf8').slice(1).split('\r\n');
	expect(csvLines[0]).toContain(
		'Institución,País,Inscripciones,Activas,Completadas,Tasa de finalización'
	);
	expect(csvLines).toContain(`Policía Boliviana,Bolivia,2,2,1,50,90,1,0,${hours},1`);
	expect(csvLines).toContain(`Total,Bolivia y Perú,3,4,3,66.7,80,2,1,${3 * hours},3`);

	// The per-enrolment CSV: the four "frontera" enrolments of 2025, and no names.
	const detail = (await download(page, 'CSV por inscripción (sin nombres)')).bytes.toString('utf8');
	expect(detail.trimEnd().split('\r\n')).toHaveLength(5);
	for (const name of Object.values(NAMES)) expect(detail).not.toContain(name.split(' ')[0]);
	expect(detail).not.toContain('@');

	// XLSX, read back with exceljs.
	const xlsx = await download(page, 'Excel (XLSX)');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
	expect(workbook.worksheets.map((s) => s.name)).toEqual([
		'Resumen',
		'Instituciones',
		'Países',
		'Cursos',
		'Meses',
		'Inscripciones'
	]);
	const summary = workbook.getWorksheet('Resumen')!;
	const summaryValues = Object.fromEntries(
		summary
			.getSheetValues()
			.filter((r): r is (string | number)[] => Array.isArray(r))
			.map((r) => [String(r[1]), r[2]])
	);
	expect(summaryValues).toMatchObject({
		Inscripciones: 3,
		Completadas: 3,
		'Certificados revocados': 1,
		'Horas de capacitación': 3 * hours,
		Curso: COURSE
	});
	expect(summaryValues['Tasa de finalización']).toBeCloseTo(2 / 3, 10);
	const institutions = workbook
		.getWorksheet('Instituciones')!
		.getSheetValues()
		.filter(Array.isArray);
	expect(institutions.find((r) => r[1] === 'Policía Boliviana (BO)')?.slice(2)).toEqual([
		2,
		2,
		1,
		0.5,
		90,
		1,
		0,
		hours,
		1
	]);
	expect(workbook.getWorksheet('Inscripciones')!.rowCount).toBe(5);

	// PDF, read back with pdftotext (Debian poppler-utils).
	const pdf = await download(page, 'Informe PDF');
	expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
	const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
		input: pdf.bytes,
		encoding: 'utf8'
	});
	for (const expected of [
		'Informe de capacitación',
		'Del 1 ene 2025 al 31 dic 2025',
		COURSE,
		'Policía Boliviana (BO)',
		'66,7 %',
		'Cómo se cuentan estas cifras'
	]) {
		expect(text).toContain(expected);
	}
	expect(text).toMatch(/Inscripciones\s+Activas\s+Completadas\s+3\s+4\s+3/);
	for (const name of Object.values(NAMES)) expect(text).not.toContain(name);
});

test('a coordinator sees their institution by unit, with names, and no other institution', async ({
	page
}) => {
	await logIn(page, 'coordinador@aula.demo');
	await page.getByRole('link', { name: 'Coordinación' }).click();
	await page.getByRole('link', { name: 'Informe de capacitación de la institución' }).click();
	await page.getByLabel('Desde').fill('2025-01-01');
	await page.getByLabel('Hasta').fill('2025-12-31');
	await page.getByRole('button', { name: 'Ver informe' }).click();
	await expect(
		page.getByRole('heading', {
			name: 'Informe de la institución: Ministerio de Relaciones Exteriores'
		})
	).toBeVisible();
	await expect(page.getByRole('row', { name: new RegExp(NAMES.d) })).toContainText('Completado');
	await expect(page.getByText(NAMES.a)).toHaveCount(0);
	await expectAccessible(page);

	const police = query<{ id: number }>(
		"SELECT id FROM institutions WHERE name = 'Policía Boliviana' AND country = 'BO'"
	)[0].id;
	for (const url of [
		`/coordinacion/informe?institucion=${police}`,
		`/coordinacion/informe?institucion=${police}&desde=2025-01-01&hasta=2025-12-31`
	]) {
		expect((await page.goto(url))?.status(), url).toBe(403);
	}
	// Nor the Council's dashboard or its downloads.
	for (const url of [
		'/consejo',
		'/consejo/informe.csv',
		'/consejo/inscripciones.csv',
		'/consejo/informe.xlsx',
		'/consejo/informe.pdf'
	]) {
		expect((await page.request.get(url)).status(), url).toBe(403);
	}
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the dashboard filters and draws its charts on the server', async ({ page }) => {
		await logIn(page, 'consejo@aula.demo');
		await page.goto('/consejo');
		await page.getByLabel('Desde').fill('2025-01-01');
		await page.getByLabel('Hasta').fill('2025-12-31');
		await page.getByRole('button', { name: 'Ver informe' }).click();
		// Every course: the four "frontera" enrolments above and A's police course (enrolled and completed in 2025).
		await expect(figure(page, 'Inscripciones')).toHaveText('4');
		await expect(figure(page, 'Completadas')).toHaveText('4');
		await expect(
			page.getByRole('img', { name: /^Inscripciones y cursos completados por institución/ })
		).toBeVisible();
		await expect(page.locator('svg.chart-svg rect').first()).toBeVisible();
	});
});
