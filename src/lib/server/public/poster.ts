/**
 * The printable poster of an open course: a headline, the three signs of a deceptive offer from
 * course.md and a large QR code to the course (tagged with the poster's place). Pure: plain data
 * and fonts in, PDF bytes out, like the certificates.
 */
import PDFDocument from 'pdfkit';
import { drawQr, type Fonts } from '../certificates/render';
import { pdfBuffer } from '../pdf';

export const POSTER_SIZES = ['A4', 'A3'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

export type PosterDocument = {
	size: PosterSize;
	headline: string;
	signs: string[];
	/** Absolute URL the QR code holds, e.g. https://aula.gob.bo/abierto/oferta-segura?lugar=cebaf-desaguadero */
	url: string;
	labels: { signsTitle: string; scan: string; free: string; footer: string };
};

const BRAND = '#1f4e5f';
const INK = '#1b2327';
const WARN = '#8a3b12';

export function renderPosterPdf(doc: PosterDocument, fonts: Fonts): Promise<Buffer> {
	const pdf = new PDFDocument({
		size: doc.size,
		margin: 0,
		info: { Title: doc.headline, Subject: doc.url }
	});
	const done = pdfBuffer(pdf);
	pdf.registerFont('regular', fonts.regular);
	pdf.registerFont('bold', fonts.bold);
	const W = pdf.page.width;
	const H = pdf.page.height;
	// Laid out for A4 (595 pt wide); A3 is the same poster scaled up.
	const s = W / 595;
	const margin = 40 * s;
	const width = W - 2 * margin;

	pdf.rect(0, 0, W, 170 * s).fill(BRAND);
	pdf
		.font('bold')
		.fontSize(34 * s)
		.fillColor('#ffffff')
		.text(doc.headline, margin, 40 * s, {
			width,
			align: 'center',
			height: 110 * s,
			ellipsis: true
		});

	let y = 200 * s;
	pdf
		.font('bold')
		.fontSize(20 * s)
		.fillColor(WARN)
		.text(doc.labels.signsTitle, margin, y, { width });
	y = pdf.y + 10 * s;
	doc.signs.forEach((sign, i) => {
		pdf
			.font('bold')
			.fontSize(26 * s)
			.fillColor(WARN)
			.text(`${i + 1}`, margin, y, { width: 30 * s });
		pdf
			.font('regular')
			.fontSize(18 * s)
			.fillColor(INK)
			.text(sign, margin + 36 * s, y + 4 * s, { width: width - 36 * s });
		y = pdf.y + 14 * s;
	});

	// The QR code fills the lower half: it must scan from a step back, on an old phone.
	const qr = Math.min(260 * s, H - y - 150 * s);
	const qrY = Math.max(y + 10 * s, H - qr - 140 * s);
	drawQr(pdf, doc.url, (W - qr) / 2, qrY, qr);
	pdf
		.font('bold')
		.fontSize(18 * s)
		.fillColor(BRAND)
		.text(doc.labels.scan, margin, qrY + qr + 14 * s, { width, align: 'center' });
	pdf
		.font('regular')
		.fontSize(12 * s)
		.fillColor(INK)
		.text(doc.labels.free, margin, pdf.y + 4 * s, { width, align: 'center' });
	pdf
		.font('regular')
		.fontSize(10 * s)
		.fillColor(INK)
		.text(doc.url, margin, pdf.y + 4 * s, { width, align: 'center' });
	pdf
		.font('regular')
		.fontSize(9 * s)
		.fillColor('#4d5a61')
		.text(doc.labels.footer, margin, H - 30 * s, { width, align: 'center', lineBreak: false });
	pdf.end();
	return done;
}
