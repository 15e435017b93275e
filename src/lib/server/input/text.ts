/**
 * Text from forms and files. PostgreSQL refuses a NUL byte in text (`invalid byte sequence for
 * encoding "UTF8": 0x00`) while SQLite stores it; other control characters are invisible junk in
 * names and mails. Both databases should see the same, clean text.
 */

// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
// Line and paragraph separators, bidirectional overrides and other format characters that
// reorder or hide what a reader sees.
const SINGLE_LINE_JUNK = /[\t\n\r\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]/;

/** True when `value` holds a control character (tab and line breaks are allowed). */
export function hasControlChars(value: string): boolean {
	return CONTROL.test(value);
}

/** `value` without control characters (tab and line breaks kept): for text read from uploaded files. */
export function stripControlChars(value: string): string {
	return value.replace(CONTROL_ALL, '');
}

/** True when a one-line field (a name, a title) holds anything but visible text and spaces. */
export function isSingleLineText(value: string): boolean {
	return !CONTROL.test(value) && !SINGLE_LINE_JUNK.test(value);
}

/**
 * A person's name: letters (any script, with accents), spaces and the punctuation names use
 * (`.`, `'`, `’`, `-`, `,`). Keeps links, digits and `:` out of names, which mails quote.
 * `isPersonName("María-José O'Neil")` → true; `isPersonName('Aviso: ingrese a http://evil.example')` → false.
 */
export function isPersonName(value: string): boolean {
	return /^[\p{L}\p{M}][\p{L}\p{M} .'’,-]*$/u.test(value) && !/\s{2,}/.test(value);
}
