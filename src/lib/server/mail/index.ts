/**
 * Outgoing mail. Every message is written to the outbox table first (so nothing is lost and a demo
 * without SMTP still works); with SMTP_URL set it is then sent and marked as sent.
 */
import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { getConfig } from '../config';
import type { DB } from '../db/schema';

export type Mail = {
	to: string;
	subject: string;
	text: string;
	/** Set when a coordinator's action sent it: their outbox view shows only these. */
	sentBy?: number | null;
	institutionId?: number | null;
};

let transport: Transporter | undefined;

export async function sendMail(db: Kysely<DB>, mail: Mail, now = new Date()): Promise<void> {
	const config = getConfig();
	const row = await db
		.insertInto('outbox')
		.values({
			to_address: mail.to,
			subject: mail.subject,
			body_text: mail.text,
			created_at: now.toISOString(),
			sent_at: null,
			error: null,
			sent_by: mail.sentBy ?? null,
			institution_id: mail.institutionId ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();

	if (!config.smtpUrl) {
		if (config.logMail) console.info(`[mail] to ${mail.to}: ${mail.subject}\n${mail.text}\n`);
		return;
	}
	try {
		transport ??= nodemailer.createTransport(config.smtpUrl);
		await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
		await db
			.updateTable('outbox')
			.set({ sent_at: new Date().toISOString() })
			.where('id', '=', row.id)
			.execute();
	} catch (e) {
		// The message stays in the outbox with its error; the user's action still succeeds.
		const message = e instanceof Error ? e.message : String(e);
		console.error(`[mail] sending to ${mail.to} failed: ${message}`);
		await db.updateTable('outbox').set({ error: message }).where('id', '=', row.id).execute();
	}
}

export function listOutbox(db: Kysely<DB>, limit = 50) {
	return db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
