/**
 * npm run content:check [-- [--strict] [--stats] [dir]]   (default dir: content/courses)
 * Checks every course under `dir` and prints `file:line  error|warning  message`, then a summary.
 * Exits 1 when there is any error — the app refuses to start with content errors — else 0.
 * --strict: warnings (the item-writing linter's among them) count as errors; CI runs this.
 * --stats: also prints, per course and module, the figures of a valid assessment (pool sizes,
 * longest keys, true/false balance, correct options in multiple-response items).
 */
import { existsSync } from 'node:fs';
import { count } from '../src/lib/server/courses/issues.ts';
import { courseStats } from '../src/lib/server/courses/item-stats.ts';
import { loadCourses } from '../src/lib/server/courses/load.ts';
import { readCourseFiles } from '../src/lib/server/courses/read-files.ts';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const unknown = [...flags].filter((f) => f !== '--strict' && f !== '--stats');
const dirs = args.filter((a) => !a.startsWith('--'));
if (unknown.length || dirs.length > 1) {
	console.error('uso: content:check [--strict] [--stats] [carpeta]');
	process.exit(2);
}
const dir = dirs[0] ?? 'content/courses';
if (!existsSync(dir)) {
	console.error(`content:check: no existe la carpeta ${dir}`);
	process.exit(2);
}
const strict = flags.has('--strict');

const { courses, issues } = loadCourses(readCourseFiles(dir));
for (const i of issues) {
	const severity = strict ? 'error' : i.severity;
	console.log(`${i.file}:${i.line}  ${severity}  ${i.message}`);
}
if (flags.has('--stats')) for (const c of courses) console.log(courseStats(c));

const modules = courses.flatMap((c) => c.modules);
const questions = modules.reduce((n, m) => n + (m.quiz?.questions.length ?? 0), 0);
const errors = strict ? issues.length : issues.filter((i) => i.severity === 'error').length;
const warnings = issues.length - errors;
console.log(
	`${count(courses.length, 'curso', 'cursos')}, ${count(modules.length, 'módulo', 'módulos')}, ` +
		`${count(questions, 'pregunta', 'preguntas')}: ${count(errors, 'error', 'errores')}, ` +
		`${count(warnings, 'advertencia', 'advertencias')}` +
		(strict ? ' (--strict: las advertencias cuentan como errores)' : '')
);
process.exitCode = errors > 0 ? 1 : 0;
