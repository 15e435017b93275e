/** Issuing bodies and their signature blocks, from content/certificates/issuers.yaml. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const Issuer = z.object({
	name: z.string().min(1),
	nameEn: z.string().min(1).optional(),
	signatories: z.array(z.object({ name: z.string().default(''), post: z.string().min(1) })).max(2),
	seal: z.string().nullable().default(null)
});
const Issuers = z.record(z.enum(['BO', 'PE']), Issuer);
export type Issuer = z.infer<typeof Issuer>;

const raw = import.meta.glob<string>('/content/certificates/issuers.yaml', { query: '?raw', import: 'default', eager: true });

let issuers: z.infer<typeof Issuers> | undefined;

export function issuerFor(country: 'BO' | 'PE'): Issuer {
	issuers ??= Issuers.parse(parse(Object.values(raw)[0] ?? ''));
	return issuers[country] ?? issuers.BO!;
}

/** The seal image, when the issuer has one (a file under static/). */
export function sealImage(issuer: Issuer): Buffer | null {
	if (!issuer.seal) return null;
	if (issuer.seal.includes('..')) throw new Error('Seal paths stay inside static/');
	return readFileSync(join('static', issuer.seal));
}
