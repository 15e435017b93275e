/**
 * The course editor page's forms over files: the `course.md` settings a trainer changes
 * (written into the frontmatter in place, so other keys, their order, comments and the Markdown
 * body stay byte for byte as they were and the reviewer's diff shows only the changed lines), and
 * the starting text of a new module and of a new quiz, which the validator accepts as they are.
 * Pure: the page checks the result against the whole course before saving it.
 */
import { isMap, isScalar, isSeq, parse, parseDocument, type Document } from 'yaml';
import type { ModuleObjective } from './types';

export type CourseSettings = {
	title: string;
	summary: string;
	hours: number;
	audience: string[];
	/** '' when absent (an open course needs none). */
	enrolment: string;
	passing: string;
	titleEn: string;
	summaryEn: string;
};
export type SettingName = keyof CourseSettings;

export const SETTING_PATHS: Record<SettingName, string[]> = {
	title: ['title'],
	summary: ['summary'],
	hours: ['hours'],
	audience: ['audience'],
	enrolment: ['enrolment'],
	passing: ['passing', 'rule'],
	titleEn: ['translations', 'en', 'title'],
	summaryEn: ['translations', 'en', 'summary']
};
const NAMES = Object.keys(SETTING_PATHS) as SettingName[];

/** `head` (the opening fence), `yaml` (up to the closing fence) and `tail` (fence and body), verbatim. */
export function splitCourseText(text: string): { head: string; yaml: string; tail: string } | null {
	const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
	if (!open) return null;
	const close = /^---[ \t]*(\r?\n|$)/m;
	const rest = text.slice(open[0].length);
	const at = close.exec(rest);
	if (!at) return null;
	return { head: open[0], yaml: rest.slice(0, at.index), tail: rest.slice(at.index) };
}

/** The settings as written in `course.md`, or null when its frontmatter cannot be read. */
export function readCourseSettings(text: string): CourseSettings | null {
	const parts = splitCourseText(text);
	if (!parts) return null;
	const doc = parseDocument(parts.yaml);
	if (doc.errors.length || !isMap(doc.contents)) return null;
	const get = (name: SettingName) => doc.getIn(SETTING_PATHS[name]);
	const text_ = (name: SettingName) => {
		const v = get(name);
		return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
	};
	const audience = doc.getIn(['audience'], true);
	const hours = Number(get('hours'));
	return {
		title: text_('title'),
		summary: text_('summary'),
		hours: Number.isFinite(hours) ? hours : 0,
		audience: isSeq(audience) ? audience.items.map((i) => (isScalar(i) ? String(i.value) : '')).filter(Boolean) : [],
		enrolment: text_('enrolment'),
		passing: text_('passing') || 'all-modules',
		titleEn: text_('titleEn'),
		summaryEn: text_('summaryEn')
	};
}

type Value = string | number | string[] | null;

/** The form's value for the file: empty optional texts are absent keys. */
function valueOf(s: CourseSettings, name: SettingName): Value {
	const v = s[name];
	if (name === 'enrolment' && v === '') return null;
	return v;
}

/**
 * `text` with the settings that differ from what it says changed to `next`; everything else
 * as it was. A value that replaces a scalar (or a flow list like `[consular, border]`) is written
 * where it stands; adding or removing a key re-serialises the frontmatter only, never the body.
 * Returns `text` itself when nothing changed, null when the frontmatter cannot be read.
 */
export function writeCourseSettings(text: string, next: CourseSettings): string | null {
	const parts = splitCourseText(text);
	const before = readCourseSettings(text);
	if (!parts || !before) return null;
	const doc = parseDocument(parts.yaml);
	const changed = NAMES.filter((n) => JSON.stringify(valueOf(before, n)) !== JSON.stringify(valueOf(next, n)));
	if (changed.length === 0) return text;

	const spans: { from: number; to: number; text: string }[] = [];
	let structural = false;
	for (const name of changed) {
		const value = valueOf(next, name);
		const node = doc.getIn(SETTING_PATHS[name], true);
		if (value !== null && isScalar(node) && node.range && !Array.isArray(value)) {
			spans.push({ from: node.range[0], to: node.range[1], text: scalarText(value, node.type === 'PLAIN') });
		} else if (Array.isArray(value) && isSeq(node) && node.flow && node.range) {
			spans.push({ from: node.range[0], to: node.range[1], text: `[${value.map((v) => scalarText(v, true)).join(', ')}]` });
		} else {
			structural = true;
			break;
		}
	}
	let yaml: string;
	if (!structural) {
		yaml = parts.yaml;
		for (const s of spans.sort((a, b) => b.from - a.from)) yaml = yaml.slice(0, s.from) + s.text + yaml.slice(s.to);
	} else {
		for (const name of changed) setValue(doc, SETTING_PATHS[name], valueOf(next, name));
		yaml = doc.toString({ lineWidth: 0 });
		if (!parts.yaml.endsWith('\n')) yaml = yaml.replace(/\n$/, '');
	}
	return parts.head + yaml + parts.tail;
}

function setValue(doc: Document, path: string[], value: Value) {
	if (value === null) {
		doc.deleteIn(path);
		return;
	}
	const node = doc.createNode(value);
	if (Array.isArray(value) && isSeq(node)) node.flow = true;
	doc.setIn(path, node);
}

