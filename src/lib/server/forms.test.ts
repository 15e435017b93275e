import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fields, parseForm } from './forms';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.set(k, v);
	return f;
};

const Signup = z.object({
	email: fields.email,
	password: fields.newPassword,
	country: fields.country
});

describe('parseForm', () => {
	it('normalises valid input', () => {
		const r = parseForm(
			Signup,
			form({ email: '  Ana@Example.ORG ', password: 'diez caracteres', country: 'PE' })
		);
		expect(r).toEqual({
			ok: true,
			data: { email: 'ana@example.org', password: 'diez caracteres', country: 'PE' }
		});
	});

	it('answers each bad field with a Spanish message, one per field', () => {
		const r = parseForm(Signup, form({ email: 'no-es-correo', password: 'corta', country: 'AR' }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.email).toMatch(/correo electrónico válido/);
		expect(r.errors.password).toMatch(/al menos 10 caracteres/);
		expect(r.errors.country).toBe('Elija Bolivia o Perú.');
	});

	it('treats missing fields as required rather than crashing', () => {
		const r = parseForm(Signup, form({}));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['country', 'email', 'password']);
	});

	it('rejects over-long passwords and ids that are not positive integers', () => {
		const Ids = z.object({ id: fields.optionalId, password: fields.newPassword });
		const r = parseForm(Ids, form({ id: '1.5', password: 'x'.repeat(201) }));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['id', 'password']);
		expect(parseForm(Ids, form({ id: '', password: 'x'.repeat(12) }))).toEqual({
			ok: true,
			data: { id: null, password: 'x'.repeat(12) }
		});
	});

	it('refuses ids past the integer column, names that read as a message, and multi-line one-line fields', () => {
		const Form = z.object({
			id: fields.id,
			fullName: fields.fullName,
			place: fields.optionalText(50)
		});
		const r = parseForm(
			Form,
			form({
				id: '999999999999999999999',
				fullName: 'Aviso: ingrese a http://evil.example',
				place: 'a\nb'
			})
		);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors.id).toBe('Este campo es obligatorio.');
			expect(r.errors.fullName).toMatch(/solo con letras/);
			expect(r.errors.place).toMatch(/una sola línea/);
		}
		expect(
			parseForm(
				Form,
				form({ id: '2147483647', fullName: "María-José O'Neil", place: 'Desaguadero' })
			)
		).toEqual({
			ok: true,
			data: { id: 2147483647, fullName: "María-José O'Neil", place: 'Desaguadero' }
		});
	});
});
