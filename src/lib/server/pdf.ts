/**
 * pdfkit writes a document as a stream. Certificates and posters are small, so they are sent as one
 * buffer; the report PDF, which can be long, is streamed as it is (reports/pdf.ts).
 */

/**
 * The bytes `pdf` writes, once it ends. Call it before drawing: pdfkit emits data as it goes.
 * @example const bytes = pdfBuffer(pdf); pdf.text('…'); pdf.end(); return bytes;
 */
export function pdfBuffer(pdf: PDFKit.PDFDocument): Promise<Buffer> {
	const chunks: Buffer[] = [];
	pdf.on('data', (c: Buffer) => chunks.push(c));
	return new Promise<Buffer>((resolve, reject) => {
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});
}