/** A value as YAML: plain where the original was plain and the text reads back the same, else quoted. */
function scalarText(value: string | number, plain: boolean): string {
	if (typeof value === 'number') return String(value);
	if (plain && value === value.trim() && !/[\n\r]/.test(value)) {
		try {
			const back = parse(`k: ${value}`) as { k?: unknown } | null;
			if (back?.k === value) return value;
		} catch {
			// not plain-safe
		}
	}
	return JSON.stringify(value);
}

/**
 * Which setting a validator finding on line `line` of `course.md` is about (from the key's line
 * to its value's last line), so the page shows it beside that field; null for any other line.
 */
export function settingAtLine(text: string, line: number): SettingName | null {
	const parts = splitCourseText(text);
	if (!parts) return null;
	const doc = parseDocument(parts.yaml);
	const lineOf = (offset: number) => (parts.head + parts.yaml.slice(0, offset)).split('\n').length;
	for (const name of NAMES) {
		const path = SETTING_PATHS[name];
		const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
		if (!isMap(parent)) continue;
		const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1));
		const key = pair && isScalar(pair.key) ? pair.key.range : undefined;
		if (!pair || !key) continue;
		const value = (pair.value as { range?: [number, number, number] } | null)?.range;
		const from = lineOf(key[0]);
		const to = value ? lineOf(Math.max(value[0], value[1] - 1)) : from;
		if (line >= from && line <= to) return name;
	}
	return null;
}

/** Module file names (`NN-slug.md`, translations and quizzes aside) of a course's file names. */
export const MODULE_NAME = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
export const MODULE_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type ModuleEntry = { name: string; slug: string; number: number; quiz: boolean };

/** The modules among a course's file names, in order, each with whether it has a quiz. */
export function courseModules(names: Iterable<string>): ModuleEntry[] {
	const all = new Set(names);
	return [...all]
		.map((n) => MODULE_NAME.exec(n))
		.filter((x) => x !== null)
		.map((x) => ({
			name: x[0],
			slug: x[0].slice(0, -'.md'.length),
			number: Number(x[1]),
			quiz: all.has(x[0].replace(/\.md$/, '.quiz.yaml'))
		}))
		.sort((a, b) => a.number - b.number || (a.name < b.name ? -1 : 1));
}

export type NewModule = { number: number; slug: string; title: string; titleEn: string; minutes: number };

export const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A new module's file: its frontmatter with two placeholder objectives, each tied to a heading
 * of the placeholder body, so the module is valid until the trainer writes the real ones.
 */
export function moduleTemplate(m: NewModule): { name: string; text: string } {
	const q = JSON.stringify;
	const text = `---
title: ${q(m.title)}
minutes: ${m.minutes}
objectives:
  - text: "Objetivo provisional: reemplácelo por una frase que empiece con un verbo."
    section: "Primer apartado"
  - text: "Objetivo provisional: reemplácelo por una frase que empiece con un verbo."
    section: "Resumen"
translations:
  en:
    title: ${q(m.titleEn)}
---

## Primer apartado

Texto provisional: escriba aquí el contenido del módulo.

## Resumen

Texto provisional: resuma aquí las ideas clave del módulo.
`;
	return { name: `${pad(m.number)}-${m.slug}.md`, text };
}

/**
 * A new quiz for a module: the usual settings and one true/false question per objective, tagged
 * with it, so every attempt examines every objective. The questions are placeholders the trainer
 * rewrites in the quiz forms; the pool is too small for a drawn quiz, so every question is shown
 * (`drawCount: 0`) until the bank has 16. An open course's self-check (`selfCheck`) keeps its
 * course's style: answers shown after each try, unlimited tries.
 */
export function quizTemplate(objectives: readonly ModuleObjective[], { selfCheck = false } = {}): string {
	const settings = selfCheck
		? { passingScore: 60, maxAttempts: 0, feedback: 'after-attempt', scoring: 'last' }
		: { passingScore: 70, maxAttempts: 3, feedback: 'objectives', scoring: 'highest' };
	const questions = objectives.map(
		(o, i) => `  - id: objetivo-${i + 1}-provisional
    type: truefalse
    objective: ${i + 1}
    prompt: ${JSON.stringify(`Afirmación provisional sobre el objetivo «${o.text.trim()}». Reescriba esta pregunta.`)}
    answer: ${i % 2 === 0}
    explanation: "Explicación provisional: reescríbala citando la fuente."
`
	);
	return `settings:
  passingScore: ${settings.passingScore}
  maxAttempts: ${settings.maxAttempts}
  timeLimitMinutes: 0
  drawCount: 0
  shuffleQuestions: true
  shuffleOptions: true
  feedback: ${settings.feedback}
  scoring: ${settings.scoring}
questions:
${questions.join('\n')}`;
}

/** The files of module `moduleSlug` (e.g. `04-antes`): the module, its quiz and translations. */
export function moduleFiles(names: Iterable<string>, moduleSlug: string): string[] {
	return [...names].filter((n) => n === `${moduleSlug}.md` || n.startsWith(`${moduleSlug}.`));
}
