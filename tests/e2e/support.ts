/**
 * Shared steps for the end-to-end tests: the outbox of the server's database, logging in, axe —
 * and `test`, which every test file imports from here: it fails a test on any Content-Security-
 * Policy violation a page of it reports.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';

export { expect };

// One test at a time per worker process, so one list per worker.
const cspViolations: string[] = [];

function watchCsp(page: Page) {
	page.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
			cspViolations.push(`${page.url()}: ${message.text()}`);
	});
}

/** The violations recorded so far in this test, which no longer count against it (for testing the guard). */
export function takeCspViolations(): string[] {
	return cspViolations.splice(0);
}

export const test = base.extend<{ cspGuard: void }>({
	context: async ({ context }, use) => {
		context.on('page', watchCsp);
		await use(context);
	},
	cspGuard: [
		// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring
		async ({}, use) => {
			cspViolations.length = 0;
			await use();
			expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});
import Database from 'better-sqlite3';

export const DB_FILE = 'tests/.tmp/e2e/aula.db';
/** The app under test (see playwright.config.ts); form posts from tests send it as their Origin. */
export const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;
export const DEMO_PASSWORD = 'aula-demo-2026';

export function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** Writes to the server's database (set-up steps only; the app under test shares the file, WAL mode). */
export function execute(sql: string, ...params: unknown[]): void {
	const db = new Database(DB_FILE, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare(sql).run(...params);
	} finally {
		db.close();
	}
}

/** The link to `path` in the newest mail sent to `to` (waits for it to arrive). */
export async function linkFromMail(to: string, path: string): Promise<string> {
	let found: string | undefined;
	await expect
		.poll(() => {
			const rows = query<{ body_text: string }>(
				'SELECT body_text FROM outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1',
				to.toLowerCase()
			);
			found = rows[0]?.body_text.match(new RegExp(`https?://[^\\s]+${path}/[a-z2-7]+`))?.[0];
			return found;
		})
		.toBeTruthy();
	return new URL(found!).pathname;
}

/** Registers a person through the form and activates the account from the mail (logged in after). */
export async function register(page: Page, p: { name: string; email: string; institution: string; unit: string }) {
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

export function uniqueEmail(prefix: string) {
	return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/ingresar');
	await page.getByLabel('Correo electrónico').fill(email);
	await page.getByLabel('Contraseña').fill(password);
	await page.getByRole('button', { name: 'Ingresar' }).click();
	await expect(page.getByRole('button', { name: /^(Salir|Log out)$/ })).toBeVisible();
}

export async function logOut(page: Page) {
	await page.getByRole('button', { name: /^(Salir|Log out)$/ }).click();
	await expect(page.getByRole('link', { name: /Ingresar|Log in/ }).first()).toBeVisible();
}

/** Fails on any WCAG 2.1 A/AA violation, or best-practice finding, axe reports on the current page. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** A page in a fresh browser context (its own cookies), as a second person or device. */
export async function newPerson(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	context.on('page', watchCsp);
	return context.newPage();
}

/**
 * A new person with a role of their own (e.g. a second trainer): registered through the form, then
 * given the role by the demo admin through Administración → Personas y funciones.
 * Returns their page, logged in.
 */
export async function personWithRole(
	browser: Browser,
	p: { name: string; role: 'trainer' | 'council' | 'admin'; institution?: string; unit?: string }
): Promise<{ page: Page; email: string }> {
	const email = uniqueEmail(p.role);
	const page = await newPerson(browser);
	await register(page, {
		name: p.name,
		email,
		institution: p.institution ?? 'Policía Boliviana',
		unit: p.unit ?? 'División Trata y Tráfico de Personas – FELCC Cochabamba'
	});
	const admin = await newPerson(browser);
	await logIn(admin, 'admin@aula.demo');
	await admin.goto(`/admin/usuarios?q=${encodeURIComponent(email)}`);
	await admin.getByRole('link', { name: p.name }).click();
	await admin.getByLabel('Función', { exact: true }).selectOption(p.role);
	await admin.getByRole('button', { name: 'Asignar' }).click();
	await expect(admin.getByText('Función asignada.')).toBeVisible();
	await admin.context().close();
	// The new role is read from the session on the next request.
	await page.goto('/');
	return { page, email };
}

/**
 * A page of the signed-in person opened as on a slow link: the app's scripts arrive only once
 * `typing` is done, then the app takes the page over (SvelteKit's route announcer is there).
 * The service worker is blocked: it would hand out the scripts from its cache, past the hold.
 */
export async function pageWithLateScripts(
	browser: Browser,
	signedIn: Page,
	path: string,
	typing: (page: Page) => Promise<void>
): Promise<Page> {
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
	await page.waitForFunction(() => document.querySelector('#svelte-announcer') !== null, null, {
		timeout: 30_000
	});
	return page;
}
