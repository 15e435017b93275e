import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { courseOf, rollBack, saveDraftChanges, TEXT_FILE, type SaveOutcome } from '$lib/server/courses/authoring';
import {
	courseModules,
	MODULE_SLUG,
	moduleFiles,
	moduleTemplate,
	pad,
	quizTemplate,
	readCourseSettings,
	settingAtLine,
	writeCourseSettings,
	type CourseSettings,
	type SettingName
} from '$lib/server/courses/course-settings';
import { editorContext, expectedDraft, refusalMessage, refusalStatus } from '$lib/server/courses/editor-page';
import { coursePath, fileName, listPublished, submitDraft, type CourseFiles } from '$lib/server/courses/revisions';
import { AUDIENCES, isPublicCourse, type ContentIssue } from '$lib/server/courses/types';
import { getDb } from '$lib/server/db';
import { parseId } from '$lib/server/input/ids';
import { isSingleLineText } from '$lib/server/input/text';
import type { Actions, PageServerLoad } from './$types';

const ENROLMENTS = ['open', 'coordinator', 'key'] as const;
const MAX_TITLE = 200;
const MAX_SUMMARY = 600;

/** The course's modules in the draft (or current version), in order, with their quiz if any. */
const modulesOf = (files: CourseFiles) => courseModules(Object.keys(files).map(fileName));

/** One line of text from a form, or null when it is not one (missing, too long, control characters). */
function line(form: FormData, name: string, max: number): string | null {
	const v = form.get(name);
	if (typeof v !== 'string' || v.length > max || !isSingleLineText(v)) return null;
	return v.trim();
}

/** The validator's errors, for the list under a form. */
const errorsOf = (issues: ContentIssue[]) =>
	issues.filter((i) => i.severity === 'error').map((i) => ({ file: fileName(i.file), line: i.line, message: i.message }));

/** A save's refusal as the action's answer for form `scope`, keeping what was typed. */
function refused(scope: string, result: Exclude<SaveOutcome, { ok: true }>, keep: Record<string, unknown>) {
	if (result.reason === 'invalid')
		return fail(400, { scope, ...keep, message: m.editor_change_invalid(), problems: errorsOf(result.issues) });
	return fail(refusalStatus(result.reason), { scope, ...keep, message: refusalMessage(result.reason) });
}

