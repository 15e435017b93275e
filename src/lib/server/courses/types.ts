/**
 * The course model as loaded from content/courses/<slug>/ (see docs/authoring.md).
 * Server-only: quizzes carry their answers.
 */
import { SECTORS } from '../institutions/seed-data';

/**
 * Who a course is for: the institution sectors, or every public servant (`all`), or anyone
 * without an account (`public`: an open course under /abierto, never combined with the others).
 */
export const AUDIENCES = [...SECTORS, 'all', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Open courses (`audience: [public]`) are read by anyone under /abierto, never enrolled in. */
export const isPublicCourse = (c: { audience: readonly Audience[] }) =>
	c.audience.includes('public');

/** Languages a module of an open course may be translated into (`NN-slug.qu.md` beside it). */
export const TRANSLATION_LANGUAGES = ['qu', 'ay', 'gn'] as const;
export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number];

/** A translation file of a module; only a reviewed one is ever shown. */
export type ModuleTranslation = {
	language: TranslationLanguage;
	title: string;
	reviewed: boolean;
	reviewedBy: string | null;
	/** Repository-relative path, e.g. `content/courses/oferta-segura/01-senales.qu.md`. */
	file: string;
};

/** The printable poster of an open course (`poster:` in course.md). */
export type Poster = {
	/** A shorter headline than the course title, or null to use the title. */
	title: string | null;
	/** Exactly three signs of a deceptive offer, each at most 90 characters. */
	signs: string[];
};

export type QuizSettings = {
	passingScore: number; // percent, 1..100
	maxAttempts: number; // 0 = unlimited
	timeLimitMinutes: number; // 0 = none
	drawCount: number; // 0 = all questions
	shuffleQuestions: boolean;
	shuffleOptions: boolean;
	/**
	 * When correct answers reach the learner (see docs/authoring.md):
	 * - `objectives` (default): after a failed attempt only the objectives missed, with links to
	 *   the module sections; the full review once the module is passed or the attempts are used up;
	 * - `after-attempt`: the full review after every attempt;
	 * - `after-pass`: the full review only once passed;
	 * - `never`: scores only.
	 */
	feedback: 'objectives' | 'after-attempt' | 'after-pass' | 'never';
	scoring: 'highest' | 'last';
};

export type Option = { id: string; text: string; correct: boolean; feedback: string | null };

/**
 * `objective`: the 1-based number of the module objective the question examines (`objective: 2`
 * in the quiz file); absent when the author gave none. Sub-questions of a case take the case's.
 */
type Base = { id: string; prompt: string; explanation: string; objective?: number };
export type SingleQuestion = Base & { type: 'single'; options: Option[] };
export type MultipleQuestion = Base & {
	type: 'multiple';
	scoring: 'partial' | 'all-or-nothing';
	options: Option[];
};
export type TrueFalseQuestion = Base & { type: 'truefalse'; answer: boolean };
export type MatchingQuestion = Base & {
	type: 'matching';
	pairs: { id: string; left: string; right: string }[];
};
/** `items` are listed in the correct order. */
export type OrderingQuestion = Base & { type: 'ordering'; items: { id: string; text: string }[] };
export type ShortQuestion = Base & { type: 'short'; accept: string[] };

/** Every question type that is graded by itself. */
export type GradableQuestion =
	| SingleQuestion
	| MultipleQuestion
	| TrueFalseQuestion
	| MatchingQuestion
	| OrderingQuestion
	| ShortQuestion;

/** A scenario with sub-questions; each sub-question is graded. */
export type CaseQuestion = {
	id: string;
	type: 'case';
	scenario: string;
	prompt: string | null;
	explanation: string | null;
	objective?: number;
	questions: GradableQuestion[];
};

export type Question = GradableQuestion | CaseQuestion;
export type QuestionType = Question['type'];

export type Quiz = { file: string; settings: QuizSettings; questions: Question[] };

/**
 * A learning objective of a module. `section` is the text of the module heading (`##`/`###`) that
 * teaches it; the quiz links there when the objective is missed.
 */
export type ModuleObjective = { text: string; section: string | null };

export type Module = {
	/** File name without extension, e.g. `01-conceptos`; used in URLs and progress records. */
	slug: string;
	number: number;
	title: string;
	titleEn: string | null;
	minutes: number;
	objectives: ModuleObjective[];
	/** Repository-relative path, e.g. `content/courses/frontera/01-conceptos.md`. */
	file: string;
	quiz: Quiz | null;
	/** Translation files of the module, reviewed or not. */
	translations: ModuleTranslation[];
};

/** A module that has a quiz (the quiz page, attempts and grading need one). */
export type QuizModule = Module & { quiz: Quiz };

export type Course = {
	slug: string;
	title: string;
	summary: string;
	titleEn: string | null;
	summaryEn: string | null;
	language: 'es' | 'en';
	hours: number;
	audience: Audience[];
	enrolment: 'open' | 'coordinator' | 'key';
	passing: { rule: 'all-modules' };
	prerequisites: string[];
	/** Open courses only: the poster's data. */
	poster: Poster | null;
	/** Derived from the content of every file of the course: changes whenever any of them does. */
	version: string;
	/** Markdown body of course.md (the presentation shown on the course page). */
	body: string;
	file: string;
	modules: Module[];
};

/** A finding of the content validator, pointing at the file and line a trainer must fix. */
export type ContentIssue = {
	file: string;
	line: number;
	severity: 'error' | 'warning';
	message: string;
};
