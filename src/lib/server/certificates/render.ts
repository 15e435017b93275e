/**
 * A certificate as an A4 landscape PDF. Pure: plain data and fonts in, bytes out — no database,
 * no request — so it can be tested, benchmarked and run in bulk (ZIP downloads).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { pdfBuffer } from '../pdf';

export type CertificateLabels = {
	title: string;
	subtitle: string;
	certifies: string;
	completed: string;
	/** Already filled in: e.g. "con una carga horaria de 5 horas, el 23 de noviembre de 2026". */
	details: string;
	institution: string;
	verify: string;
	signedNote: string;
	tagline: string;
};

export type CertificateDocument = {
	code: string;
	fullName: string;
	courseTitle: string;
	institution: string | null;
	issuer: { name: string; signatories: { name: string; post: string }[] };
	verifyUrl: string;
	/** What the QR code holds; it is drawn as vector squares (crisp in print, no PNG round trip). */
	qrText: string;
	seal: Buffer | null;
	/** Embedded in the PDF's metadata so `cert:verify` can check the file offline. */
	sealString: string;
	labels: CertificateLabels;
};

export type Fonts = { regular: Buffer; bold: Buffer };

const INK = '#1b2327';
const BRAND = '#1f4e5f';
const MUTED = '#4d5a61';

/** QR code modules as filled rectangles, one per horizontal run of dark modules. */
export function drawQr(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
	const n = qr.modules.size;
	const cell = size / n;
	for (let row = 0; row < n; row++) {
		let col = 0;
		while (col < n) {
			if (!qr.modules.get(row, col)) {
				col++;
				continue;
			}
			const start = col;
			while (col < n && qr.modules.get(row, col)) col++;
			pdf.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
		}
	}
	pdf.fillColor('#000000').fill();
}

export function renderCertificatePdf(doc: CertificateDocument, fonts: Fonts): Promise<Buffer> {
	const pdf = new PDFDocument({
		size: 'A4',
		layout: 'landscape',
		margin: 0,
		info: {
			Title: `${doc.labels.title} ${doc.code}`,
			Author: doc.issuer.name,
			Subject: doc.courseTitle,
			Keywords: doc.code,
			// Custom entry read back by `npm run cert:verify`.
			AulaCertificate: doc.sealString
		} as PDFKit.DocumentInfo
	});
	const done = pdfBuffer(pdf);

	pdf.registerFont('regular', fonts.regular);
	pdf.registerFont('bold', fonts.bold);
	const W = pdf.page.width;
	const H = pdf.page.height;

	// Frame
	pdf.lineWidth(3).strokeColor(BRAND).rect(24, 24, W - 48, H - 48).stroke();
	pdf.lineWidth(0.8).rect(32, 32, W - 64, H - 64).stroke();

	const center = (text: string, y: number, font: string, size: number, color = INK, width = W - 160) => {
		pdf.font(font).fontSize(size).fillColor(color).text(text, (W - width) / 2, y, { width, align: 'center' });
		return pdf.y;
	};

	center(doc.labels.tagline.toUpperCase(), 58, 'regular', 9, MUTED);
	center(doc.issuer.name, 74, 'bold', 12, BRAND);
	center(doc.labels.title.toUpperCase(), 118, 'bold', 34, BRAND);
	center(doc.labels.subtitle, 160, 'regular', 14, MUTED);
	center(doc.labels.certifies, 200, 'regular', 13);
	let y = center(doc.fullName, 222, 'bold', 28);
	pdf.lineWidth(0.6).strokeColor(MUTED).moveTo(W / 2 - 200, y + 4).lineTo(W / 2 + 200, y + 4).stroke();
	y = center(doc.labels.completed, y + 16, 'regular', 13);
	y = center(doc.courseTitle, y + 6, 'bold', 17, INK, W - 220);
	y = center(doc.labels.details, y + 10, 'regular', 12);
	if (doc.institution) center(`${doc.labels.institution}: ${doc.institution}`, y + 6, 'regular', 11, MUTED);

	// Signatures, bottom left
	const sigTop = H - 150;
	doc.issuer.signatories.slice(0, 2).forEach((s, i) => {
		const x = 80 + i * 250;
		pdf.lineWidth(0.6).strokeColor(INK).moveTo(x, sigTop + 40).lineTo(x + 220, sigTop + 40).stroke();
		let sy = sigTop + 46;
		if (s.name) {
			pdf.font('bold').fontSize(10).fillColor(INK).text(s.name, x, sy, { width: 220, align: 'center' });
			sy = pdf.y;
		}
		pdf.font('regular').fontSize(8.5).fillColor(MUTED).text(s.post, x, sy, { width: 220, align: 'center' });
	});
	if (doc.seal) pdf.image(doc.seal, W / 2 + 40, sigTop - 10, { fit: [90, 90] });

	// Verification, bottom right
	const qrSize = 128;
	const qrX = W - 64 - qrSize;
	const qrY = H - 56 - qrSize - 30;
	drawQr(pdf, doc.qrText, qrX, qrY, qrSize);
	pdf.font('bold').fontSize(10).fillColor(INK).text(doc.code, qrX - 60, qrY + qrSize + 6, { width: qrSize + 60, align: 'right' });
	pdf.font('regular').fontSize(7.5).fillColor(MUTED).text(`${doc.labels.verify}: ${doc.verifyUrl}`, qrX - 220, qrY + qrSize + 20, {
		width: qrSize + 220,
		align: 'right'
	});
	// The note stays left of the verification text under the QR code.
	pdf.font('regular').fontSize(7).fillColor(MUTED).text(doc.labels.signedNote, 80, H - 64, { width: qrX - 220 - 80 - 24 });

	pdf.end();
	return done;
}
