/**
 * The starting list of institutions: the members of Bolivia's Plurinational Council (Ley N° 263),
 * the nine departmental councils, the border and migration services, and Peru's counterparts named
 * in the binational documents. Admins edit it in Aula afterwards; the seed only adds what is missing.
 * `sector` is what course audiences are matched against.
 */
import type { Country } from '../db/schema';

export const BOLIVIA_DEPARTMENTS = [
	'Chuquisaca',
	'La Paz',
	'Cochabamba',
	'Oruro',
	'Potosí',
	'Tarija',
	'Santa Cruz',
	'Beni',
	'Pando'
] as const;

export const SECTORS = [
	'consular',
	'border',
	'police',
	'prosecution',
	'justice',
	'government',
	'social',
	'labour',
	'education',
	'health',
	'civil-society',
	'council'
] as const;
export type Sector = (typeof SECTORS)[number];

export type SeedInstitution = {
	name: string;
	shortName?: string;
	country: Country;
	sector: Sector;
	department?: string;
	units?: { name: string; department?: string }[];
};

const bo = (i: Omit<SeedInstitution, 'country'>): SeedInstitution => ({ ...i, country: 'BO' });
const pe = (i: Omit<SeedInstitution, 'country'>): SeedInstitution => ({ ...i, country: 'PE' });

export const SEED_INSTITUTIONS: SeedInstitution[] = [
	bo({ name: 'Ministerio de Justicia y Transparencia Institucional', shortName: 'MJTI', sector: 'justice' }),
	bo({
		name: 'Ministerio de Relaciones Exteriores',
		shortName: 'MRE',
		sector: 'consular',
		units: [
			{ name: 'Dirección General de Asuntos Consulares' },
			{ name: 'Consulado General en Buenos Aires' },
			{ name: 'Consulado General en São Paulo' },
			{ name: 'Consulado General en Santiago' },
			{ name: 'Consulado General en Lima' },
			{ name: 'Consulado General en Madrid' }
		]
	}),
	bo({ name: 'Ministerio de Gobierno', sector: 'government' }),
	bo({ name: 'Dirección General de Trata y Tráfico de Personas', shortName: 'DGTTP', sector: 'government' }),
	bo({
		name: 'Policía Boliviana',
		sector: 'police',
		units: BOLIVIA_DEPARTMENTS.map((d) => ({
			name: `División Trata y Tráfico de Personas – FELCC ${d}`,
			department: d
		}))
	}),
	bo({
		name: 'Dirección General de Migración',
		shortName: 'DIGEMIG',
		sector: 'border',
		units: [
			{ name: 'Puesto fronterizo Desaguadero', department: 'La Paz' },
			{ name: 'Puesto fronterizo Kasani', department: 'La Paz' },
			{ name: 'Puesto fronterizo Villazón', department: 'Potosí' },
			{ name: 'Puesto fronterizo Yacuiba', department: 'Tarija' },
			{ name: 'Puesto fronterizo Guayaramerín', department: 'Beni' },
			{ name: 'Puesto fronterizo Puerto Suárez', department: 'Santa Cruz' },
			{ name: 'Aeropuerto Internacional El Alto', department: 'La Paz' },
			{ name: 'Aeropuerto Internacional Viru Viru', department: 'Santa Cruz' }
		]
	}),
	bo({ name: 'Ministerio de Trabajo, Empleo y Previsión Social', shortName: 'MTEPS', sector: 'labour' }),
	bo({ name: 'Ministerio de Educación', sector: 'education' }),
	bo({ name: 'Ministerio de Comunicación', sector: 'government' }),
	bo({ name: 'Ministerio de Salud y Deportes', sector: 'health' }),
	bo({ name: 'Ministerio de Planificación del Desarrollo', sector: 'government' }),
	bo({ name: 'Ministerio de Economía y Finanzas Públicas', sector: 'government' }),
	bo({
		name: 'Ministerio Público – Fiscalía General del Estado',
		shortName: 'FGE',
		sector: 'prosecution',
		units: BOLIVIA_DEPARTMENTS.map((d) => ({ name: `Fiscalía Departamental de ${d}`, department: d }))
	}),
	bo({ name: 'Defensoría del Pueblo', sector: 'justice' }),
	bo({ name: 'Sociedad civil organizada', sector: 'civil-society' }),
	...BOLIVIA_DEPARTMENTS.map((d) =>
		bo({
			name: `Consejo Departamental contra la Trata y Tráfico de Personas de ${d}`,
			sector: 'council',
			department: d
		})
	),
	pe({ name: 'Ministerio del Interior', shortName: 'MININTER', sector: 'government' }),
	pe({ name: 'Ministerio de la Mujer y Poblaciones Vulnerables', shortName: 'MIMP', sector: 'social' }),
	pe({ name: 'Policía Nacional del Perú', shortName: 'PNP', sector: 'police' }),
	pe({ name: 'Ministerio Público – Fiscalía de la Nación', sector: 'prosecution' }),
	pe({ name: 'Ministerio de Relaciones Exteriores', shortName: 'RREE', sector: 'consular' }),
	pe({ name: 'Poder Judicial', sector: 'justice' }),
	pe({
		name: 'Superintendencia Nacional de Fiscalización Laboral',
		shortName: 'SUNAFIL',
		sector: 'labour'
	}),
	pe({
		name: 'Superintendencia de Transporte Terrestre de Personas, Carga y Mercancías',
		shortName: 'SUTRAN',
		sector: 'border'
	}),
	pe({ name: 'Ministerio de Comercio Exterior y Turismo', shortName: 'MINCETUR', sector: 'government' }),
	pe({ name: 'Superintendencia Nacional de Migraciones', sector: 'border' }),
	pe({
		name: 'Comisión Multisectorial contra la Trata de Personas y el Tráfico Ilícito de Migrantes',
		shortName: 'CMNP TP-TIM',
		sector: 'council'
	})
];
