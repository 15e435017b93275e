import { describe, expect, it } from 'vitest';
import { contactsBlock, contactsHtml } from './contacts';

describe('contact text', () => {
	it('escapes every tag and attribute an admin might type', () => {
		const html = contactsHtml('<script>alert(1)</script> <img src=x onerror="y"> & \'q\'');
		expect(html).toBe(
			'<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;y&quot;&gt; &amp; &#39;q&#39;</p>'
		);
	});

	it('keeps the tiny Markdown subset: paragraphs, line breaks, bold and https/tel/mailto links', () => {
		expect(
			contactsHtml('Línea **156**\n[Llamar](tel:156)\n\n[Web](https://example.gob.bo/ayuda)')
		).toBe(
			'<p>Línea <strong>156</strong><br><a href="tel:156">Llamar</a></p><p><a href="https://example.gob.bo/ayuda">Web</a></p>'
		);
	});

	it('leaves other link schemes as text', () => {
		expect(contactsHtml('[x](javascript:alert(1)) [y](http://a.b)')).not.toContain('<a');
	});

	it('shows each country that has a text, or the neutral line when none has', () => {
		const both = contactsBlock(
			new Map([
				['BO', 'Bolivia: **A**'],
				['PE', '']
			]),
			'es'
		);
		expect(both).toContain('<h3>Bolivia</h3><p>Bolivia: <strong>A</strong></p>');
		expect(both).not.toContain('Perú');
		expect(contactsBlock(new Map(), 'es')).toContain(
			'Pregunta en la oficina de Migración o en la Policía más cercana.'
		);
	});
});
