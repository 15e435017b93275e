// The published courses load without errors and have the shape our training standard asks: the
// three courses for public servants, and the open prevention course (short self-check quizzes).
import { describe, expect, it } from 'vitest';
import { loadCourses } from '../../src/lib/server/courses/load';
import { isPublicCourse } from '../../src/lib/server/courses/types';
import { readCourseFiles } from '../../src/lib/server/courses/read-files';

const { courses, issues } = loadCourses(readCourseFiles('content/courses'));

describe('content/courses', () => {
	it('has no content errors', () => {
		expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
	});

	const training = courses.filter((c) => !isPublicCourse(c));

	it('holds the three training courses and the open prevention course', () => {
		expect(training.map((c) => c.slug)).toEqual([
			'asistencia-consular',
			'frontera',
			'ley-263-policia'
		]);
		expect(courses.filter(isPublicCourse).map((c) => c.slug)).toEqual([
			'oferta-segura'
		]);
	});

	it.each(training.map((c) => [c.slug, c] as const))(
		'%s has 4–6 modules, each with a quiz of 8+ questions',
		(_, course) => {
			expect(course.modules.length).toBeGreaterThanOrEqual(4);
			expect(course.modules.length).toBeLessThanOrEqual(6);
			for (const module of course.modules) {
				expect(module.quiz, module.file).not.toBeNull();
				expect(module.quiz?.questions.length, module.file).toBeGreaterThanOrEqual(8);
			}
		}
	);
});
