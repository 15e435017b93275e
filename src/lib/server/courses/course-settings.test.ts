import { describe, expect, it } from 'vitest';
import {
	courseModules,
	moduleFiles,
	moduleTemplate,
	quizTemplate,
	readCourseSettings,
	settingAtLine,
	writeCourseSettings
} from './course-settings';
import { readCourseFiles } from './read-files';
import { checkCourseFiles, coursePath, splitByCourse } from './revisions';

const all = splitByCourse(readCourseFiles('content/courses'));
const slugs = [...all.keys()];
const errors = (slug: string, files: Record<string, string>) =>
	checkCourseFiles(slug, files, slugs).issues.filter((i) => i.severity === 'error');

const COURSE = `---
title: Curso de prueba
# a comment the trainer wrote
summary: "Un resumen: con dos puntos."
language: es
hours: 4
audience: [consular, border]
enrolment: open
passing:
  rule: all-modules
prerequisites: []
translations:
  en:
    title: Test course
    summary: A summary.
---

## Presentación

Texto con { nada } raro\r\nni final`;

describe('course settings', () => {
	it('reads the settings a trainer changes', () => {
		expect(readCourseSettings(COURSE)).toEqual({
			title: 'Curso de prueba',
			summary: 'Un resumen: con dos puntos.',
			hours: 4,
			audience: ['consular', 'border'],
			enrolment: 'open',
			passing: 'all-modules',
			titleEn: 'Test course',
			summaryEn: 'A summary.'
		});
	});

	it('changes only the values that changed, in place, keeping the body byte for byte', () => {
		const before = readCourseSettings(COURSE)!;
		const out = writeCourseSettings(COURSE, {
			...before,
			title: 'Otro título',
			summary: 'Sin dos puntos',
			hours: 2.5,
			audience: ['police'],
			summaryEn: 'Needs: quotes'
		})!;
		const lines = out.split('\n');
		const old = COURSE.split('\n');
		expect(lines.length).toBe(old.length);
		const diff = lines.map((l, i) => (l === old[i] ? null : l)).filter((l) => l !== null);
		expect(diff).toEqual([
			'title: Otro título',
			'summary: "Sin dos puntos"',
			'hours: 2.5',
			'audience: [police]',
			'    summary: "Needs: quotes"'
		]);
		expect(out.endsWith(COURSE.slice(COURSE.indexOf('\n---\n')))).toBe(true);
		expect(readCourseSettings(out)).toMatchObject({ title: 'Otro título', hours: 2.5, summaryEn: 'Needs: quotes' });
	});

	it('returns the same text when nothing changed', () => {
		expect(writeCourseSettings(COURSE, readCourseSettings(COURSE)!)).toBe(COURSE);
	});

	it('adds or removes a key by rewriting only the frontmatter', () => {
		const before = readCourseSettings(COURSE)!;
		const out = writeCourseSettings(COURSE, { ...before, enrolment: '' })!;
		expect(out).not.toMatch(/^enrolment:/m);
		expect(out).toContain('# a comment the trainer wrote');
		expect(out.slice(out.indexOf('\n---\n'))).toBe(COURSE.slice(COURSE.indexOf('\n---\n')));
		const back = writeCourseSettings(out, { ...before, enrolment: 'key' })!;
		expect(readCourseSettings(back)?.enrolment).toBe('key');
	});

	it('keeps a real course valid and its body identical through a round trip', () => {
		const slug = 'oferta-segura';
		const files = all.get(slug)!;
		const path = coursePath(slug, 'course.md');
		const text = files[path];
		const out = writeCourseSettings(text, { ...readCourseSettings(text)!, title: 'Un título nuevo', hours: 2 })!;
		expect(out).not.toBe(text);
		expect(out.slice(out.indexOf('\n---\n'))).toBe(text.slice(text.indexOf('\n---\n')));
		expect(errors(slug, { ...files, [path]: out })).toEqual([]);
		const again = writeCourseSettings(out, readCourseSettings(text)!);
		expect(again).toBe(text);
	});

	it('points a finding at the field on its line', () => {
		expect(settingAtLine(COURSE, 2)).toBe('title');
		expect(settingAtLine(COURSE, 6)).toBe('hours');
		expect(settingAtLine(COURSE, 10)).toBe('passing');
		expect(settingAtLine(COURSE, 15)).toBe('summaryEn');
		expect(settingAtLine(COURSE, 5)).toBeNull();
	});
});

describe('new files', () => {
	for (const slug of ['oferta-segura', 'frontera']) {
		it(`a new module and its quiz pass the validator (${slug})`, () => {
			const files = { ...all.get(slug)! };
			const next = Object.keys(files).filter((p) => /\/\d{2}-[^.]+\.md$/.test(p)).length + 1;
			const mod = moduleTemplate({ number: next, slug: 'nuevo-tema', title: 'Un tema: nuevo', titleEn: 'A new topic', minutes: 10 });
			files[coursePath(slug, mod.name)] = mod.text;
			expect(errors(slug, files)).toEqual([]);
			const course = checkCourseFiles(slug, files, slugs).course!;
			const built = course.modules.find((m) => m.number === next)!;
			expect(built.title).toBe('Un tema: nuevo');
			const quiz = quizTemplate(built.objectives, { selfCheck: slug === 'oferta-segura' });
			files[coursePath(slug, mod.name.replace(/\.md$/, '.quiz.yaml'))] = quiz;
			expect(errors(slug, files)).toEqual([]);
			const withQuiz = checkCourseFiles(slug, files, slugs).course!.modules.find((m) => m.number === next)!;
			expect(withQuiz.quiz?.questions.map((q) => [q.type, q.objective])).toEqual([
				['truefalse', 1],
				['truefalse', 2]
			]);
		});
	}

	it('lists the modules in order with their quizzes, leaving translations and quizzes out', () => {
		expect(courseModules(['course.md', '02-b.md', '01-a.quiz.yaml', '01-a.md', '01-a.qu.md', '10-c.md'])).toEqual([
			{ name: '01-a.md', slug: '01-a', number: 1, quiz: true },
			{ name: '02-b.md', slug: '02-b', number: 2, quiz: false },
			{ name: '10-c.md', slug: '10-c', number: 10, quiz: false }
		]);
	});

	it('lists a module with its quiz and translations, not a longer namesake', () => {
		expect(moduleFiles(['04-a.md', '04-a.quiz.yaml', '04-a.qu.md', '04-a-b.md', 'course.md'], '04-a')).toEqual([
			'04-a.md',
			'04-a.quiz.yaml',
			'04-a.qu.md'
		]);
	});
});
