/**
 * npm run content:check [-- dir]      (tsx scripts/content-check.ts [dir], default content/courses)
 * Checks every course under `dir` and prints `file:line  error|warning  message`, then a summary.
 * Exits 1 when there is any error — the app refuses to start with content errors — else 0.
 */
import { existsSync } from 'node:fs';
import { count } from '../src/lib/server/courses/issues.ts';
import { loadCourses } from '../src/lib/server/courses/load.ts';
import { readCourseFiles } from '../src/lib/server/courses/read-files.ts';

const dir = process.argv[2] ?? 'content/courses';
if (!existsSync(dir)) {
	console.error(`content:check: no existe la carpeta ${dir}`);
	process.exit(2);
}

const { courses, issues } = loadCourses(readCourseFiles(dir));
for (const i of issues) console.log(`${i.file}:${i.line}  ${i.severity}  ${i.message}`);

const modules = courses.flatMap((c) => c.modules);
const questions = modules.reduce((n, m) => n + (m.quiz?.questions.length ?? 0), 0);
const errors = issues.filter((i) => i.severity === 'error').length;
const warnings = issues.length - errors;
console.log(
	`${count(courses.length, 'curso', 'cursos')}, ${count(modules.length, 'módulo', 'módulos')}, ` +
		`${count(questions, 'pregunta', 'preguntas')}: ${count(errors, 'error', 'errores')}, ` +
		`${count(warnings, 'advertencia', 'advertencias')}`
);
process.exitCode = errors > 0 ? 1 : 0;
