import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Attendance, BookingStatus } from '../domain/booking/status.js';
import type { SchoolZone } from '../domain/school-holidays.js';

/**
 * Kysely's view of the tables created by `migrations/`. Dates (`date`) are read as
 * `YYYY-MM-DD` strings (both drivers are told so in `database.ts`); instants as `Date`.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A creation instant some rule compares with the Clock: the application stamps it (migration 0032). */
type ClockStamped = ColumnType<Date, Date | string, never>;
type Json<T> = ColumnType<T, string, string>;
type DateOnly = string;

export interface CollectivitiesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  time_zone: Generated<string>;
  school_holiday_zone: SchoolZone;
  alsace_moselle: Generated<boolean>;
  embedding_origins: Generated<string[]>;
  portal_url: string | null;
  branding: Json<{ primaryColor?: string; logoUrl?: string }>;
  created_at: CreatedAt;
  /** The town as SEPA creditor (migration 0023): name, account and creditor identifier (ICS). */
  sepa_creditor_name: ColumnType<string | null, string | null | undefined, string | null>;
  sepa_creditor_iban: ColumnType<string | null, string | null | undefined, string | null>;
  sepa_creditor_bic: ColumnType<string | null, string | null | undefined, string | null>;
  sepa_creditor_identifier: ColumnType<string | null, string | null | undefined, string | null>;
  /** The town as the issuer of its invoices (migration 0034), each null until an operator sets it. */
  postal_address: ColumnType<AddressValue | null, string | null | undefined, string | null>;
  siret: ColumnType<string | null, string | null | undefined, string | null>;
  service_phone: ColumnType<string | null, string | null | undefined, string | null>;
  service_email: ColumnType<string | null, string | null | undefined, string | null>;
  public_accountant: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AccountsTable {
  id: Generated<string>;
  email: string;
  display_name: Generated<string>;
  password_hash: string | null;
  email_verified_at: Timestamp | null;
  disabled_at: Timestamp | null;
  /** The last sign-in of the refresh tokens purged so far (the live ones say the rest). */
  last_signed_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AccountCollectivitiesTable {
  account_id: string;
  collectivity_id: string;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  account_id: string;
  family_id: string;
  token_hash: Uint8Array;
  issued_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PasswordResetTokensTable {
  token_hash: Uint8Array;
  account_id: string;
  collectivity_slug: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface EmailChangeTokensTable {
  token_hash: Uint8Array;
  account_id: string;
  new_email: string;
  collectivity_slug: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  private_jwk: Json<Record<string, unknown>>;
  public_jwk: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  retired_at: Timestamp | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
  /** Set on a slowed-down key: no attempt is admitted before this instant. */
  blocked_until: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<string>;
  collectivity_id: string | null;
  topic: string;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  /** Stamped by the injected clock (no default): the worker and the sweeper compare it. */
  created_at: ColumnType<Date, Date | string, never>;
  available_at: Timestamp;
  attempts: Generated<number>;
  locked_until: Timestamp | null;
  sent_at: Timestamp | null;
  last_error: string | null;
}

export interface AddressValue {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
}

export interface HouseholdsTable {
  collectivity_id: string;
  id: Generated<string>;
  name: string;
  department: string | null;
  address: Json<AddressValue> | null;
  phone: string | null;
  family_quotient: number | null;
  resident: Generated<boolean>;
  join_code: string | null;
  /** The family's id in the collectivity's previous software (imports update by it). */
  external_id: string | null;
  created_at: ClockStamped;
  updated_at: UpdatedAt;
  archived_at: Timestamp | null;
}

export type AgentRole = 'admin' | 'agent' | 'kitchen' | 'animator';

export interface MembershipsTable {
  collectivity_id: string;
  id: Generated<string>;
  account_id: string;
  kind: 'parent' | 'agent';
  household_id: string | null;
  role: AgentRole | null;
  created_at: CreatedAt;
}

/** The sites an animator works on (0036-agent-sites). */
export interface AgentSitesTable {
  collectivity_id: string;
  membership_id: string;
  site_id: string;
}

export interface GuardiansTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  account_id: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  phone_mobile: string | null;
  phone_home: string | null;
  phone_work: string | null;
  relationship: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InvitationsTable {
  collectivity_id: string;
  token_hash: Uint8Array;
  household_id: string;
  guardian_id: string;
  email: string;
  created_by: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AuthorisedPickup {
  name: string;
  relationship?: string;
  phone?: string;
}

export interface ChildrenTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  first_name: string;
  last_name: string;
  birth_date: DateOnly;
  school: string | null;
  school_class: string | null;
  health_notes: string | null;
  allergies: Generated<string[]>;
  care_plan: Generated<boolean>;
  care_plan_notes: string | null;
  authorised_pickups: Json<AuthorisedPickup[]>;
  /** The diet group the kitchen counts the child's meals in (migration 0020). */
  diet_group_id: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ServicesTable {
  collectivity_id: string;
  id: Generated<string>;
  name: string;
  kind: 'canteen' | 'childcare' | 'leisure' | 'other';
  description: string | null;
  position: Generated<number>;
  archived_at: Timestamp | null;
}

export interface SitesTable {
  collectivity_id: string;
  id: Generated<string>;
  name: string;
  kind: 'school' | 'leisure_centre' | 'other';
  address: Json<AddressValue> | null;
  archived_at: Timestamp | null;
}

export interface ActivitiesTable {
  collectivity_id: string;
  id: Generated<string>;
  service_id: string;
  site_id: string;
  code: string;
  name: string;
  weekdays: number[];
  school_holidays: 'closed' | 'open' | 'only';
  sessions: Json<{ from: string; to: string; name: string; opensAt?: string }[]>;
  season_from: DateOnly;
  season_to: DateOnly;
  capacity: number | null;
  waitlist: Generated<boolean>;
  /** A `DeadlineRule` of `domain/deadlines.ts`. */
  booking_deadline: Json<Record<string, unknown>>;
  cancellation_deadline: Json<Record<string, unknown>>;
  registration_opens_at: Timestamp | null;
  registration_closes_at: Timestamp | null;
  payment_mode: 'prepaid' | 'postpaid';
  /** A `Pricing` of `domain/prices.ts`. */
  pricing: Json<Record<string, unknown>>;
  hold_minutes: Generated<number>;
  max_days_per_child_per_session: number | null;
  refund_on_cancel: Generated<boolean>;
  /** The price of a day when the child comes without booking; null: no surcharge (migration 0019). */
  walk_in_surcharge_cents: Generated<number | null>;
  /** The daily times `HH:MM` on the collectivity's wall clock, both or neither (migration 0033). */
  starts_at: Generated<string | null>;
  ends_at: Generated<string | null>;
  position: Generated<number>;
  archived_at: Timestamp | null;
}

export interface ClosuresTable {
  collectivity_id: string;
  id: Generated<string>;
  site_id: string | null;
  activity_id: string | null;
  from_date: DateOnly;
  to_date: DateOnly;
  reason: string;
}

export interface EnrolmentsTable {
  collectivity_id: string;
  id: Generated<string>;
  child_id: string;
  activity_id: string;
  from_date: DateOnly;
  to_date: DateOnly;
  school: string | null;
  school_class: string | null;
  created_at: CreatedAt;
  ended_at: Timestamp | null;
}

export type { Attendance, BookingStatus };
export interface FamilyQuotientsTable {
  collectivity_id: string;
  household_id: string;
  applies_from: DateOnly;
  quotient: number;
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface HouseholdNotesTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  author_account_id: string | null;
  body: string;
  created_at: Timestamp;
}

export interface JoinRequestDetails {
  householdName: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  address: string | null;
  children: { firstName: string; lastName: string; birthDate: string }[];
  message: string | null;
}

export interface JoinRequestsTable {
  collectivity_id: string;
  id: Generated<string>;
  account_id: string;
  status: 'pending' | 'accepted' | 'refused';
  details: Json<JoinRequestDetails>;
  household_id: string | null;
  refusal_reason: string | null;
  decided_by: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface ImportJobsTable {
  collectivity_id: string;
  id: Generated<string>;
  created_by: string | null;
  status: 'running' | 'done' | 'failed';
  dry_run: boolean;
  send_invitations: boolean;
  filename: string | null;
  encoding: 'utf-8' | 'windows-1252' | null;
  rows: Generated<number>;
  total_families: Generated<number>;
  processed_families: Generated<number>;
  rows_per_second: Generated<number>;
  report: Json<Record<string, unknown>> | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

/** A household's secret calendar feed (only the token's hash). */
export interface CalendarFeedsTable {
  collectivity_id: string;
  household_id: string;
  token_hash: Uint8Array;
  created_by: string | null;
  created_at: Timestamp;
}

export interface BookingsTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  child_id: string;
  activity_id: string;
  date: DateOnly;
  status: BookingStatus;
  price_cents: number;
  payment_id: string | null;
  hold_expires_at: Timestamp | null;
  waitlisted_at: Timestamp | null;
  attendance: Attendance | null;
  attendance_recorded_at: Timestamp | null;
  /** Bumped by every roll-call mark: a mark made on an older version is a conflict (migration 0019). */
  attendance_version: Generated<number>;
  attendance_recorded_by: string | null;
  /** A child who came without booking, added at the roll call. */
  walk_in: Generated<boolean>;
  absence_reason: string | null;
  /** Why the child is absent, from the family's cancellation (migration 0016). */
  absence: Generated<AbsenceKind | null>;
  cancel_reason: string | null;
  decided_by: string | null;
  /** When the booking left the waiting list for a freed place (migration 0025). */
  promoted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The agent who promoted it by hand; null when the place was given automatically. */
  promoted_by: Generated<string | null>;
  created_at: ClockStamped;
  updated_at: UpdatedAt;
}

export interface CartsTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  updated_at: UpdatedAt;
}

/** Why a child will be absent (the contract's AbsenceReason). */
export type AbsenceKind = 'sick' | 'family' | 'other';

export interface CartLinesTable {
  collectivity_id: string;
  id: Generated<string>;
  cart_id: string;
  child_id: string;
  activity_id: string;
  date: DateOnly;
  action: 'book' | 'cancel';
  reason: string | null;
  absence: Generated<AbsenceKind | null>;
  created_at: CreatedAt;
}

export interface PaymentsTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  provider: string;
  provider_ref: string | null;
  purpose: 'checkout' | 'invoice';
  invoice_id: string | null;
  status: 'pending' | 'paid' | 'refused' | 'expired' | 'refunded' | 'held' | 'abandoned';
  amount_cents: number;
  currency: Generated<string>;
  expires_at: Timestamp;
  paid_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  /** The amount the provider's lookup confirmed, when it is not the one asked (migration 0022). */
  confirmed_cents: Generated<number | null>;
  /** Why a `held` payment waits for an agent. */
  held_reason: Generated<'amount_mismatch' | 'paid_late' | 'paid_when_closed' | null>;
  /** The agent's decision on a held payment, why, by whom and when. */
  resolution: Generated<'accepted' | 'refused' | null>;
  resolution_reason: Generated<string | null>;
  resolved_by: Generated<string | null>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A collectivity's PayFiP contract (migration 0022): with an active row, its payments go through PayFiP. */
export interface PayfipSettingsTable {
  collectivity_id: string;
  /** The 6-digit client number the DGFiP gave the town's régie. */
  numcli: string;
  /** `T` test, `X` activation, `W` production. */
  saisie: 'T' | 'X' | 'W';
  /** The SOAP service (`…/tpa/services/securite`). */
  service_url: string;
  /** The payer's page (`…/tpa/paiementws.web`), opened with `?idop=`. */
  page_url: string;
  active: Generated<boolean>;
  updated_at: Timestamp;
}

/** One PayFiP operation (`idOp`) of one of our payments, and what its detail lookup confirmed. */
export interface PayfipOperationsTable {
  collectivity_id: string;
  id_op: string;
  payment_id: string;
  refdet: string;
  created_at: Timestamp;
  resultrans: string | null;
  confirmed_cents: number | null;
  numauto: string | null;
  /** PayFiP's `dattrans` and `heurtrans` as sent (`JJMMAAAA HHMM`, Paris time). */
  transaction_at: string | null;
  confirmed_at: Timestamp | null;
  last_checked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface InvoicesTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  period_from: DateOnly | null;
  period_to: DateOnly | null;
  issued_at: Timestamp | null;
  due_date: DateOnly | null;
  status: 'draft' | 'issued' | 'paid' | 'cancelled';
  total_cents: number;
  currency: Generated<string>;
  created_at: ClockStamped;
  /** The billing run that issued this monthly invoice (migration 0021). */
  billing_run_id: string | null;
  /** The invoice a credit note corrects. */
  corrects_invoice_id: string | null;
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  paid_at: Timestamp | null;
  /** The collection date of the direct debit that collects this invoice (migration 0023): « prélevée le … ». */
  debit_on: ColumnType<DateOnly | null, DateOnly | null | undefined, DateOnly | null>;
  /** What the credit notes correcting this invoice took off, in positive cents (migration 0035). */
  credited_cents: Generated<number>;
  /** A credit note owed to the household: its invoice was paid or collected already (migration 0035). */
  credit_balance: Generated<boolean>;
}

/** A household's SEPA mandate (migration 0023): never changed, only revoked. */
export interface SepaMandatesTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  /** The unique mandate reference (RUM). */
  reference: string;
  iban: string;
  bic: string | null;
  account_holder: string;
  signed_on: DateOnly;
  created_at: Timestamp;
  created_by: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

/** A month's direct-debit batch, with what its file needs to be made again byte for byte. */
export interface DirectDebitBatchesTable {
  collectivity_id: string;
  id: Generated<string>;
  month: string;
  collection_date: DateOnly;
  message_id: string;
  creditor_name: string;
  creditor_iban: string;
  creditor_bic: string | null;
  creditor_identifier: string;
  invoice_count: number;
  total_cents: number;
  created_at: Timestamp;
  created_by: string | null;
}

/** One invoice collected by a batch under a mandate; an invoice is collected once. */
export interface DirectDebitsTable {
  collectivity_id: string;
  invoice_id: string;
  batch_id: string;
  mandate_id: string;
  sequence_type: 'FRST' | 'RCUR';
  amount_cents: number;
  /** The order of the transaction in the file. */
  position: number;
}

export type InvoiceLineReason = 'booked' | 'absence_unjustified' | 'walk_in' | 'late_cancellation_refused' | 'credit';

export interface BillingRunsTable {
  collectivity_id: string;
  id: Generated<string>;
  /** `YYYY-MM`. */
  month: string;
  status: 'issuing' | 'issued';
  invoice_count: Generated<number>;
  total_cents: Generated<number>;
  issued_at: Timestamp | null;
  issued_by: string | null;
  created_at: Timestamp;
}

export interface InvoiceLinesTable {
  collectivity_id: string;
  id: Generated<string>;
  invoice_id: string;
  booking_id: string | null;
  label: string;
  quantity: number;
  unit_cents: number;
  total_cents: number;
  child_id: string | null;
  activity_id: string | null;
  date: DateOnly | null;
  /** Why the line is billed (migration 0021); null on lines written before it. */
  reason: InvoiceLineReason | null;
  /** On a credit note's line: the invoice line it credits, once at most (migration 0035). */
  credits_line_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RequestCategoriesTable {
  collectivity_id: string;
  id: Generated<string>;
  title: string;
  help_text: string | null;
  template: string | null;
  fields: Json<Record<string, unknown>[]>;
  attachment_types: Json<{ key: string; label: string; required: boolean }[]>;
  effect: 'address' | 'allergy' | 'pickup' | null;
  position: Generated<number>;
  archived_at: Timestamp | null;
}

export type RequestStatus = 'submitted' | 'in_progress' | 'needs_info' | 'accepted' | 'rejected';

export interface RequestsTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  category_id: string;
  child_id: string | null;
  author_account_id: string | null;
  status: RequestStatus;
  answers: Json<Record<string, unknown>>;
  body: string | null;
  assigned_to: string | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  created_at: ClockStamped;
  updated_at: UpdatedAt;
}

export interface RequestMessagesTable {
  collectivity_id: string;
  id: Generated<string>;
  request_id: string;
  author_account_id: string | null;
  author_kind: 'parent' | 'agent';
  body: string;
  created_at: ClockStamped;
}

/** How far an agent has read a request: the parent messages seen when they last opened it. */
export interface RequestReadsTable {
  collectivity_id: string;
  request_id: string;
  account_id: string;
  read_at: Timestamp;
  parent_messages_read: number;
}

export interface AttachmentsTable {
  collectivity_id: string;
  id: Generated<string>;
  household_id: string;
  uploaded_by: string | null;
  request_id: string | null;
  attachment_type: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: ClockStamped;
}

export interface AttachmentBlobsTable {
  collectivity_id: string;
  storage_key: string;
  content: Uint8Array;
}

export interface AuditLogTable {
  collectivity_id: string;
  id: Generated<string>;
  at: Generated<Date>;
  actor_account_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  details: Json<Record<string, unknown>>;
}

/** A town's diet group for the meal counts: sans porc, végétarien, PAI… (migration 0020). */
export interface DietGroupsTable {
  collectivity_id: string;
  id: Generated<string>;
  name: string;
  position: Generated<number>;
}

/** One roll-call mark, under the id the tablet gave it: applied once however often it is sent. */
export interface AttendanceMarksTable {
  collectivity_id: string;
  id: string;
  account_id: string | null;
  booking_id: string;
  attendance: Attendance;
  version: number;
  recorded_at: Timestamp;
}

/** One caller's key on one idempotent route (migration 0015): its request, then its answer. */
export interface IdempotencyKeysTable {
  collectivity_id: string;
  account_id: string;
  /** `METHOD /path` of the contract endpoint. */
  route: string;
  key: string;
  request_hash: string;
  response_status: number | null;
  /** The answer's exact text, replayed byte for byte. */
  response_body: string | null;
  /** What a request that commits in steps committed so far, for its retry to resume from. */
  draft: string | null;
  /** While the first request runs: a duplicate before this instant is told it is in progress. */
  locked_until: Timestamp | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

/** The school years a zone's calendar holds (migration 0007). */
export interface SchoolCalendarYearsTable {
  zone: SchoolZone;
  school_year: string;
  source: string;
}

/** Days without school, both ends included, per zone and school year. */
export interface SchoolHolidaysTable {
  zone: SchoolZone;
  school_year: string;
  name: string;
  from_date: DateOnly;
  to_date: DateOnly;
}

export interface Database {
  school_calendar_years: SchoolCalendarYearsTable;
  school_holidays: SchoolHolidaysTable;
  collectivities: CollectivitiesTable;
  accounts: AccountsTable;
  account_collectivities: AccountCollectivitiesTable;
  refresh_tokens: RefreshTokensTable;
  password_reset_tokens: PasswordResetTokensTable;
  email_change_tokens: EmailChangeTokensTable;
  signing_keys: SigningKeysTable;
  rate_limits: RateLimitsTable;
  outbox: OutboxTable;
  households: HouseholdsTable;
  memberships: MembershipsTable;
  agent_sites: AgentSitesTable;
  guardians: GuardiansTable;
  invitations: InvitationsTable;
  children: ChildrenTable;
  services: ServicesTable;
  sites: SitesTable;
  activities: ActivitiesTable;
  closures: ClosuresTable;
  enrolments: EnrolmentsTable;
  family_quotients: FamilyQuotientsTable;
  household_notes: HouseholdNotesTable;
  join_requests: JoinRequestsTable;
  import_jobs: ImportJobsTable;
  bookings: BookingsTable;
  calendar_feeds: CalendarFeedsTable;
  attendance_marks: AttendanceMarksTable;
  diet_groups: DietGroupsTable;
  carts: CartsTable;
  cart_lines: CartLinesTable;
  payments: PaymentsTable;
  payfip_settings: PayfipSettingsTable;
  payfip_operations: PayfipOperationsTable;
  billing_runs: BillingRunsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  sepa_mandates: SepaMandatesTable;
  direct_debit_batches: DirectDebitBatchesTable;
  direct_debits: DirectDebitsTable;
  request_categories: RequestCategoriesTable;
  requests: RequestsTable;
  request_messages: RequestMessagesTable;
  request_reads: RequestReadsTable;
  attachments: AttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type Account = Selectable<AccountsTable>;
export type NewBooking = Insertable<BookingsTable>;
export type BookingUpdate = Updateable<BookingsTable>;
