import { describe, expect, it } from 'vitest';
import { loadCourses } from './load';
import { readCourseFiles } from './read-files';
import type { ContentIssue } from './types';

// Each folder of tests/fixtures/content holds one or more courses with one kind of mistake.
const FIXTURES = 'tests/fixtures/content';
const filesOf = (fixture: string) => readCourseFiles(`${FIXTURES}/${fixture}`);

/** Issues of one severity, with file names relative to the fixture folder. */
function found(fixture: string, severity: ContentIssue['severity'], files = filesOf(fixture)) {
	return loadCourses(files)
		.issues.filter((i) => i.severity === severity)
		.map((i) => ({ ...i, file: i.file.replace(`${FIXTURES}/${fixture}/`, '') }));
}

type Expected = [file: string, line: number, fragment: string];

const ERRORS: [fixture: string, expected: Expected[]][] = [
	[
		'missing-course-fields',
		[
			['curso/course.md', 2, 'Falta el dato «title» en la ficha del curso'],
			['curso/course.md', 2, 'Falta el dato «summary»'],
			['curso/course.md', 2, 'Falta el dato «hours»'],
			['curso/course.md', 2, 'Falta el dato «audience»'],
			['curso/course.md', 2, 'Falta el dato «enrolment»'],
			['curso/course.md', 2, 'Falta el dato «language»']
		]
	],
	[
		'missing-module-fields',
		[
			['curso/01-unico.md', 2, 'Falta el dato «title» en la ficha del módulo'],
			['curso/01-unico.md', 2, 'Falta el dato «minutes»'],
			['curso/01-unico.md', 2, 'Falta el dato «objectives»']
		]
	],
	[
		'missing-settings-fields',
		[
			['curso/01-unico.quiz.yaml', 1, 'Falta el dato «settings.passingScore» en el cuestionario'],
			['curso/01-unico.quiz.yaml', 1, 'Falta el dato «settings.scoring»']
		]
	],
	[
		'bad-values',
		[
			[
				'curso/course.md',
				5,
				'«hours» en la ficha del curso debe ser un número entre 1 y 40; ahora es 50'
			],
			[
				'curso/01-unico.md',
				3,
				'«minutes» en la ficha del módulo debe ser un número entero entre 5 y 240; ahora es "cuarenta"'
			],
			[
				'curso/01-unico.quiz.yaml',
				2,
				'«settings.passingScore» en el cuestionario debe ser un número entero entre 1 y 100; ahora es 0'
			],
			[
				'curso/01-unico.quiz.yaml',
				3,
				'«settings.maxAttempts» en el cuestionario debe ser un número entero igual o mayor que 0'
			],
			[
				'curso/01-unico.quiz.yaml',
				6,
				'«settings.shuffleQuestions» en el cuestionario debe ser true o false'
			],
			['curso/01-unico.quiz.yaml', 8, 'valor que no existe: "siempre"']
		]
	],
	['unknown-audience', [['curso/course.md', 6, 'El público "migracion" de «audience» no existe']]],
	[
		'unknown-enrolment',
		[
			[
				'curso/course.md',
				7,
				'«enrolment» en la ficha del curso tiene un valor que no existe: "abierto"'
			]
		]
	],
	[
		'missing-translation',
		[
			['curso/course.md', 12, 'Falta el dato «translations.en.summary» en la ficha del curso'],
			['curso/01-unico.md', 2, 'Falta el dato «translations.en.title» en la ficha del módulo']
		]
	],
	[
		'numbering-gap',
		[['curso/04-cuatro.md', 1, 'Falta el módulo 03: la numeración pasa de 02 a 04']]
	],
	[
		'numbering-duplicate',
		[['curso/02-otro.md', 1, 'Hay dos módulos con el número 02: 02-dos.md y 02-otro.md']]
	],
	[
		'bad-module-name',
		[['curso/2_dos.md', 1, 'El nombre del archivo "2_dos.md" no es válido para un módulo']]
	],
	[
		'quiz-without-module',
		[['curso/02-otro.quiz.yaml', 1, 'no corresponde a ningún módulo: no existe 02-otro.md']]
	],
	[
		'invalid-yaml',
		[
			// Frontmatter lines count from the top of the .md file (line 1 is the opening ---).
			['curso/01-unico.md', 2, 'hay un texto con «: » sin comillas'],
			['curso/01-unico.quiz.yaml', 19, 'Error de formato en esta línea']
		]
	],
	['unclosed-frontmatter', [['curso/01-unico.md', 1, 'La ficha no está cerrada']]],
	[
		'unknown-question-type',
		[
			[
				'curso/01-unico.quiz.yaml',
				17,
				'«type» en la pregunta "pregunta-dos" tiene un valor que no existe: "essay"'
			]
		]
	],
	[
		'question-ids',
		[
			['curso/01-unico.quiz.yaml', 16, 'Falta el dato «id» en la pregunta n.º 2'],
			['curso/01-unico.quiz.yaml', 24, 'El id de pregunta "pregunta-uno" ya se usó en la línea 11']
		]
	],
	[
		'duplicate-entry-ids',
		[
			[
				'curso/01-unico.quiz.yaml',
				22,
				'El id "a" se repite en «options» de la pregunta "opciones" (ya se usó en la línea 20)'
			],
			['curso/01-unico.quiz.yaml', 29, 'El id "p1" se repite en «pairs» de la pregunta "parejas"'],
			['curso/01-unico.quiz.yaml', 38, 'El id "s2" se repite en «items» de la pregunta "elementos"']
		]
	],
	[
		'single-correct',
		[
			[
				'curso/01-unico.quiz.yaml',
				16,
				'La pregunta "ninguna-correcta" (tipo single) no tiene ninguna opción marcada con correct: true'
			],
			[
				'curso/01-unico.quiz.yaml',
				24,
				'La pregunta "dos-correctas" (tipo single) tiene 2 opciones marcadas con correct: true; debe tener exactamente una'
			]
		]
	],
	[
		'multiple-correct',
		[
			[
				'curso/01-unico.quiz.yaml',
				16,
				'La pregunta "una-correcta" (tipo multiple) tiene 1 opción marcada con correct: true; debe tener al menos 2'
			]
		]
	],
	[
		'truefalse-answer',
		[
			[
				'curso/01-unico.quiz.yaml',
				19,
				'«answer» en la pregunta "respuesta-texto" debe ser true o false; ahora es "no"'
			],
			['curso/01-unico.quiz.yaml', 21, 'Falta el dato «answer» en la pregunta "sin-respuesta"']
		]
	],
	[
		'short-accept',
		[['curso/01-unico.quiz.yaml', 16, 'Falta el dato «accept» en la pregunta "sin-accept"']]
	],
	[
		'matching-pairs',
		[
			[
				'curso/01-unico.quiz.yaml',
				16,
				'La pregunta "una-pareja" (tipo matching) tiene 1 pareja; necesita al menos 2'
			]
		]
	],
	[
		'ordering-items',
		[
			[
				'curso/01-unico.quiz.yaml',
				16,
				'La pregunta "un-elemento" (tipo ordering) tiene 1 elemento; necesita al menos 2'
			]
		]
	],
	[
		'case-structure',
		[
			['curso/01-unico.quiz.yaml', 16, 'El caso "caso-vacio" no tiene preguntas'],
			[
				'curso/01-unico.quiz.yaml',
				23,
				'La pregunta "caso-interno" (tipo case) está dentro de otro caso'
			]
		]
	],
	[
		'draw-count',
		[
			['curso/01-unico.quiz.yaml', 5, 'drawCount es 5, pero el cuestionario solo tiene 1 pregunta'],
			// …and its one question examines no objective, so no draw can cover the module.
			['curso/01-unico.quiz.yaml', 5, 'no puede examinar todos los objetivos del módulo']
		]
	],
	[
		'objective-format',
		[
			[
				'curso/01-inicio.md',
				6,
				'La sección "Definiciones" del objetivo n.º 1 no es ningún apartado'
			],
			['curso/01-inicio.md', 7, 'Falta el dato «text» en el objetivo n.º 2 de «objectives»'],
			['curso/01-inicio.md', 8, 'debe ser un texto o un grupo con «text:»; este es 42']
		]
	],
	[
		'objective-range',
		[
			[
				'curso/01-inicio.quiz.yaml',
				43,
				'La pregunta "fases" examina el objetivo n.º 3, pero el módulo 01-inicio.md tiene 2 objetivos'
			],
			// A case sub-question may name its own objective.
			[
				'curso/01-inicio.quiz.yaml',
				74,
				'La pregunta "caso-llamada-indicador" examina el objetivo n.º 4'
			]
		]
	],
	[
		'draw-coverage',
		[['curso/01-inicio.quiz.yaml', 5, 'drawCount es 2, pero el módulo tiene 3 objetivos']]
	],
	[
		'broken-link',
		[
			[
				'curso/01-unico.md',
				14,
				'El enlace «./02-indicadores.md» no lleva a ningún módulo de este curso'
			],
			['curso/01-unico.md', 14, 'El enlace «01-unico.md» no lleva a ningún módulo']
		]
	],
	[
		'unknown-component',
		[
			['curso/01-unico.md', 14, 'La etiqueta <Nota> no está permitida'],
			['curso/01-unico.md', 20, '¿Quiso decir <Callout>?'],
			['curso/01-unico.md', 26, 'El valor type="tip" de <Callout> no existe'],
			['curso/01-unico.md', 32, 'Falta el atributo def="…" en <Term>'],
			['curso/01-unico.md', 32, 'Falta la etiqueta de cierre </Source>']
		]
	],
	[
		'unknown-prerequisite',
		[['curso/course.md', 10, 'El curso previo "inexistente" de «prerequisites» no existe']]
	],
	[
		'answers-in-frontmatter',
		[
			['curso/course.md', 11, 'La ficha no puede contener «correct»'],
			['curso/01-unico.md', 10, 'La ficha no puede contener «questions»'],
			['curso/01-unico.md', 12, 'La ficha no puede contener «answer»']
		]
	],
	['missing-course-file', [['curso/course.md', 1, 'Falta el archivo course.md']]]
];

