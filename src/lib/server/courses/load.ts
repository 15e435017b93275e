import { createHash } from 'node:crypto';
import {
	parseCourseFile,
	parseModuleFile,
	parseTranslationFile,
	type Neighbours
} from './course-files';
import { IssueList } from './issues';
import { lintCourse, type LintModule } from './lint-items';
import { checkObjectives } from './objectives';
import {
	isPublicCourse,
	TRANSLATION_LANGUAGES,
	type ContentIssue,
	type Course,
	type Module,
	type ModuleTranslation,
	type TranslationLanguage
} from './types';
import { parseQuiz } from './validate-quiz';

const COURSE_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MODULE_FILE = /^((?!00)\d{2})-[a-z0-9]+(-[a-z0-9]+)*\.md$/;
const QUIZ_FILE = /^((?!00)\d{2}-[a-z0-9]+(-[a-z0-9]+)*)\.quiz\.yaml$/;
const TRANSLATION_FILE = new RegExp(
	`^((?!00)\\d{2}-[a-z0-9]+(-[a-z0-9]+)*)\\.(${TRANSLATION_LANGUAGES.join('|')})\\.md$`
);

/**
 * Builds and checks every course from the text of its files, keyed by repository-relative path
 * (`content/courses/<slug>/<file>`; a leading `/`, as `import.meta.glob` gives, is dropped).
 * Pure, so the app and `npm run content:check` share it. A course that can be built is returned
 * even when it has errors; the app must refuse to start while `issues` holds any error.
 *
 * @example
 * const { courses, issues } = loadCourses({ 'content/courses/frontera/course.md': '---\n…' });
 */
export function loadCourses(files: Record<string, string>): {
	courses: Course[];
	issues: ContentIssue[];
} {
	const issues = new IssueList();
	const folders = new Map<string, Map<string, string>>();
	for (const [key, text] of Object.entries(files)) {
		const path = key.replace(/^\.?\//, '');
		const cut = path.lastIndexOf('/');
		if (cut === -1) {
			issues.warning(path, 1, 'Este archivo está fuera de la carpeta de un curso y se ignora.');
			continue;
		}
		const dir = path.slice(0, cut);
		if (!folders.has(dir)) folders.set(dir, new Map());
		folders.get(dir)?.set(path.slice(cut + 1), text);
	}
	const courseSlugs = new Set([...folders.keys()].map(slugOf));
	const courses = [...folders.keys()]
		.sort()
		.map((dir) => loadCourse(dir, folders.get(dir) ?? new Map(), courseSlugs, issues))
		.filter((c) => c !== null);
	const order = (a: ContentIssue, b: ContentIssue) =>
		a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
	return { courses, issues: issues.items.sort(order) };
}

function loadCourse(
	dir: string,
	files: Map<string, string>,
	courseSlugs: ReadonlySet<string>,
	issues: IssueList
): Course | null {
	const slug = slugOf(dir);
	const courseFile = `${dir}/course.md`;
	if (!COURSE_SLUG.test(slug)) {
		issues.error(
			courseFile,
			1,
			`El nombre de la carpeta del curso, "${slug}", no es válido: use minúsculas sin tildes, números y guiones, sin espacios (por ejemplo, trata-laboral).`
		);
	}

	const modules = new Map<string, number>(); // file name -> number
	const quizzes = new Map<string, string>(); // module slug -> quiz file name
	const translated: { module: string; language: TranslationLanguage; name: string }[] = [];
	for (const name of [...files.keys()].sort()) {
		if (name === 'course.md') continue;
		const asModule = MODULE_FILE.exec(name);
		const asQuiz = QUIZ_FILE.exec(name);
		const asTranslation = TRANSLATION_FILE.exec(name);
		if (asModule) modules.set(name, Number(asModule[1]));
		else if (asQuiz) quizzes.set(asQuiz[1], name);
		else if (asTranslation)
			translated.push({
				module: asTranslation[1],
				language: asTranslation[3] as TranslationLanguage,
				name
			});
		else if (name.endsWith('.quiz.yaml') || name.endsWith('.md')) {
			issues.error(`${dir}/${name}`, 1, badName(name));
		} else {
			issues.warning(
				`${dir}/${name}`,
				1,
				'Este archivo no es parte del formato de un curso y se ignora. En la carpeta solo van course.md, los módulos (.md) y sus cuestionarios (.quiz.yaml).'
			);
		}
	}
	checkNumbering(dir, modules, issues);

	const around: Neighbours = { slug, moduleFiles: new Set(modules.keys()), courseSlugs };
	const courseText = files.get('course.md');
	const course =
		courseText === undefined ? null : parseCourseFile(courseFile, courseText, issues, around);
	if (courseText === undefined) {
		issues.error(
			courseFile,
			1,
			'Falta el archivo course.md con la ficha y la presentación del curso.'
		);
	} else if (modules.size === 0) {
		issues.error(courseFile, 1, 'El curso no tiene ningún módulo: añada al menos 01-nombre.md.');
	}

	for (const [moduleSlug, name] of quizzes) {
		if (!modules.has(`${moduleSlug}.md`)) {
			issues.error(
				`${dir}/${name}`,
				1,
				`Este cuestionario no corresponde a ningún módulo: no existe ${moduleSlug}.md en la carpeta del curso. El cuestionario debe llamarse igual que su módulo.`
			);
			parseQuiz(`${dir}/${name}`, files.get(name) ?? '', issues);
		}
	}

	const translations = new Map<string, ModuleTranslation[]>(); // module slug -> its translations
	for (const t of translated) {
		const file = `${dir}/${t.name}`;
		if (!modules.has(`${t.module}.md`)) {
			issues.error(
				file,
				1,
				`Esta traducción no corresponde a ningún módulo: no existe ${t.module}.md en la carpeta del curso. Se llama como su módulo más el idioma, por ejemplo 01-conceptos.qu.md.`
			);
			continue;
		}
		const head = parseTranslationFile(file, files.get(t.name) ?? '', issues, around);
		if (head)
			translations.set(t.module, [
				...(translations.get(t.module) ?? []),
				{ language: t.language, file, ...head }
			]);
	}

	const selfCheck = !!course?.head && isPublicCourse(course.head);
	const built: Module[] = [];
	const linted: LintModule[] = [];
	for (const [name, number] of [...modules].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))) {
		const file = `${dir}/${name}`;
		const { head, objectiveLines } = parseModuleFile(file, files.get(name) ?? '', issues, around);
		const moduleSlug = name.slice(0, -'.md'.length);
		const quizName = quizzes.get(moduleSlug);
		const { quiz, lines } =
			quizName === undefined
				? { quiz: null, lines: null }
				: parseQuiz(`${dir}/${quizName}`, files.get(quizName) ?? '', issues, { selfCheck });
		if (!head) continue;
		const own = translations.get(moduleSlug) ?? [];
		const module = { slug: moduleSlug, number, file, quiz, translations: own, ...head };
		built.push(module);
		if (quiz && lines) {
			const all = { objectives: objectiveLines, quiz: lines };
			checkObjectives(module, quiz, all, issues);
			linted.push({ module: { ...module, quiz }, lines: all });
		}
	}
	lintCourse(courseFile, linted, issues, { selfCheck });

	if (!course?.head) return null;
	const { hours } = course.head;
	if (isPublicCourse(course.head) && !built.some((m) => m.quiz)) {
		issues.warning(
			courseFile,
			1,
			'El curso abierto no tiene ningún cuestionario: el Consejo no podrá contar quién lo termina (se cuenta al aprobar el cuestionario del último módulo que lo tiene).'
		);
	}
	const minutes = built.reduce((sum, m) => sum + m.minutes, 0);
	if (built.length === modules.size && Math.abs(minutes - hours * 60) > hours * 30) {
		issues.warning(
			courseFile,
			course.hoursLine,
			`Los módulos suman ${minutes} minutos, muy lejos de las ${hours} horas del curso (${hours * 60} minutos). Ajuste «hours» o los «minutes» de los módulos.`
		);
	}
	return { slug, ...course.head, version: versionOf(files), file: courseFile, modules: built };
}

