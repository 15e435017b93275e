/**
 * Progress through a course, computed from its module_progress rows: pure, no database. A module
 * is done when it has been read and, if it has a quiz, the quiz is passed.
 */
import type { Course, Module } from '../courses/types';
import type { ModuleProgress } from '../db/schema';

export type ModuleState = 'done' | 'read' | 'todo';

export function moduleState(module: Module, p: ModuleProgress | undefined): ModuleState {
	if (p?.completed_at) return 'done';
	return p?.read_at ? 'read' : 'todo';
}

export type CourseProgress = {
	done: number;
	total: number;
	percent: number;
	states: Record<string, ModuleState>;
	/** Where "continue" leads: the last module visited unless done, else the first not done. */
	next: Module | null;
};

export function courseProgress(
	course: Course,
	rows: ModuleProgress[],
	lastModule: string | null
): CourseProgress {
	const bySlug = new Map(rows.map((r) => [r.module_slug, r]));
	const states = Object.fromEntries(
		course.modules.map((m) => [m.slug, moduleState(m, bySlug.get(m.slug))])
	);
	const done = course.modules.filter((m) => states[m.slug] === 'done').length;
	const last = course.modules.find((m) => m.slug === lastModule && states[m.slug] !== 'done');
	return {
		done,
		total: course.modules.length,
		percent: course.modules.length ? Math.round((100 * done) / course.modules.length) : 0,
		states,
		next: last ?? course.modules.find((m) => states[m.slug] !== 'done') ?? null
	};
}

/** Modules not yet marked done whose conditions now hold: read, and passed if they have a quiz. */
export function modulesNowDone(course: Course, rows: ModuleProgress[]): Module[] {
	const bySlug = new Map(rows.map((r) => [r.module_slug, r]));
	return course.modules.filter((m) => {
		const p = bySlug.get(m.slug);
		return p && !p.completed_at && p.read_at && (!m.quiz || p.passed_at);
	});
}

/** The course's final score: the mean of its quizzes' counting percents, as a 0–1 fraction. */
export function finalScore(course: Course, rows: ModuleProgress[]): number | null {
	const bySlug = new Map(rows.map((r) => [r.module_slug, r]));
	const scores = course.modules
		.filter((m) => m.quiz)
		.map((m) => bySlug.get(m.slug)?.quiz_percent)
		.filter((x): x is number => typeof x === 'number');
	return scores.length
		? Math.round((100 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 100
		: null;
}
