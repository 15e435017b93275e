import { describe, expect, it } from 'vitest';
import { courseOfPath } from './guard';

describe('courseOfPath', () => {
	it('names the course of a course page, a module and a quiz', () => {
		expect(courseOfPath('/cursos/ley-263-policia')).toBe('ley-263-policia');
		expect(courseOfPath('/cursos/frontera/01-intro')).toBe('frontera');
		expect(courseOfPath('/cursos/frontera/01-intro/evaluacion')).toBe('frontera');
	});
	it('names none elsewhere, or for what cannot be a course slug', () => {
		expect(courseOfPath('/cursos')).toBeUndefined();
		expect(courseOfPath('/cursos/')).toBeUndefined();
		expect(courseOfPath('/contenido/frontera')).toBeUndefined();
		expect(courseOfPath('/cursos/Frontera')).toBeUndefined();
		expect(courseOfPath(`/cursos/${'a'.repeat(101)}`)).toBeUndefined();
	});
});
