import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { guardFormData, hasBadUrlBytes, MAX_FORM_FIELDS } from './request';

const post = (body: BodyInit, contentType?: string) => {
	const request = new Request('http://aula.test/ingresar', {
		method: 'POST',
		body,
		headers: contentType ? { 'content-type': contentType } : {}
	});
	guardFormData(request);
	return request;
};

async function statusOf(request: Request): Promise<number | 'ok'> {
	try {
		await request.formData();
		return 'ok';
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

const multipart = (boundary: string, body: string) =>
	post(body.replace(/\n/g, '\r\n'), `multipart/form-data; boundary=${boundary}`);

describe('guardFormData', () => {
	it('lets ordinary forms through, and a second read returns the same form', async () => {
		const request = post(
			new URLSearchParams({ email: 'ana@example.org', note: 'línea 1\r\nlínea 2' })
		);
		const form = await request.formData();
		expect(form.get('note')).toBe('línea 1\r\nlínea 2');
		expect(await request.formData()).toBe(form);
		expect(
			await statusOf(
				multipart('xyz', '--xyz\nContent-Disposition: form-data; name="a"\n\n1\n--xyz--\n')
			)
		).toBe('ok');
	});

	it.each([
		['text/plain', () => post('email=a@b.c', 'text/plain')],
		['no content type', () => post(new Blob(['email=a']))],
		['multipart without boundary', () => post('--x\r\n', 'multipart/form-data')],
		[
			'multipart with a wrong boundary',
			() => multipart('other', '--xyz\nContent-Disposition: form-data; name="a"\n\n1\n--xyz--\n')
		],
		[
			'truncated multipart',
			() => multipart('xyz', '--xyz\nContent-Disposition: form-data; name="a"\n\n1')
		],
		['empty multipart', () => multipart('xyz', '')],
		[
			'a part without a name',
			() => multipart('xyz', '--xyz\nContent-Disposition: form-data\n\n1\n--xyz--\n')
		],
		['a NUL byte in a field', () => post(new URLSearchParams({ fullName: 'a\u0000b' }))],
		[
			'an escape character in a field',
			() => post(new URLSearchParams({ fullName: 'a\u001b[31mb' }))
		],
		[
			'too many fields',
			() => post('enrolmentId=1&'.repeat(MAX_FORM_FIELDS + 1), 'application/x-www-form-urlencoded')
		]
	])('answers %s with 400', async (_, make) => {
		expect(await statusOf(make())).toBe(400);
	});
});

describe('hasBadUrlBytes', () => {
	it('finds encoded control characters in the path and NUL in the query', () => {
		expect(hasBadUrlBytes(new URL('http://a/activar/abc%00def'))).toBe(true);
		expect(hasBadUrlBytes(new URL('http://a/cursos/%0A'))).toBe(true);
		expect(hasBadUrlBytes(new URL('http://a/coordinacion?q=a%00b'))).toBe(true);
		expect(hasBadUrlBytes(new URL('http://a/coordinacion?q=Mar%C3%ADa%20P%C3%A9rez'))).toBe(false);
		expect(hasBadUrlBytes(new URL('http://a/cursos/ley-263'))).toBe(false);
	});
});
