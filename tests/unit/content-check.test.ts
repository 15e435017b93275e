// `npm run content:check` as a trainer runs it: one line per finding, a summary, exit 1 on errors.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const check = (dir: string) =>
	spawnSync('node_modules/.bin/tsx', ['scripts/content-check.ts', dir], { encoding: 'utf8' });

describe('scripts/content-check.ts', () => {
	it('exits 0 and prints only the summary for good content', () => {
		const run = check('tests/fixtures/content/good');
		expect(run.stdout).toBe('2 cursos, 3 módulos, 15 preguntas: 0 errores, 0 advertencias\n');
		expect(run.status).toBe(0);
	});

	it('prints file:line, severity and message, and exits 1 on an error', () => {
		const run = check('tests/fixtures/content/numbering-gap');
		expect(run.stdout.split('\n')).toEqual([
			'tests/fixtures/content/numbering-gap/curso/04-cuatro.md:1  error  Falta el módulo 03: la numeración pasa de 02 a 04. Los módulos se numeran desde 01 sin saltos; renumere los archivos.',
			'1 curso, 3 módulos, 0 preguntas: 1 error, 0 advertencias',
			''
		]);
		expect(run.status).toBe(1);
	});

	it('exits 0 when there are only warnings', () => {
		const run = check('tests/fixtures/content/minutes-far-from-hours');
		expect(run.stdout).toContain('course.md:5  warning  Los módulos suman 60 minutos');
		expect(run.status).toBe(0);
	});
});
