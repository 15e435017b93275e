// `npm run content:check` as a trainer runs it: one line per finding, a summary, exit 1 on errors.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const check = (...args: string[]) =>
	spawnSync('node_modules/.bin/tsx', ['scripts/content-check.ts', ...args], { encoding: 'utf8' });

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

	it('--strict counts warnings as errors and exits 1 (CI runs it so)', () => {
		const run = check('--strict', 'tests/fixtures/content/lint/draw-count');
		expect(run.stdout.split('\n')).toEqual([
			'tests/fixtures/content/lint/draw-count/curso/01-inicio.quiz.yaml:5  error  [draw-count] drawCount es 12; cada intento debe sacar del banco de 8 a 10 preguntas. Ponga drawCount entre 8 y 10.',
			'1 curso, 2 módulos, 15 preguntas: 1 error, 0 advertencias (--strict: las advertencias cuentan como errores)',
			''
		]);
		expect(run.status).toBe(1);
		expect(check('tests/fixtures/content/lint/draw-count').status).toBe(0);
		expect(check('--strict', 'tests/fixtures/content/good').status).toBe(0);
	});

	it('--stats prints pool sizes, longest keys, true/false balance and correct counts per module', () => {
		const run = check('--stats', 'tests/fixtures/content/lint/correct-count');
		expect(run.stdout).toContain('curso — Curso básico de prueba');
		expect(run.stdout).toMatch(/01-inicio +19 +18 +8 +0 +2\/7 \(29 %\) +2V 2F \(50 % V\) +2×5\n/);
		expect(run.status).toBe(0);
	});

	it("holds an open course's self-check quizzes to the item rules, not to the pool and draw rules", () => {
		// Open courses (audience: public) certify nothing: a short quiz with every question is right.
		const open = check('--strict', 'tests/fixtures/content/open-course');
		expect(open.stdout).toContain('[untagged-item]'); // the item rules still run
		expect(open.stdout).not.toContain('[draw-count]');
		expect(open.stdout).not.toContain('[small-pool]');
		expect(open.stdout).not.toContain('debe tener al menos 8');
		// The same rules still apply to a course for public servants.
		expect(check('--strict', 'tests/fixtures/content/lint/draw-count').stdout).toContain(
			'[draw-count]'
		);
	});

	it('refuses an unknown option', () => {
		const run = check('--estricto', 'tests/fixtures/content/good');
		expect(run.stderr).toContain('uso: content:check [--strict] [--stats] [carpeta]');
		expect(run.status).toBe(2);
	});
});
