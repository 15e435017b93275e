/**
 * The typed database schema: one interface per table, as the migrations build it.
 * Dates are UTC ISO-8601 strings (`new Date().toISOString()`) on both SQLite and PostgreSQL,
 * so they sort and compare as text and group by month with `substr(…, 1, 7)`.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export type Country = 'BO' | 'PE';
export type Role = 'learner' | 'trainer' | 'coordinator' | 'council' | 'admin';
export type TokenPurpose = 'verify' | 'reset' | 'invite';

export interface InstitutionTable {
	id: Generated<number>;
	name: string;
	short_name: string | null;
	country: Country;
	sector: string;
	department: string | null;
	created_at: string;
}

export interface UnitTable {
	id: Generated<number>;
	institution_id: number;
	name: string;
	department: string | null;
	created_at: string;
}

export interface UserTable {
	id: Generated<number>;
	email: string;
	full_name: string;
	password_hash: string | null;
	country: Country;
	institution_id: number | null;
	unit_id: number | null;
	job_title: string | null;
	locale: 'es' | 'en';
	email_verified_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface UserRoleTable {
	user_id: number;
	role: Exclude<Role, 'learner'>;
	/** Set for coordinators: the one institution they manage. */
	institution_id: number | null;
	granted_at: string;
	granted_by: number | null;
}

export interface SessionTable {
	id: string;
	user_id: number;
	secret_hash: string;
	created_at: string;
	expires_at: string;
	last_seen_at: string;
	user_agent: string | null;
	ip: string | null;
}

