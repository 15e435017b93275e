/**
 * npm run user:create -- --email ana@example.org --name "Ana Pérez" --role admin [--password …]
 *   [--institution "Ministerio de Justicia y Transparencia Institucional"] [--country BO]
 * Creates an active account (the first admin, typically). Without --password it asks for one
 * (hidden) or reads it from the AULA_PASSWORD environment variable.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { hashPassword, PASSWORD_MIN } from '../src/lib/server/auth/password.ts';
import { findInstitutionByName, seedInstitutions } from '../src/lib/server/institutions/repository.ts';
import { createUser, findUserByEmail, grantRole } from '../src/lib/server/users/repository.ts';
import { migrate, openDatabase } from './db.ts';

const ROLES = ['learner', 'trainer', 'coordinator', 'council', 'admin'] as const;

function fail(message: string): never {
	console.error(`user:create: ${message}`);
	process.exit(2);
}

const { values } = parseArgs({
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		role: { type: 'string', default: 'learner' },
		password: { type: 'string' },
		institution: { type: 'string' },
		country: { type: 'string', default: 'BO' }
	}
});

if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) fail('--email is required and must be an email address');
if (!values.name || values.name.trim().length < 2) fail('--name is required');
const role = values.role as (typeof ROLES)[number];
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
const country = values.country === 'PE' ? 'PE' : values.country === 'BO' ? 'BO' : fail('--country must be BO or PE');

async function askPassword(): Promise<string> {
	if (process.env.AULA_PASSWORD) return process.env.AULA_PASSWORD;
	if (!process.stdin.isTTY) fail('give --password or AULA_PASSWORD when not run in a terminal');
	const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
	// Hide typed characters.
	(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
	process.stdout.write('Password: ');
	const pw = await rl.question('');
	rl.close();
	process.stdout.write('\n');
	return pw;
}

const password = values.password ?? (await askPassword());
if (password.length < PASSWORD_MIN) fail(`the password needs at least ${PASSWORD_MIN} characters`);

const db = openDatabase();
try {
	await migrate(db);
	await seedInstitutions(db);
	if (await findUserByEmail(db, values.email)) fail(`an account with ${values.email} already exists`);
	const institution = values.institution ? await findInstitutionByName(db, country, values.institution) : undefined;
	if (values.institution && !institution) fail(`no institution named "${values.institution}" in ${country}`);
	if (role === 'coordinator' && !institution) fail('a coordinator needs --institution');
	const user = await createUser(db, {
		email: values.email,
		fullName: values.name,
		passwordHash: await hashPassword(password),
		country,
		institutionId: institution?.id ?? null,
		unitId: null,
		verified: true
	});
	if (role !== 'learner') await grantRole(db, user.id, role, institution?.id ?? null, null);
	console.log(`Created ${role} ${user.email} (id ${user.id}).`);
} finally {
	await db.destroy();
}
