import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { logIn } from './support';

// A learner's phone: 360 × 740 CSS pixels (the smallest common Android width).
test.use({ viewport: { width: 360, height: 740 } });

const COURSE = 'ley-263-policia';

async function expectFitsAndAccessible(page: Page, path: string) {
	await page.goto(path);
	const overflow = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const wide = [...document.querySelectorAll('body *')].filter(
			(e) => e.getBoundingClientRect().right > width + 0.5
		);
		return {
			by: document.documentElement.scrollWidth - width,
			wide: wide.slice(0, 5).map((e) => e.outerHTML.slice(0, 120))
		};
	});
	expect(
		overflow.by,
		`horizontal overflow on ${path}: ${overflow.wide.join('\n')}`
	).toBeLessThanOrEqual(0);
	// WCAG 2.2 AA as well, for target-size (touch targets of at least 24 × 24 px).
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${path}`).toEqual([]);
}

test('every learner page fits a 360 px phone and passes axe, touch target size included', async ({
	page
}) => {
	test.setTimeout(400_000); // ten pages through axe, on a shared machine
	await logIn(page, 'policia@aula.demo');
	await page.goto(`/cursos/${COURSE}`);
	const enrol = page.getByRole('button', { name: 'Inscribirme en este curso' });
	if (await enrol.isVisible()) await enrol.click();
	for (const path of [
		'/',
		'/mis-cursos',
		'/cursos',
		`/cursos/${COURSE}`,
		`/cursos/${COURSE}/01-marco-general`,
		`/cursos/${COURSE}/03-delitos`,
		`/cursos/${COURSE}/01-marco-general/evaluacion`,
		'/mis-certificados',
		'/cuenta',
		'/verificar'
	]) {
		await expectFitsAndAccessible(page, path);
		const name = path === '/' ? 'home' : path.split('/').filter(Boolean).slice(-1)[0];
		if (['01-marco-general', 'evaluacion', COURSE].includes(name)) {
			await page.screenshot({
				path: `docs/phone-${name === COURSE ? 'course' : name === 'evaluacion' ? 'quiz' : 'module'}-360.png`
			});
		}
	}
});

test('the login page fits a phone too', async ({ page }) => {
	test.setTimeout(120_000);
	await expectFitsAndAccessible(page, '/ingresar');
	await expectFitsAndAccessible(page, '/registro');
});