export const load: PageServerLoad = async (event) => {
	const { course, current, draft, files } = await editorContext(event);
	const versions = await listPublished(getDb(), course.slug);
	const titles = new Map(course.modules.map((x) => [`${x.slug}.md`, x.title]));
	const modules = modulesOf(files);
	const settings = readCourseSettings(files[coursePath(course.slug, 'course.md')] ?? '');
	return {
		course: { slug: course.slug, title: course.title, version: current.content_hash },
		draft: draft && {
			id: draft.id,
			lock: draft.lock,
			status: draft.status,
			version: draft.content_hash,
			updatedAt: draft.updated_at,
			comment: draft.comment
		},
		files: Object.keys(files)
			.map(fileName)
			.filter((n) => TEXT_FILE.test(n))
			.map((n) => ({
				param: n.slice(0, -'.md'.length),
				name: n,
				title: n === 'course.md' ? null : (titles.get(n) ?? null),
				quiz: Object.hasOwn(files, `content/courses/${course.slug}/${n.replace(/\.md$/, '.quiz.yaml')}`)
			})),
		settings,
		audiences: settings?.audience.includes('public') ? (['public'] as string[]) : AUDIENCES.filter((a) => a !== 'public'),
		modules: modules.map((x) => ({ slug: x.slug, quiz: x.quiz })),
		nextNumber: (modules.at(-1)?.number ?? 0) + 1,
		versions: versions.map((v) => ({ ...v, current: v.content_hash === current.content_hash && v.id === current.id }))
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { user, draft } = await editorContext(event);
		const expected = expectedDraft(await event.request.formData());
		if (!draft || !expected) return fail(404, { message: m.editor_not_found() });
		const result = await submitDraft(getDb(), { id: expected.id, lock: expected.lock, userId: user.id });
		if (!result.ok) return fail(refusalStatus(result.reason), { message: refusalMessage(result.reason) });
		return { ok: m.editor_submitted() };
	},
	rollback: async (event) => {
		const { user, course } = await editorContext(event);
		const id = parseId(String((await event.request.formData()).get('revision') ?? ''));
		if (id === null) return fail(400, { message: m.editor_not_found() });
		const result = await rollBack(getDb(), { slug: course.slug, revisionId: id, userId: user.id });
		if (!result.ok) return fail(result.reason === 'not-found' ? 404 : 409, { message: refusalMessage(result.reason) });
		return { ok: m.editor_rolled_back({ version: result.revision.content_hash }) };
	},

	settings: async (event) => {
		const { user, course, files } = await editorContext(event);
		const form = await event.request.formData();
		const scope = 'settings';
		const text = files[coursePath(course.slug, 'course.md')] ?? '';
		const before = readCourseSettings(text);
		if (!before) return fail(409, { scope, message: m.editor_settings_unreadable() });

		const errors: Partial<Record<SettingName, string>> = {};
		const required = (name: SettingName, max: number) => {
			const v = line(form, name, max);
			if (v === null) errors[name] = m.editor_field_too_long({ max });
			else if (v === '') errors[name] = m.editor_field_required();
			return v ?? String(form.get(name) ?? '').slice(0, max);
		};
		const hoursText = line(form, 'hours', 10) ?? '';
		const hours = /^\d{1,2}([.,]\d{1,2})?$/.test(hoursText) ? Number(hoursText.replace(',', '.')) : NaN;
		if (Number.isNaN(hours)) errors.hours = m.editor_hours_number();
		const audience = form.getAll('audience').map(String);
		if (audience.length === 0) errors.audience = m.editor_audience_required();
		else if (audience.length > AUDIENCES.length || audience.some((a) => !(AUDIENCES as readonly string[]).includes(a)))
			errors.audience = m.editor_audience_unknown();
		const enrolment = String(form.get('enrolment') ?? '');
		if (!(['', ...ENROLMENTS] as string[]).includes(enrolment)) errors.enrolment = m.editor_choice_unknown();
		const passing = String(form.get('passing') ?? '');
		if (passing !== 'all-modules') errors.passing = m.editor_choice_unknown();
		const next: CourseSettings = {
			title: required('title', MAX_TITLE),
			summary: required('summary', MAX_SUMMARY),
			hours,
			audience: errors.audience ? [] : audience,
			enrolment: errors.enrolment ? '' : enrolment,
			passing: 'all-modules',
			titleEn: required('titleEn', MAX_TITLE),
			summaryEn: required('summaryEn', MAX_SUMMARY)
		};
		// What the form shows again: the typed values, cut to size.
		const values = { ...next, hours: hoursText || String(form.get('hours') ?? '').slice(0, 10), passing };
		const keep = { values, errors };
		if (Object.keys(errors).length) return fail(400, { scope, ...keep, message: m.editor_settings_invalid() });

		const written = writeCourseSettings(text, next);
		if (written === null) return fail(409, { scope, ...keep, message: m.editor_settings_unreadable() });
		if (written === text) return { scope, ok: m.editor_settings_unchanged() };
		const result = await saveDraftChanges(getDb(), {
			slug: course.slug,
			changes: { 'course.md': written },
			expected: expectedDraft(form),
			userId: user.id
		});
		if (!result.ok && result.reason === 'invalid') {
			// Findings on a setting's line go beside that field; the others under the form.
			const mine = coursePath(course.slug, 'course.md');
			const others: ContentIssue[] = [];
			for (const i of result.issues.filter((x) => x.severity === 'error')) {
				const at = i.file === mine ? settingAtLine(written, i.line) : null;
				if (at) errors[at] = errors[at] ? `${errors[at]} ${i.message}` : i.message;
				else others.push(i);
			}
			return fail(400, { scope, ...keep, message: m.editor_settings_invalid(), problems: errorsOf(others) });
		}
		if (!result.ok) return refused(scope, result, keep);
		return { scope, ok: m.editor_settings_saved() };
	},

	addModule: async (event) => {
		const { user, course, files } = await editorContext(event);
		const form = await event.request.formData();
		const scope = 'addModule';
		const modules = modulesOf(files);
		const nextNumber = (modules.at(-1)?.number ?? 0) + 1;
		const errors: Record<string, string> = {};
		const raw = (name: string, max: number) => String(form.get(name) ?? '').slice(0, max);
		const values = {
			number: raw('number', 10),
			slug: raw('slug', 60),
			title: raw('title', MAX_TITLE),
			titleEn: raw('titleEn', MAX_TITLE),
			minutes: raw('minutes', 10)
		};
		const number = /^\d{1,2}$/.test(values.number.trim()) ? Number(values.number) : NaN;
		const taken = modules.find((x) => x.number === number);
		if (!(number >= 1)) errors.number = m.editor_module_number_invalid();
		else if (taken) errors.number = m.editor_module_number_taken({ number: pad(number), file: taken.name, next: pad(nextNumber) });
		else if (number > nextNumber) errors.number = m.editor_module_number_gap({ number: pad(number), next: pad(nextNumber) });
		const slug = line(form, 'slug', 60) ?? '';
		if (!MODULE_SLUG.test(slug)) errors.slug = m.editor_module_slug_invalid();
		else if (modules.some((x) => x.slug.slice(3) === slug)) errors.slug = m.editor_module_slug_taken({ slug });
		const title = line(form, 'title', MAX_TITLE);
		if (!title) errors.title = title === '' ? m.editor_field_required() : m.editor_field_too_long({ max: MAX_TITLE });
		const titleEn = line(form, 'titleEn', MAX_TITLE);
		if (!titleEn) errors.titleEn = titleEn === '' ? m.editor_field_required() : m.editor_field_too_long({ max: MAX_TITLE });
		const minutes = /^\d{1,3}$/.test(values.minutes.trim()) ? Number(values.minutes) : NaN;
		if (!(minutes >= 5 && minutes <= 240)) errors.minutes = m.editor_module_minutes_invalid();
		const keep = { values, errors };
		if (Object.keys(errors).length || !title || !titleEn)
			return fail(400, { scope, ...keep, message: m.editor_module_invalid() });

		const module = moduleTemplate({ number, slug, title, titleEn, minutes });
		const result = await saveDraftChanges(getDb(), {
			slug: course.slug,
			changes: { [module.name]: module.text },
			expected: expectedDraft(form),
			userId: user.id
		});
		if (!result.ok) return refused(scope, result, keep);
		return { scope, ok: m.editor_module_added({ file: module.name }) };
	},

	removeModule: async (event) => {
		const { user, course, files } = await editorContext(event);
		const form = await event.request.formData();
		const scope = 'removeModule';
		const modules = modulesOf(files);
		const chosen = modules.find((x) => x.slug === String(form.get('module') ?? ''));
		const keep = { values: { module: chosen?.slug ?? '' } };
		if (!chosen) return fail(400, { scope, ...keep, message: m.editor_module_unknown() });
		const last = modules.at(-1)!;
		if (chosen !== last)
			return fail(400, { scope, ...keep, message: m.editor_module_not_last({ file: chosen.name, last: last.name }) });
		if (form.get('confirm') !== 'yes') return fail(400, { scope, ...keep, message: m.editor_module_confirm_missing() });
		const names = moduleFiles(Object.keys(files).map(fileName), chosen.slug);
		const result = await saveDraftChanges(getDb(), {
			slug: course.slug,
			changes: Object.fromEntries(names.map((n) => [n, null])),
			expected: expectedDraft(form),
			userId: user.id
		});
		if (!result.ok) return refused(scope, result, keep);
		return { scope, ok: m.editor_module_removed({ files: names.join(', ') }) };
	},

	createQuiz: async (event) => {
		const { user, course, files } = await editorContext(event);
		const form = await event.request.formData();
		const scope = 'createQuiz';
		const chosen = modulesOf(files).find((x) => x.slug === String(form.get('module') ?? ''));
		const keep = { values: { module: chosen?.slug ?? '' } };
		if (!chosen) return fail(400, { scope, ...keep, message: m.editor_module_unknown() });
		if (chosen.quiz) return fail(400, { scope, ...keep, message: m.editor_quiz_exists({ file: chosen.name }) });
		// The module as the draft has it: its objectives, and whether the course is an open one.
		const built = courseOf(course.slug, files);
		const module = built?.modules.find((x) => x.slug === chosen.slug);
		if (!built || !module) return fail(400, { scope, ...keep, message: m.editor_draft_invalid() });
		const name = `${chosen.slug}.quiz.yaml`;
		const result = await saveDraftChanges(getDb(), {
			slug: course.slug,
			changes: { [name]: quizTemplate(module.objectives, { selfCheck: isPublicCourse(built) }) },
			expected: expectedDraft(form),
			userId: user.id
		});
		if (!result.ok) return refused(scope, result, keep);
		return { scope, ok: m.editor_quiz_created({ file: name, count: module.objectives.length }), quizOf: chosen.slug };
	}
};
