/**
 * Form parsing for actions: a zod schema whose error messages are message keys, turned into
 * `{ field: translated message }` so a page can show each error beside its field.
 */
import { z } from 'zod';
import { t } from './i18n';
import { isCalendarDate } from './input/dates';
import { parseId } from './input/ids';
import { isPersonName, isSingleLineText } from './input/text';

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

/** An id field (see input/ids): a positive integer that fits the database's integer ids. */
const id = (message: string) =>
	z
		.string({ error: message })
		.transform((v, ctx) => parseId(v) ?? (ctx.addIssue(message), z.NEVER));

/** One line of visible text: no control, line-break or bidirectional-override characters. */
const line = (max: number) =>
	z
		.string({ error: 'error_required' })
		.trim()
		.max(max, 'error_text_too_long')
		.refine(isSingleLineText, 'error_text_one_line');

// Reusable field schemas. Messages are keys in messages/*.json.
export const fields = {
	email: z
		.string({ error: 'error_required' })
		.trim()
		.toLowerCase()
		.min(1, 'error_required')
		.max(254, 'error_email_invalid')
		.pipe(z.email('error_email_invalid')),
	// Names are quoted in mails and pages: letters and the punctuation names use, nothing that reads as a link.
	fullName: z
		.string({ error: 'error_required' })
		.trim()
		.min(2, 'error_name_length')
		.max(120, 'error_name_length')
		.refine(isPersonName, 'error_name_characters'),
	newPassword: z
		.string({ error: 'error_required' })
		.min(10, 'error_password_short')
		.max(200, 'error_password_long'),
	anyPassword: z
		.string({ error: 'error_required' })
		.min(1, 'error_required')
		.max(200, 'error_password_long'),
	country: z.enum(['BO', 'PE'], { error: 'error_country_invalid' }),
	id: id('error_required'),
	/** An id with its own message, e.g. `fields.idWith('error_institution_invalid')`. */
	idWith: id,
	optionalId: z
		.string()
		.optional()
		.transform((v, ctx) => (v ? (parseId(v) ?? (ctx.addIssue('error_required'), z.NEVER)) : null)),
	/** `YYYY-MM-DD`, a real day between 2000 and 2100. */
	date: z.string({ error: 'error_required' }).refine(isCalendarDate, 'error_date_invalid'),
	optionalDate: z
		.string()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || isCalendarDate(v), 'error_date_invalid'),
	/** A one-line text field (a title, a place); empty becomes null. */
	optionalText: (max: number) =>
		line(max)
			.optional()
			.transform((v) => v || null),
	line
};
