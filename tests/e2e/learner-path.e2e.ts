import type { Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	expect,
	expectAccessible,
	logIn,
	newPerson,
	query,
	register,
	test,
	uniqueEmail
} from './support';
import { qrOfPdf } from './certificate-qr';
import { fillCorrectly } from './quiz-answers';

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
		if (lastPercent === 0) {
			// The home page lists the course with its progress and the way back in (not the catalogue).
			const here = new URL(page.url()).pathname;
			await page.goto('/');
			const card = page.getByRole('listitem').filter({ hasText: courseTitle });
			await expect(card.getByRole('progressbar')).toBeVisible();
			await expect(card.getByRole('link', { name: /^Continuar/ })).toHaveAttribute('href', here);
			await expectAccessible(page);
			await card.getByRole('link', { name: /^Continuar/ }).click();
			await page.waitForURL((u) => u.pathname === here);
		}
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
	await expect(
		page.getByRole('listitem').filter({ hasText: courseTitle }).getByText('Curso completado')
	).toBeVisible();
	await expectAccessible(page);
}

test('a police trainee registers, enrols in the Law 263 course, and completes it', async ({
	page
}) => {
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
	await completeCourse(
		page,
		email,
		'Ley N° 263 Integral contra la Trata y Tráfico de Personas — para la Policía Boliviana',
		'ley-263-policia'
	);

	// The certificate: download the PDF, read its QR code like a phone, open that address.
	await page.getByRole('link', { name: 'Mis certificados' }).first().click();
	await expectAccessible(page);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Descargar PDF' }).click();
	const file = await (await download).path();
	const pdf = Buffer.from(await (await import('node:fs/promises')).readFile(file!));
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	const text = execFileSync('pdftotext', ['-layout', file!, '-']).toString();
	expect(text).toContain('Juan Choque');
	expect(text).toContain('Policía Boliviana');
	const qr = qrOfPdf(pdf);
	const url = new URL(qr);
	expect(url.pathname).toMatch(/^\/verificar\/AULA-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
	expect(url.hash).toMatch(/^#v1\./);
	const code = url.pathname.split('/').pop()!;

	// Anyone can check it, without an account and without JavaScript; no email is shown.
	const visitor = await newPerson(page.context().browser()!);
	await visitor.goto(url.pathname + url.hash);
	await expect(visitor.getByRole('heading', { name: 'Certificado válido' })).toBeVisible();
	await expect(visitor.getByText('Juan Choque')).toBeVisible();
	await expect(visitor.getByText(/Firma digital comprobada/)).toBeVisible();
	expect(await visitor.content()).not.toContain(email);
	await expectAccessible(visitor);

	// The offline check of the downloaded file passes.
	const dir = mkdtempSync(join(tmpdir(), 'aula-e2e-cert-'));
	writeFileSync(join(dir, 'c.pdf'), pdf);
	const verified = execFileSync(
		process.execPath,
		['--import', 'tsx', 'scripts/cert-verify.ts', join(dir, 'c.pdf')],
		{
			env: { ...process.env, CERT_KEY_FILE: 'tests/.tmp/e2e/certificate-signing-key.pem' }
		}
	).toString();
	expect(verified).toContain('VÁLIDO');

	// So does its Open Badges credential, whose status the CLI reads from the published list.
	const credential = await page.request.get(`/certificados/${code}.json`);
	expect(credential.status()).toBe(200);
	writeFileSync(join(dir, 'c.json'), await credential.body());
	const cli = (file: string) =>
		spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cert-verify.ts', file], {
			env: { ...process.env, CERT_KEY_FILE: 'tests/.tmp/e2e/certificate-signing-key.pem' },
			encoding: 'utf8'
		});
	const fresh = cli(join(dir, 'c.json'));
	expect(fresh.stdout).toContain('vigente (not revoked)');
	expect(fresh.status).toBe(0);

	// An admin revokes it; the same address now says so, with the date.
	const admin = await newPerson(page.context().browser()!);
	await logIn(admin, 'admin@aula.demo');
	await admin.goto(`/admin/certificados?q=${code}`);
	await expectAccessible(admin);
	await admin.getByLabel('Motivo de la revocación').fill('Emitido a la persona equivocada');
	await admin.getByRole('button', { name: /Revocar/ }).click();
	await expect(admin.getByText('Certificado revocado.')).toBeVisible();
	await visitor.goto(url.pathname);
	await expect(visitor.getByRole('heading', { name: 'Certificado revocado' })).toBeVisible();
	await expect(visitor.getByText(/fue revocado el/)).toBeVisible();

	// The learner, still on Mis certificados, follows its menu link: revoked, with date and reason,
	// and nothing left to download; the file and the credential are refused, the list says revoked.
	await page.getByRole('link', { name: 'Mis certificados' }).first().click();
	await expect(
		page.getByText(/Revocado el .*Motivo: Emitido a la persona equivocada/)
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Descargar PDF' })).toHaveCount(0);
	expect((await page.request.get(`/certificados/${code}.pdf`)).status()).toBe(410);
	const gone = await page.request.get(`/certificados/${code}.json`);
	expect(gone.status()).toBe(410);
	expect(await gone.json()).toMatchObject({
		code,
		status: 'revoked',
		reason: 'Emitido a la persona equivocada'
	});
	const list = await visitor.request.get('/verificar/estado.json');
	expect(list.headers()['cache-control']).toBe('public, max-age=300');
	expect(list.headers()['etag']).toBeTruthy();
	const stale = cli(join(dir, 'c.json'));
	expect(stale.stdout).toContain('REVOCADO (revoked)');
	expect(stale.status).toBe(1);
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
	await completeCourse(
		page,
		email,
		'Asistencia Consular a Víctimas de Trata y Tráfico de Personas y Protocolo de Repatriación',
		'asistencia-consular'
	);

	// Her certificate is in her institution's ZIP (downloaded here by an admin for that institution).
	const admin = await newPerson(page.context().browser()!);
	await logIn(admin, 'admin@aula.demo');
	const mre = query<{ id: number }>(
		"SELECT id FROM institutions WHERE name = 'Ministerio de Relaciones Exteriores' AND country = 'BO'"
	)[0].id;
	const res = await admin.request.get(
		`/coordinacion/certificados.zip?institucion=${mre}&curso=asistencia-consular`
	);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('application/zip');
	const dir = mkdtempSync(join(tmpdir(), 'aula-zip-'));
	writeFileSync(join(dir, 'c.zip'), await res.body());
	const names = execFileSync('python3', [
		'-c',
		'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))',
		join(dir, 'c.zip')
	]).toString();
	expect(names).toMatch(/AULA-[2-9A-Z]{4}-[2-9A-Z]{4} María Flores\.pdf/);
});