/** Module numbers run 01, 02, 03… with no gaps and no repeats; reported on the file after the gap. */
function checkNumbering(dir: string, modules: Map<string, number>, issues: IssueList) {
	const byNumber = new Map<number, string[]>();
	for (const [name, n] of modules) byNumber.set(n, [...(byNumber.get(n) ?? []), name]);
	let previous = 0;
	for (const n of [...byNumber.keys()].sort((a, b) => a - b)) {
		const [first, ...others] = byNumber.get(n) ?? [];
		for (const other of others) {
			issues.error(
				`${dir}/${other}`,
				1,
				`Hay dos módulos con el número ${pad(n)}: ${first} y ${other}. Cada módulo necesita un número distinto; renumere los archivos.`
			);
		}
		if (n > previous + 1) {
			const missing = Array.from({ length: n - previous - 1 }, (_, i) => pad(previous + 1 + i));
			const what =
				missing.length === 1
					? `Falta el módulo ${missing[0]}`
					: `Faltan los módulos ${missing.slice(0, -1).join(', ')} y ${missing.at(-1)}`;
			const where =
				previous === 0
					? `la numeración empieza en ${pad(n)}`
					: `la numeración pasa de ${pad(previous)} a ${pad(n)}`;
			issues.error(
				`${dir}/${first}`,
				1,
				`${what}: ${where}. Los módulos se numeran desde 01 sin saltos; renumere los archivos.`
			);
		}
		previous = n;
	}
}

/**
 * The version of one course's files (repository-relative paths, all in the course's folder), as
 * loadCourses gives it to the course: stored versions and the catalog agree on it.
 */
export function contentHash(files: Record<string, string>): string {
	return versionOf(
		new Map(Object.entries(files).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]))
	);
}

/**
 * The course version: the first 12 hex digits of a SHA-256 over the course's .md and .quiz.yaml
 * files (name, NUL, content, NUL — sorted by name). Names are relative to the course folder and
 * stray files are left out, so the app (glob keys) and the CLI (disk paths) agree on the version.
 */
function versionOf(files: Map<string, string>): string {
	const hash = createHash('sha256');
	const names = [...files.keys()].filter((n) => n.endsWith('.md') || n.endsWith('.quiz.yaml'));
	for (const name of names.sort()) hash.update(`${name}\0${files.get(name)}\0`);
	return hash.digest('hex').slice(0, 12);
}

function badName(name: string) {
	return name.endsWith('.quiz.yaml')
		? `El nombre del archivo "${name}" no es válido para un cuestionario: debe llamarse igual que su módulo, terminado en .quiz.yaml (por ejemplo, 01-conceptos.quiz.yaml).`
		: `El nombre del archivo "${name}" no es válido para un módulo: debe ser NN-nombre.md, con dos cifras desde 01, un guion y un nombre en minúsculas con guiones, sin tildes ni espacios (por ejemplo, 01-conceptos.md).`;
}

function slugOf(dir: string) {
	return dir.slice(dir.lastIndexOf('/') + 1);
}

function pad(n: number) {
	return String(n).padStart(2, '0');
}