export interface UserTokenTable {
	token_hash: string;
	user_id: number;
	purpose: TokenPurpose;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface LoginThrottleTable {
	key: string;
	failures: number;
	window_start: string;
	locked_until: string | null;
}

export interface OutboxTable {
	id: Generated<number>;
	to_address: string;
	subject: string;
	body_text: string;
	created_at: string;
	sent_at: string | null;
	error: string | null;
	/** Who caused the mail (a coordinator's reminder or invitation), and for which institution. */
	sent_by: number | null;
	institution_id: number | null;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: string;
	actor_id: number | null;
	action: string;
	target_type: string;
	target_id: string | null;
	details: string | null;
}

export interface CourseVersionTable {
	course_slug: string;
	version: string;
	title: string;
	hours: number;
	modules: number;
	first_seen_at: string;
}

export type RevisionStatus = 'draft' | 'review' | 'published' | 'returned';
export type RevisionSource = 'import' | 'editor' | 'rollback';

/** A version of a course's files (migration 2026-12-02-01): draft, in review, returned or published. */
export interface CourseRevisionTable {
	id: Generated<number>;
	course_slug: string;
	content_hash: string;
	/** JSON: repository-relative path → text, the map loadCourses takes. */
	files: string;
	status: RevisionStatus;
	source: RevisionSource;
	based_on: number | null;
	author_id: number | null;
	reviewer_id: number | null;
	comment: string | null;
	lock: Generated<number>;
	/** Set when published, from one sequence for all courses; the highest per course is current. */
	publication: number | null;
	created_at: string;
	updated_at: string;
	submitted_at: string | null;
	published_at: string | null;
}

/** An image of course text (migration 2026-12-03-01), stored once by the SHA-256 of its bytes. */
export interface CourseImageTable {
	hash: string;
	mime: string;
	bytes: Uint8Array;
	size: number;
	uploaded_by: number | null;
	created_at: string;
}

export type EnrolmentStatus = 'active' | 'completed' | 'withdrawn';
export type EnrolmentSource = 'self' | 'coordinator' | 'key' | 'csv';

export interface EnrolmentTable {
	id: Generated<number>;
	user_id: number;
	course_slug: string;
	/** The course version when the person enrolled. */
	course_version: string;
	status: EnrolmentStatus;
	source: EnrolmentSource;
	enrolled_at: string;
	last_module: string | null;
	last_activity_at: string | null;
	completed_at: string | null;
	/** The course version the person completed (content may have changed since enrolment). */
	completed_version: string | null;
	/** Mean of the counting quiz scores (percent) at completion. */
	final_score: number | null;
	cohort_id: number | null;
	/** When the in-person stage of the cohort was attended (recorded by a trainer or coordinator). */
	attended_at: string | null;
	withdrawn_at: string | null;
}

export interface CohortTable {
	id: Generated<number>;
	institution_id: number;
	course_slug: string;
	name: string;
	/** Calendar dates, YYYY-MM-DD. */
	starts_on: string;
	ends_on: string;
	deadline_on: string;
	/** 1 when completion waits for attendance at the in-person stage. */
	requires_attendance: number;
	in_person_on: string | null;
	in_person_place: string | null;
	created_at: string;
	created_by: number | null;
}

export interface ModuleProgressTable {
	enrolment_id: number;
	module_slug: string;
	read_at: string | null;
	passed_at: string | null;
	/** The quiz score that counts (highest or last attempt, as the quiz says), percent. */
	quiz_percent: number | null;
	completed_at: string | null;
}

export interface QuizAttemptTable {
	id: Generated<number>;
	enrolment_id: number;
	user_id: number;
	course_slug: string;
	course_version: string;
	module_slug: string;
	attempt_no: number;
	/** JSON DrawnQuestion[]: the questions and orders this attempt shows. */
	drawn: string;
	/** JSON Answers saved so far. */
	answers: string;
	started_at: string;
	deadline_at: string | null;
	submitted_at: string | null;
	score: number | null;
	max_score: number | null;
	percent: number | null;
	/** 1 passed, 0 failed, null while open. */
	passed: number | null;
	/** JSON ItemResult[] once graded. */
	items: string | null;
}

export interface CertificateTable {
	id: Generated<number>;
	/** Human-friendly verification code, e.g. AULA-7K3M-Q9XD. */
	code: string;
	enrolment_id: number;
	user_id: number;
	course_slug: string;
	course_version: string;
	/** What the certificate says, frozen at issuance (names and titles may change later). */
	full_name: string;
	course_title: string;
	hours: number;
	institution_id: number | null;
	institution_name: string | null;
	locale: 'es' | 'en';
	completed_at: string;
	issued_at: string;
	/** The signed statement (canonical JSON) and its Ed25519 signature (base64url). */
	payload: string;
	signature: string;
	key_id: string;
	revoked_at: string | null;
	revoked_reason: string | null;
	revoked_by: number | null;
}

export interface CohortKeyTable {
	id: Generated<number>;
	cohort_id: number;
	/** What learners type, or follow as /inscribirme/<code>. */
	code: string;
	expires_at: string | null;
	max_uses: number | null;
	uses: Generated<number>;
	created_at: string;
	created_by: number | null;
	revoked_at: string | null;
}

export type EnrolmentRequestStatus = 'pending' | 'approved' | 'rejected';

export interface EnrolmentRequestTable {
	id: Generated<number>;
	user_id: number;
	course_slug: string;
	status: EnrolmentRequestStatus;
	requested_at: string;
	decided_at: string | null;
	decided_by: number | null;
}

export interface CohortImportDraftTable {
	id: Generated<number>;
	cohort_id: number;
	created_by: number;
	/** The uploaded CSV text, kept from the preview until the import is confirmed. */
	body: string;
	created_at: string;
}

/** The monthly roll-up of report counts (migrations/…-07-report-rollup.ts); 0 = no institution/unit. */
export interface ReportRollupTable {
	month: string;
	institution_id: number;
	unit_id: number;
	country: Country;
	course_slug: string;
	enrolled: number;
	enrolled_completed: number;
	active: number;
	completed: number;
	score_centi: number;
	score_count: number;
	hours_centi: number;
	certificates: number;
	revoked: number;
}

/** Anonymous reach of open courses per day and poster place ('' = none); counts only. */
export interface PublicReachTable {
	day: string;
	course_slug: string;
	place: string;
	starts: Generated<number>;
	completions: Generated<number>;
}

/** Values an admin edits in the app, by key (e.g. `contacts.BO`). */
export interface SettingTable {
	key: string;
	value: string;
	updated_at: string;
	updated_by: number | null;
}

/** An action queued offline by a browser and sent later; its client id makes a replay a no-op. */
export interface ClientActionTable {
	user_id: number;
	client_id: string;
	kind: string;
	created_at: string;
}

export interface DB {
	institutions: InstitutionTable;
	units: UnitTable;
	users: UserTable;
	user_roles: UserRoleTable;
	sessions: SessionTable;
	user_tokens: UserTokenTable;
	login_throttle: LoginThrottleTable;
	outbox: OutboxTable;
	audit_log: AuditLogTable;
	course_versions: CourseVersionTable;
	course_revisions: CourseRevisionTable;
	course_images: CourseImageTable;
	enrolments: EnrolmentTable;
	module_progress: ModuleProgressTable;
	quiz_attempts: QuizAttemptTable;
	certificates: CertificateTable;
	cohorts: CohortTable;
	cohort_keys: CohortKeyTable;
	enrolment_requests: EnrolmentRequestTable;
	cohort_import_drafts: CohortImportDraftTable;
	report_rollup: ReportRollupTable;
	public_reach: PublicReachTable;
	settings: SettingTable;
	client_actions: ClientActionTable;
}

export type Institution = Selectable<InstitutionTable>;
export type Unit = Selectable<UnitTable>;
export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Enrolment = Selectable<EnrolmentTable>;
export type NewEnrolment = Insertable<EnrolmentTable>;
export type ModuleProgress = Selectable<ModuleProgressTable>;
export type QuizAttempt = Selectable<QuizAttemptTable>;
export type NewQuizAttempt = Insertable<QuizAttemptTable>;
export type Certificate = Selectable<CertificateTable>;
export type Cohort = Selectable<CohortTable>;
export type CohortKey = Selectable<CohortKeyTable>;
export type EnrolmentRequest = Selectable<EnrolmentRequestTable>;
export type CourseRevision = Selectable<CourseRevisionTable>;
