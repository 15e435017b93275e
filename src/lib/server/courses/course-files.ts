import { isScalar, visit, type Node } from 'yaml';
import { complete, Fields } from './fields';
import { splitFrontmatter } from './frontmatter';
import { count, type IssueList } from './issues';
import { markdownHeadings } from './headings';
import { checkMarkdown } from './markdown';
import {
	AUDIENCES,
	type Audience,
	type Course,
	type Module,
	type ModuleObjective,
	type ModuleTranslation,
	type Poster
} from './types';
import { parseYaml } from './yaml-source';

/** Quiz keys: answers live only in the .quiz.yaml, which is never sent to the browser. */
const ANSWER_KEYS = ['answer', 'correct', 'accept', 'options', 'questions'];

export type CourseHead = Omit<Course, 'slug' | 'version' | 'file' | 'modules'>;
export type TranslationHead = Omit<ModuleTranslation, 'language' | 'file'>;

/** The longest sign of a poster: it must stay legible from a few metres on an A4 sheet. */
export const POSTER_SIGN_MAX = 90;
const POSTER_TITLE_MAX = 60;
export type ModuleHead = Pick<Module, 'title' | 'titleEn' | 'minutes' | 'objectives'>;

/** What a course or module file needs to know about the rest of its course. */
export type Neighbours = {
	slug: string;
	/** File names of the modules of the same course, e.g. `02-indicadores.md`. */
	moduleFiles: ReadonlySet<string>;
	/** Slugs of every course, for prerequisites. */
	courseSlugs: ReadonlySet<string>;
};

/** Reads `course.md`; `hoursLine` lets the caller point at `hours` when the modules' minutes disagree. */
export function parseCourseFile(
	file: string,
	text: string,
	issues: IssueList,
	around: Neighbours
): { head: CourseHead | null; hoursLine: number } {
	const read = readFile(file, text, issues, ' en la ficha del curso', around);
	if (!read) return { head: null, hoursLine: 1 };
	const { fields: f, body } = read;

	const audience = f.textItems('audience');
	const unknownAudience = audience?.filter((a) => !isAudience(a.text)) ?? [];
	for (const a of unknownAudience) {
		issues.error(
			file,
			a.line,
			`El público "${a.text}" de «audience» no existe. Valores posibles: ${AUDIENCES.join(', ')}.`
		);
	}
	const isPublic = audience?.some((a) => a.text === 'public') ?? false;
	if (isPublic && (audience?.length ?? 0) > 1) {
		issues.error(
			file,
			f.lineOf('audience'),
			'«audience: public» es un curso abierto para cualquier persona y no se combina con otros públicos: deje solo [public], o quite public.'
		);
	}
	const poster = f.has('poster') ? parsePoster(f.group('poster'), file, issues) : null;
	if (f.has('poster') && !isPublic) {
		issues.warning(
			file,
			f.lineOf('poster'),
			'Solo los cursos abiertos («audience: [public]») tienen afiche; el bloque «poster» se ignora.'
		);
	}
	if (isPublic && !f.has('poster')) {
		issues.warning(
			file,
			1,
			'El curso abierto no tiene bloque «poster» con tres «signs»: no se podrá imprimir su afiche.'
		);
	}
	const prerequisites = f.has('prerequisites') ? f.textItems('prerequisites', false) : [];
	const badPrerequisites =
		prerequisites?.filter((p) => !prerequisiteOk(p, file, issues, around)) ?? [];
	const en = f.group('translations').group('en');
	const titleEn = en.text('title');
	const summaryEn = en.text('summary');

	const head = complete<Omit<CourseHead, 'titleEn' | 'summaryEn' | 'poster'>>({
		title: f.text('title'),
		summary: f.text('summary'),
		language: f.choice('language', ['es', 'en']),
		// An open course can be read in ten minutes at a bus terminal.
		hours: f.number('hours', { min: isPublic ? 0.1 : 1, max: 40, integer: false }),
		audience:
			audience && unknownAudience.length === 0
				? audience.map((a) => a.text).filter(isAudience)
				: null,
		// Nobody enrols in an open course, so it needs no enrolment rule.
		enrolment: f.choice('enrolment', ['open', 'coordinator', 'key'], !isPublic) ?? 'open',
		passing: f.has('passing')
			? complete<Course['passing']>({ rule: f.group('passing').choice('rule', ['all-modules']) })
			: { rule: 'all-modules' },
		prerequisites:
			prerequisites && badPrerequisites.length === 0 ? prerequisites.map((p) => p.text) : null,
		body
	});
	f.warnUnknown(ANSWER_KEYS);
	// A missing translation is an error, but it does not stop the course being modelled.
	return {
		head: head && { ...head, titleEn, summaryEn, poster: isPublic ? poster : null },
		hoursLine: f.lineOf('hours')
	};
}

