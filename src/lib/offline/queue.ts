/**
 * Actions made offline, kept in the browser (IndexedDB) until the connection returns, then sent
 * to their form action with their client id: the server does each id once, so sending again after
 * a dropped answer is harmless. Entries belong to one learner and are replayed only for them.
 */
import { deserialize } from '$app/forms';

export type QueuedAction = {
	clientId: string;
	userId: number;
	/** The form action, e.g. `/cursos/ley-263-policia/01-marco-general?/read`. */
	action: string;
	/** What the learner recognises it by (the module title), for messages. */
	label: string;
	queuedAt: string;
	/** The form's fields besides the client id (a quiz's answers and attempt id). */
	fields?: [string, string][];
	/** The page that shows the outcome (the quiz page, for its grade). */
	href?: string;
	/**
	 * Set when the server refused it for good (the attempt was closed meanwhile, say): the entry is
	 * no longer sent, and stays until the learner has seen why and dismissed it.
	 */
	conflict?: { reason?: string };
};

/** What the server answered a queued quiz submission (see the quiz page's `submit` action). */
export type QueuedGrade = {
	attemptNo: number;
	percent: number;
	passed: boolean;
	courseCompleted: boolean;
};

export type ReplayOutcome =
	| { kind: 'sent'; entry: QueuedAction; graded?: QueuedGrade }
	/** The server refused it for good: kept, marked, until the learner dismisses it. */
	| { kind: 'conflict'; entry: QueuedAction; reason?: string }
	/** No connection, or the session ended: stays queued. */
	| { kind: 'kept'; entry: QueuedAction };

const DB_NAME = 'aula-offline';
const STORE = 'actions';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'clientId' });
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function withStore<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const req = work(tx.objectStore(STORE));
			tx.oncomplete = () => resolve(req.result);
			tx.onerror = () => reject(tx.error);
		});
	} finally {
		db.close();
	}
}

/** A random id for one action (randomUUID needs a secure context; plain HTTP gets the fallback). */
export function newClientId(): string {
	if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
	return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
		b.toString(16).padStart(2, '0')
	).join('');
}

export async function enqueue(entry: QueuedAction): Promise<void> {
	await withStore('readwrite', (s) => s.put(entry));
	dispatchEvent(new CustomEvent('aula:queue'));
}

/** Every entry of the learner, waiting or refused, oldest first. */
export async function entriesFor(userId: number): Promise<QueuedAction[]> {
	const all = await withStore<QueuedAction[]>('readonly', (s) => s.getAll());
	return all
		.filter((e) => e.userId === userId)
		.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/** The learner's entries still to be sent. */
export async function queuedFor(userId: number): Promise<QueuedAction[]> {
	return (await entriesFor(userId)).filter((e) => !e.conflict);
}

/** The learner's entries the server refused, to be shown until dismissed. */
export async function conflictsFor(userId: number): Promise<QueuedAction[]> {
	return (await entriesFor(userId)).filter((e) => e.conflict);
}

async function remove(clientId: string): Promise<void> {
	await withStore('readwrite', (s) => s.delete(clientId));
}

/** The learner has read why a refused entry was not recorded: now it goes. */
export async function dismiss(clientId: string): Promise<void> {
	await remove(clientId);
	dispatchEvent(new CustomEvent('aula:queue'));
}

/** Sends one action as SvelteKit's enhanced forms do, and says what became of it. */
async function send(entry: QueuedAction): Promise<ReplayOutcome> {
	const body = new FormData();
	for (const [name, value] of entry.fields ?? []) body.append(name, value);
	body.set('clientId', entry.clientId);
	let res: Response;
	try {
		res = await fetch(entry.action, {
			method: 'POST',
			body,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
			cache: 'no-store'
		});
	} catch {
		return { kind: 'kept', entry };
	}
	let result;
	try {
		result = deserialize<Record<string, unknown>, Record<string, unknown>>(await res.text());
	} catch {
		return res.status >= 500 ? { kind: 'kept', entry } : { kind: 'conflict', entry };
	}
	if (result.type === 'success') {
		const graded = result.data?.graded as QueuedGrade | undefined;
		return { kind: 'sent', entry, graded };
	}
	if (result.type === 'redirect') {
		// Completing the course redirects to it; a lost session to the login page (log in, then
		// it is sent); anything else means the module can no longer be read as it was.
		if (result.location.includes('completado=1')) return { kind: 'sent', entry };
		if (result.location.startsWith('/ingresar')) return { kind: 'kept', entry };
		return { kind: 'conflict', entry };
	}
	if (result.type === 'failure') {
		const message = result.data?.message;
		return { kind: 'conflict', entry, reason: typeof message === 'string' ? message : undefined };
	}
	if (res.status >= 500) return { kind: 'kept', entry };
	return { kind: 'conflict', entry, reason: result.error?.message };
}

let replaying: Promise<ReplayOutcome[]> | null = null;

/**
 * Sends the learner's queued actions in order; stops at the first that cannot be sent yet. A call
 * made while a replay runs (the 'online' event and a page mounting at the same moment) waits for it
 * and gets no outcomes: they are the first caller's, and counting them twice told the learner that
 * eight actions were sent instead of four.
 */
export function replay(userId: number): Promise<ReplayOutcome[]> {
	if (replaying)
		return replaying.then(
			() => [],
			() => []
		);
	replaying = (async () => {
		const outcomes: ReplayOutcome[] = [];
		for (const entry of await queuedFor(userId)) {
			const outcome = await send(entry);
			outcomes.push(outcome);
			if (outcome.kind === 'kept') break;
			if (outcome.kind === 'conflict')
				await withStore('readwrite', (s) =>
					s.put({ ...entry, conflict: { reason: outcome.reason } })
				);
			else await remove(entry.clientId);
		}
		dispatchEvent(new CustomEvent('aula:queue'));
		return outcomes;
	})().finally(() => (replaying = null));
	return replaying;
}
