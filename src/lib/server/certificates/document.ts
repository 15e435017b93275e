/** Gathers what a certificate PDF shows (the renderer itself is pure: see render.ts). */
import { readFileSync } from 'node:fs';
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import type { Certificate } from '../db/schema';
import { woffToSfnt } from './fonts';
import { issuerFor, sealImage } from './issuers';
import { renderCertificatePdf, type Fonts } from './render';
import { certificatePayload } from './repository';
import { sealOf } from './signature';

let fonts: Fonts | undefined;

/** Noto Sans from its npm package (WOFF, as pdfkit cannot subset WOFF2), converted once to TrueType. */
export function certificateFonts(): Fonts {
	const file = (weight: number) => readFileSync(`node_modules/@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff`);
	fonts ??= { regular: woffToSfnt(file(400)), bold: woffToSfnt(file(700)) };
	return fonts;
}

export const verifyUrl = (origin: string, code: string) => `${origin}/verificar/${code}`;

/** The QR's content: the verification page, with the signed statement after `#` for offline checks. */
export const qrContent = (origin: string, cert: Certificate) => `${verifyUrl(origin, cert.code)}#${sealOf(cert.payload, cert.signature)}`;

export async function certificatePdf(cert: Certificate, origin: string): Promise<Buffer> {
	const locale = cert.locale;
	const issuer = issuerFor(certificatePayload(cert).issuer);
	return renderCertificatePdf(
		{
			code: cert.code,
			fullName: cert.full_name,
			courseTitle: cert.course_title,
			institution: cert.institution_name,
			issuer: { name: locale === 'en' && issuer.nameEn ? issuer.nameEn : issuer.name, signatories: issuer.signatories },
			verifyUrl: verifyUrl(origin, cert.code),
			qrText: qrContent(origin, cert),
			seal: sealImage(issuer),
			sealString: sealOf(cert.payload, cert.signature),
			labels: {
				title: m.cert_title({}, { locale }),
				subtitle: m.cert_subtitle({}, { locale }),
				certifies: m.cert_certifies({}, { locale }),
				completed: m.cert_completed({}, { locale }),
				details: m.cert_details({ hours: cert.hours, date: formatDate(cert.completed_at, locale) }, { locale }),
				institution: m.cert_institution({}, { locale }),
				verify: m.cert_verify({}, { locale }),
				signedNote: m.cert_signed_note({ key: cert.key_id }, { locale }),
				tagline: m.app_tagline({}, { locale })
			}
		},
		certificateFonts()
	);
}