/** Where a module's objectives sit in its file, for findings about them. */
export type ObjectiveLines = { list: number; each: number[] };

export function parseModuleFile(
	file: string,
	text: string,
	issues: IssueList,
	around: Neighbours
): { head: ModuleHead | null; objectiveLines: ObjectiveLines } {
	const read = readFile(file, text, issues, ' en la ficha del módulo', around);
	if (!read) return { head: null, objectiveLines: { list: 1, each: [] } };
	const f = read.fields;
	const objectives = readObjectives(f, markdownHeadings(read.body, read.bodyLine));
	if (objectives && (objectives.length < 2 || objectives.length > 5)) {
		issues.warning(
			file,
			f.lineOf('objectives'),
			`El módulo tiene ${count(objectives.length, 'objetivo', 'objetivos')}; escriba de 2 a 5.`
		);
	}
	const head = complete<Omit<ModuleHead, 'titleEn'>>({
		title: f.text('title'),
		minutes: f.number('minutes', { min: 5, max: 240 }),
		objectives: objectives && objectives.map(({ text, section }) => ({ text, section }))
	});
	const titleEn = f.group('translations').group('en').text('title');
	f.warnUnknown(ANSWER_KEYS);
	const objectiveLines = {
		list: f.lineOf('objectives'),
		each: objectives?.map((o) => o.line) ?? []
	};
	return { head: head && { ...head, titleEn }, objectiveLines };
}

/**
 * `objectives:` items are plain texts, or `text:` with the `section:` (a `##`/`###` heading of the
 * module) that teaches the objective, where the quiz sends a learner who missed it.
 */
function readObjectives(f: Fields, headings: { text: string; line: number }[]) {
	const items = f.textOrGroupItems('objectives', 'el objetivo');
	if (items === null) return null;
	const objectives: (ModuleObjective & { line: number })[] = [];
	let ok = true;
	for (const item of items) {
		if (item === null) {
			ok = false;
			continue;
		}
		if (!item.group) {
			objectives.push({ text: item.text, section: null, line: item.line });
			continue;
		}
		const g = item.group;
		const text = g.text('text');
		const section = g.text('section', false);
		g.warnUnknown();
		if (text === null || (g.has('section') && section === null)) {
			ok = false;
			continue;
		}
		if (section !== null && !headings.some((h) => h.text === section.trim())) {
			ok = false;
			const list = headings.map((h) => `"${h.text}"`).join(', ') || 'el módulo no tiene ninguno';
			f.issues.error(
				f.file,
				g.src.line(g.node('section')),
				`La sección "${section}" del objetivo n.º ${item.number} no es ningún apartado ## o ### de este módulo. Escriba el título exacto de uno de ellos (${list}).`
			);
			continue;
		}
		objectives.push({ text, section: section?.trim() ?? null, line: item.line });
	}
	return ok ? objectives : null;
}