describe('loadCourses on bad fixtures', () => {
	it.each(ERRORS)(
		'%s: reports exactly the expected errors, with file and line',
		(fixture, expected) => {
			const errors = found(fixture, 'error');
			for (const [file, line, fragment] of expected) {
				expect(errors).toContainEqual(
					expect.objectContaining({ file, line, message: expect.stringContaining(fragment) })
				);
			}
			expect(errors).toHaveLength(expected.length);
		}
	);

	it('warns, without an error, when module minutes are far from the course hours', () => {
		expect(found('minutes-far-from-hours', 'error')).toEqual([]);
		expect(found('minutes-far-from-hours', 'warning')).toEqual([
			expect.objectContaining({
				file: 'curso/course.md',
				line: 5,
				message: expect.stringContaining('Los módulos suman 60 minutos, muy lejos de las 4 horas')
			})
		]);
	});

	it('gives the same lines for files saved with Windows line endings and a byte-order mark', () => {
		const crlf = (fixture: string) =>
			Object.fromEntries(
				Object.entries(filesOf(fixture)).map(([k, v]) => [k, '\uFEFF' + v.replaceAll('\n', '\r\n')])
			);
		expect(found('good', 'error', crlf('good'))).toEqual([]);
		expect(found('bad-values', 'error', crlf('bad-values')).map((i) => i.line)).toEqual(
			found('bad-values', 'error').map((i) => i.line)
		);
	});
});

