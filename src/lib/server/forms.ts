/**
 * Form parsing for actions: a zod schema whose error messages are message keys, turned into
 * `{ field: translated message }` so a page can show each error beside its field.
 */
import { z } from 'zod';
import { t } from './i18n';

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Plain object from FormData: one string per field (the last one wins); files are ignored. */
export function formObject(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string') out[k] = v;
	return out;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): Parsed<z.infer<S>> {
	const result = schema.safeParse(formObject(form));
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= t(issue.message);
	}
	return { ok: false, errors };
}

// Reusable field schemas. Messages are keys in messages/*.json.
export const fields = {
	email: z
		.string({ error: 'error_required' })
		.trim()
		.toLowerCase()
		.min(1, 'error_required')
		.max(254, 'error_email_invalid')
		.pipe(z.email('error_email_invalid')),
	fullName: z.string({ error: 'error_required' }).trim().min(2, 'error_name_length').max(120, 'error_name_length'),
	newPassword: z
		.string({ error: 'error_required' })
		.min(10, 'error_password_short')
		.max(200, 'error_password_long'),
	anyPassword: z.string({ error: 'error_required' }).min(1, 'error_required').max(200, 'error_password_long'),
	country: z.enum(['BO', 'PE'], { error: 'error_country_invalid' }),
	id: z.coerce.number({ error: 'error_required' }).int().positive(),
	optionalId: z
		.string()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || (Number.isInteger(v) && v > 0), 'error_required'),
	optionalText: (max: number) =>
		z
			.string()
			.trim()
			.max(max, 'error_text_too_long')
			.optional()
			.transform((v) => v || null)
};