/** `poster:` with `signs:` (exactly three short texts) and an optional shorter `title:`. */
function parsePoster(p: Fields, file: string, issues: IssueList): Poster | null {
	const title = p.text('title', false);
	if (title !== null && title.length > POSTER_TITLE_MAX) {
		issues.error(
			file,
			p.lineOf('title'),
			`El título del afiche («poster.title») tiene ${title.length} caracteres; acórtelo a ${POSTER_TITLE_MAX} como máximo.`
		);
	}
	const signs = p.textItems('signs');
	if (signs && signs.length !== 3) {
		issues.error(
			file,
			p.lineOf('signs'),
			`El afiche lleva exactamente tres señales («poster.signs»); ahora hay ${signs.length}.`
		);
	}
	for (const sign of signs ?? []) {
		if (sign.text.length > POSTER_SIGN_MAX) {
			issues.error(
				file,
				sign.line,
				`Esta señal del afiche tiene ${sign.text.length} caracteres; acórtela a ${POSTER_SIGN_MAX} como máximo para que se lea de lejos.`
			);
		}
	}
	p.warnUnknown();
	const ok =
		signs &&
		signs.length === 3 &&
		signs.every((s) => s.text.length <= POSTER_SIGN_MAX) &&
		(title === null || title.length <= POSTER_TITLE_MAX);
	return ok ? { title, signs: signs.map((s) => s.text) } : null;
}

/**
 * Reads a module's translation (`NN-slug.qu.md`): its title and whether a named person reviewed
 * it. Unreviewed translations are kept out of the pages, so machine output never reaches readers.
 */
export function parseTranslationFile(
	file: string,
	text: string,
	issues: IssueList,
	around: Neighbours
): TranslationHead | null {
	const read = readFile(file, text, issues, ' en la ficha de la traducción', around);
	if (!read) return null;
	const f = read.fields;
	const title = f.text('title');
	const reviewed = f.boolean('reviewed');
	const reviewedBy = f.text('reviewedBy', false);
	if (reviewed && reviewedBy === null) {
		issues.error(
			file,
			f.lineOf('reviewed'),
			'Una traducción revisada («reviewed: true») necesita «reviewedBy» con el nombre de quien la revisó.'
		);
	}
	f.warnUnknown(ANSWER_KEYS);
	if (title === null || reviewed === null || (reviewed && reviewedBy === null)) return null;
	return { title, reviewed, reviewedBy };
}

function isAudience(value: string): value is Audience {
	return (AUDIENCES as readonly string[]).includes(value);
}

function prerequisiteOk(
	p: { text: string; line: number },
	file: string,
	issues: IssueList,
	around: Neighbours
) {
	if (p.text === around.slug) {
		issues.error(file, p.line, `El curso no puede ser requisito previo de sí mismo ("${p.text}").`);
		return false;
	}
	if (!around.courseSlugs.has(p.text)) {
		const others = [...around.courseSlugs].filter((s) => s !== around.slug);
		issues.error(
			file,
			p.line,
			`El curso previo "${p.text}" de «prerequisites» no existe. Escriba el nombre de la carpeta de otro curso (${others.join(', ') || 'no hay otros cursos'}).`
		);
		return false;
	}
	return true;
}

/**
 * Splits the file, checks its Markdown body and any answers leaked into its frontmatter, and
 * returns a reader for the frontmatter fields — or null when the frontmatter cannot be read.
 */
function readFile(
	file: string,
	text: string,
	issues: IssueList,
	where: string,
	around: Neighbours
) {
	const fm = splitFrontmatter(file, text, issues);
	if (!fm) return null;
	checkMarkdown(file, fm.body, fm.bodyLine, around.moduleFiles, issues);
	const src = parseYaml(file, fm.yaml, issues, fm.yamlLine);
	if (!src) return null;
	if (src.root) {
		visit(src.root, {
			Pair(_, pair) {
				if (isScalar(pair.key) && ANSWER_KEYS.includes(String(pair.key.value))) {
					issues.error(
						file,
						src.line(pair.key as Node),
						`La ficha no puede contener «${pair.key.value}»: las preguntas y sus respuestas van solo en el archivo .quiz.yaml del módulo, que nunca se envía al navegador. Quite este dato de la ficha.`
					);
				}
			}
		});
	}
	return {
		fields: Fields.of(src, issues, src.root, where, 1),
		body: fm.body,
		bodyLine: fm.bodyLine
	};
}