describe('loadCourses on the good fixture', () => {
	const files = filesOf('good');
	const { courses, issues } = loadCourses(files);
	const basico = courses.find((c) => c.slug === 'basico');
	const avanzado = courses.find((c) => c.slug === 'avanzado');

	it('finds nothing to report', () => {
		expect(issues).toEqual([]);
		expect(courses.map((c) => c.slug)).toEqual(['avanzado', 'basico']);
	});

	it('models the course file', () => {
		expect(basico).toMatchObject({
			title: 'Curso básico de prueba',
			titleEn: 'Basic test course',
			summaryEn: 'A minimal, correct course for the validator tests.',
			language: 'es',
			hours: 1,
			audience: ['consular', 'border'],
			enrolment: 'open',
			passing: { rule: 'all-modules' },
			prerequisites: [],
			file: `${FIXTURES}/good/basico/course.md`
		});
		expect(basico?.body).toMatch(/^\n## A quién está dirigido\n/);
		expect(avanzado).toMatchObject({
			enrolment: 'key',
			prerequisites: ['basico'],
			passing: { rule: 'all-modules' }
		});
	});

	it('sorts modules by number and pairs each with its quiz', () => {
		const reversed = Object.fromEntries(Object.entries(files).reverse());
		const modules = loadCourses(reversed).courses.find((c) => c.slug === 'basico')?.modules ?? [];
		expect(modules.map((m) => [m.number, m.slug, m.title, m.titleEn, m.minutes])).toEqual([
			[1, '01-inicio', 'Inicio: conceptos básicos', 'Getting started: basic concepts', 30],
			[2, '02-cierre', 'Cierre', 'Wrap-up', 30]
		]);
		expect(modules[0].file).toBe(`${FIXTURES}/good/basico/01-inicio.md`);
		expect(modules[0].objectives).toEqual([
			{
				text: 'Distinguir la trata de personas del tráfico ilícito de migrantes.',
				section: null
			},
			{ text: 'Reconocer los elementos de la definición de trata.', section: 'Conceptos' }
		]);
		expect(modules[0].quiz?.file).toBe(`${FIXTURES}/good/basico/01-inicio.quiz.yaml`);
		expect(modules[1].quiz).toBeNull();
	});

	it('normalises the quiz: absent feedback is null, absent correct is false, a case may lack prompt and explanation', () => {
		const quiz = basico?.modules[0].quiz;
		expect(quiz?.settings).toEqual({
			passingScore: 70,
			maxAttempts: 3,
			timeLimitMinutes: 0,
			drawCount: 8,
			shuffleQuestions: true,
			shuffleOptions: false,
			feedback: 'after-attempt',
			scoring: 'highest'
		});
		const [single, multiple, truefalse, matching, ordering, short, kase] = quiz?.questions ?? [];
		expect(single).toEqual({
			id: 'elemento-distintivo',
			type: 'single',
			prompt: '¿Qué distingue a la trata del tráfico?',
			explanation: 'Protocolo de Palermo, art. 3.',
			objective: 1,
			options: [
				{ id: 'a', text: 'La finalidad de explotación.', correct: true, feedback: 'Correcto.' },
				{ id: 'b', text: 'El cruce de una frontera.', correct: false, feedback: null },
				{ id: 'c', text: 'El pago a un intermediario.', correct: false, feedback: null }
			]
		});
		expect(multiple).toMatchObject({ type: 'multiple', scoring: 'partial' });
		expect(truefalse).toMatchObject({ type: 'truefalse', answer: false });
		expect(matching).toMatchObject({
			type: 'matching',
			pairs: [{ id: 'p1', left: 'Captación', right: 'Oferta de empleo falsa.' }, {}, {}]
		});
		expect(ordering).toMatchObject({
			type: 'ordering',
			items: [{ id: 's1' }, { id: 's2' }, { id: 's3' }]
		});
		expect(short).toMatchObject({ type: 'short', accept: ['Ley 263', '263'] });
		expect(kase).toMatchObject({
			id: 'caso-llamada',
			type: 'case',
			scenario: 'Una mujer llama al consulado.\nSu empleadora guarda su cédula.\n',
			prompt: null,
			explanation: null,
			objective: 1,
			// Sub-questions examine the case's objective.
			questions: [
				{ id: 'caso-llamada-indicador', type: 'truefalse', answer: true, objective: 1 },
				{
					id: 'caso-llamada-respuesta',
					type: 'multiple',
					scoring: 'all-or-nothing',
					objective: 1
				}
			]
		});
		expect(quiz?.questions).toHaveLength(15);
	});

	it('versions a course by its content: stable, and changed by any edit to any of its files', () => {
		const version = basico?.version;
		expect(version).toMatch(/^[0-9a-f]{12}$/);
		expect(loadCourses(files).courses.find((c) => c.slug === 'basico')?.version).toBe(version);

		const quiz = `${FIXTURES}/good/basico/01-inicio.quiz.yaml`;
		const edited = {
			...files,
			[quiz]: files[quiz].replace('passingScore: 70', 'passingScore: 80')
		};
		const after = loadCourses(edited).courses;
		expect(after.find((c) => c.slug === 'basico')?.version).not.toBe(version);
		expect(after.find((c) => c.slug === 'avanzado')?.version).toBe(avanzado?.version);
	});

	it('accepts the keys import.meta.glob gives (leading slash) and yields the same courses', () => {
		const globbed = Object.fromEntries(Object.entries(files).map(([k, v]) => [`/${k}`, v]));
		expect(loadCourses(globbed)).toEqual({ courses, issues });
	});
});
