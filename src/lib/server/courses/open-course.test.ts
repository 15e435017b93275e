// Open courses in the content loader: `audience: [public]`, the poster block and translation files.
import { describe, expect, it } from 'vitest';
import { loadCourses } from './load';
import { readCourseFiles } from './read-files';

const FIXTURES = 'tests/fixtures/content';
const load = (fixture: string) => loadCourses(readCourseFiles(`${FIXTURES}/${fixture}`));
const messages = (fixture: string, severity: 'error' | 'warning') =>
	load(fixture)
		.issues.filter((i) => i.severity === severity)
		.map((i) => `${i.file.replace(`${FIXTURES}/${fixture}/`, '')}:${i.line} ${i.message}`);

describe('the open fixture course', () => {
	const { courses, issues } = load('open-course');
	const course = courses[0];

	it('loads without errors, with its poster and its translations', () => {
		expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
		expect(course.audience).toEqual(['public']);
		expect(course.hours).toBe(0.3);
		expect(course.poster).toEqual({
			title: '¿Oferta de trabajo en el extranjero?',
			signs: [
				'Le pagan el pasaje y le piden sus documentos.',
				'El sueldo es demasiado bueno para el trabajo que ofrecen.',
				'No hay contrato escrito ni dirección de la empresa.'
			]
		});
	});

	it('pairs each translation file with its module, reviewed or not', () => {
		const [senales, ayuda] = course.modules;
		expect(senales.translations).toEqual([
			{
				language: 'qu',
				title: '[qu] Señales (texto de prueba)',
				reviewed: true,
				reviewedBy: 'Persona de prueba',
				file: `${FIXTURES}/open-course/abierto-prueba/01-senales.qu.md`
			}
		]);
		expect(ayuda.translations).toMatchObject([
			{ language: 'ay', reviewed: false, reviewedBy: null }
		]);
	});

	it('counts translation files in the course version', () => {
		const files = readCourseFiles(`${FIXTURES}/open-course`);
		const edited = Object.fromEntries(
			Object.entries(files).map(([k, v]) => [k, k.endsWith('.qu.md') ? `${v}\nMás.` : v])
		);
		expect(loadCourses(edited).courses[0].version).not.toBe(course.version);
	});
});

describe('open course mistakes', () => {
	it('validates the poster: exactly three signs of at most 90 characters, a short title', () => {
		expect(messages('poster-bad', 'error')).toEqual([
			'curso/course.md:8 El título del afiche («poster.title») tiene 74 caracteres; acórtelo a 60 como máximo.',
			'curso/course.md:9 El afiche lleva exactamente tres señales («poster.signs»); ahora hay 4.',
			'curso/course.md:11 Esta señal del afiche tiene 98 caracteres; acórtela a 90 como máximo para que se lea de lejos.'
		]);
	});

	it('refuses public combined with other audiences, and warns when an open course has no poster', () => {
		expect(messages('public-bad', 'error')).toEqual([
			'mezclado/course.md:6 «audience: public» es un curso abierto para cualquier persona y no se combina con otros públicos: deje solo [public], o quite public.'
		]);
		expect(messages('public-bad', 'warning')).toContain(
			'sin-afiche/course.md:1 El curso abierto no tiene bloque «poster» con tres «signs»: no se podrá imprimir su afiche.'
		);
	});

	it('asks who reviewed a reviewed translation, and refuses a translation of no module', () => {
		expect(messages('translation-bad', 'error')).toEqual([
			'curso/01-inicio.qu.md:3 Una traducción revisada («reviewed: true») necesita «reviewedBy» con el nombre de quien la revisó.',
			'curso/03-no-existe.gn.md:1 Esta traducción no corresponde a ningún módulo: no existe 03-no-existe.md en la carpeta del curso. Se llama como su módulo más el idioma, por ejemplo 01-conceptos.qu.md.'
		]);
	});
});
