import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The whole domain model of product.md.
 *
 * Tenant tables lead every primary key, unique constraint, index and foreign key with
 * `collectivity_id`: a query can always be routed to one tenant, a row can never point into
 * another tenant, and the database can later be distributed by that column (Citus).
 * Global tables (accounts, their tokens, signing keys, throttling, the outbox) are few and
 * named in `GLOBAL_TABLES` of the tenancy test.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table collectivities (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  time_zone text not null default 'Europe/Paris',
  school_holiday_zone char(1) not null check (school_holiday_zone in ('A','B','C')),
  alsace_moselle boolean not null default false,
  embedding_origins text[] not null default '{}',
  portal_url text,
  branding jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email)),
  display_name text not null default '',
  password_hash text,
  email_verified_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The directory of which collectivities an account belongs to: global, so that /v1/me
-- finds them without scanning every tenant.
create table account_collectivities (
  account_id uuid not null references accounts(id) on delete cascade,
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  primary key (account_id, collectivity_id)
);

create table refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  family_id uuid not null,
  token_hash bytea not null unique,
  issued_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_account on refresh_tokens (account_id);

create table password_reset_tokens (
  token_hash bytea primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  collectivity_slug text,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index password_reset_tokens_account on password_reset_tokens (account_id);

create table signing_keys (
  kid text primary key,
  alg text not null,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);

-- Fixed-window counters for throttling (login per account and per address…).
create table rate_limits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);

-- Side effects (emails, webhooks, waiting-list promotions) written in the same transaction
-- as the change that causes them, drained by workers with SKIP LOCKED.
create table outbox (
  id bigint generated always as identity primary key,
  collectivity_id uuid references collectivities(id) on delete cascade,
  topic text not null,
  payload jsonb not null,
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  attempts integer not null default 0,
  locked_until timestamptz,
  sent_at timestamptz,
  last_error text
);
create index outbox_pending on outbox (available_at) where sent_at is null;

create table households (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null,
  department text,
  address jsonb,
  phone text,
  family_quotient integer check (family_quotient >= 0),
  resident boolean not null default true,
  join_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (collectivity_id, id),
  unique (collectivity_id, join_code)
);

create table memberships (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  kind text not null check (kind in ('parent','agent')),
  household_id uuid,
  role text check (role in ('admin','agent','kitchen','animator')),
  created_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade,
  check ((kind = 'parent' and household_id is not null and role is null)
      or (kind = 'agent' and household_id is null and role is not null))
);
-- One household per account in a collectivity: the parent routes find it without a choice.
create unique index memberships_parent on memberships (collectivity_id, account_id) where kind = 'parent';
create unique index memberships_agent on memberships (collectivity_id, account_id) where kind = 'agent';

create table guardians (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  account_id uuid references accounts(id) on delete set null,
  first_name text not null,
  last_name text not null,
  email text,
  phone_mobile text,
  phone_home text,
  phone_work text,
  relationship text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);
create index guardians_household on guardians (collectivity_id, household_id);

create table invitations (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  token_hash bytea not null,
  household_id uuid not null,
  guardian_id uuid not null,
  email text not null,
  created_by uuid references accounts(id) on delete set null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (collectivity_id, token_hash),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, guardian_id) references guardians(collectivity_id, id) on delete cascade
);

create table children (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  first_name text not null,
  last_name text not null,
  birth_date date not null,
  school text,
  school_class text,
  health_notes text,
  allergies text[] not null default '{}',
  care_plan boolean not null default false,
  care_plan_notes text,
  authorised_pickups jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);
create index children_household on children (collectivity_id, household_id);

create table services (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('canteen','childcare','leisure','other')),
  description text,
  position integer not null default 0,
  archived_at timestamptz,
  primary key (collectivity_id, id)
);

create table sites (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('school','leisure_centre','other')),
  address jsonb,
  archived_at timestamptz,
  primary key (collectivity_id, id)
);

create table activities (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  service_id uuid not null,
  site_id uuid not null,
  code text not null,
  name text not null,
  weekdays smallint[] not null,
  school_holidays text not null check (school_holidays in ('closed','open','only')),
  sessions jsonb not null default '[]'::jsonb,
  season_from date not null,
  season_to date not null,
  capacity integer check (capacity > 0),
  waitlist boolean not null default false,
  booking_deadline jsonb not null,
  cancellation_deadline jsonb not null,
  registration_opens_at timestamptz,
  registration_closes_at timestamptz,
  payment_mode text not null check (payment_mode in ('prepaid','postpaid')),
  pricing jsonb not null,
  hold_minutes integer not null default 20 check (hold_minutes between 1 and 1440),
  max_days_per_child_per_session integer check (max_days_per_child_per_session > 0),
  refund_on_cancel boolean not null default true,
  position integer not null default 0,
  archived_at timestamptz,
  primary key (collectivity_id, id),
  foreign key (collectivity_id, service_id) references services(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, site_id) references sites(collectivity_id, id) on delete cascade,
  check (season_from <= season_to)
);
create index activities_service on activities (collectivity_id, service_id);

create table closures (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  site_id uuid,
  activity_id uuid,
  from_date date not null,
  to_date date not null,
  reason text not null,
  primary key (collectivity_id, id),
  foreign key (collectivity_id, site_id) references sites(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, activity_id) references activities(collectivity_id, id) on delete cascade,
  check (from_date <= to_date)
);

create table enrolments (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  child_id uuid not null,
  activity_id uuid not null,
  from_date date not null,
  to_date date not null,
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  primary key (collectivity_id, id),
  unique (collectivity_id, child_id, activity_id, from_date),
  foreign key (collectivity_id, child_id) references children(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, activity_id) references activities(collectivity_id, id) on delete cascade,
  check (from_date <= to_date)
);
create index enrolments_activity on enrolments (collectivity_id, activity_id);

create table payments (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  provider text not null,
  provider_ref text,
  purpose text not null check (purpose in ('checkout','invoice')),
  invoice_id uuid,
  status text not null check (status in ('pending','paid','refused','expired','refunded')),
  amount_cents integer not null check (amount_cents >= 0),
  currency char(3) not null default 'EUR',
  expires_at timestamptz not null,
  paid_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  unique (collectivity_id, provider, provider_ref),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);
create index payments_household on payments (collectivity_id, household_id, created_at);

create table bookings (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  child_id uuid not null,
  activity_id uuid not null,
  date date not null,
  status text not null check (status in
    ('booked','pending_payment','waitlisted','cancel_requested','cancelled','expired','refused')),
  price_cents integer not null check (price_cents >= 0),
  payment_id uuid,
  hold_expires_at timestamptz,
  waitlisted_at timestamptz,
  attendance text check (attendance in ('present','absent_justified','absent_unjustified')),
  attendance_recorded_at timestamptz,
  absence_reason text,
  cancel_reason text,
  decided_by uuid references accounts(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, child_id) references children(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, activity_id) references activities(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, payment_id) references payments(collectivity_id, id) on delete set null (payment_id)
);
-- One live booking per child, activity and day: a cell is never booked twice.
create unique index bookings_one_live_per_cell on bookings (collectivity_id, child_id, activity_id, date)
  where status not in ('cancelled','expired','refused');
create index bookings_activity_day on bookings (collectivity_id, activity_id, date, status);
create index bookings_payment on bookings (collectivity_id, payment_id) where payment_id is not null;

create table carts (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  updated_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  unique (collectivity_id, household_id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);

create table cart_lines (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  cart_id uuid not null,
  child_id uuid not null,
  activity_id uuid not null,
  date date not null,
  action text not null check (action in ('book','cancel')),
  reason text,
  created_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  unique (collectivity_id, cart_id, child_id, activity_id, date),
  foreign key (collectivity_id, cart_id) references carts(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, child_id) references children(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, activity_id) references activities(collectivity_id, id) on delete cascade
);

create table invoices (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  kind text not null check (kind in ('invoice','credit_note')),
  number text not null,
  period_from date,
  period_to date,
  issued_at timestamptz,
  due_date date,
  status text not null check (status in ('draft','issued','paid','cancelled')),
  total_cents integer not null,
  currency char(3) not null default 'EUR',
  created_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  unique (collectivity_id, number),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);
create index invoices_household on invoices (collectivity_id, household_id, issued_at);

create table invoice_lines (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  invoice_id uuid not null,
  booking_id uuid,
  label text not null,
  quantity integer not null,
  unit_cents integer not null,
  total_cents integer not null,
  primary key (collectivity_id, id),
  foreign key (collectivity_id, invoice_id) references invoices(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, booking_id) references bookings(collectivity_id, id) on delete set null (booking_id)
);
create index invoice_lines_invoice on invoice_lines (collectivity_id, invoice_id);

alter table payments add foreign key (collectivity_id, invoice_id)
  references invoices(collectivity_id, id) on delete set null (invoice_id);

create table request_categories (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  title text not null,
  help_text text,
  template text,
  fields jsonb not null default '[]'::jsonb,
  attachment_types jsonb not null default '[]'::jsonb,
  effect text check (effect in ('address','allergy','pickup')),
  position integer not null default 0,
  archived_at timestamptz,
  primary key (collectivity_id, id)
);

create table requests (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  category_id uuid not null,
  child_id uuid,
  author_account_id uuid references accounts(id) on delete set null,
  status text not null check (status in ('submitted','in_progress','needs_info','accepted','rejected')),
  answers jsonb not null default '{}'::jsonb,
  body text,
  assigned_to uuid references accounts(id) on delete set null,
  decision_reason text,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, category_id) references request_categories(collectivity_id, id),
  foreign key (collectivity_id, child_id) references children(collectivity_id, id) on delete set null (child_id)
);
create index requests_household on requests (collectivity_id, household_id, created_at);
create index requests_inbox on requests (collectivity_id, status, created_at);

create table request_messages (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  request_id uuid not null,
  author_account_id uuid references accounts(id) on delete set null,
  author_kind text not null check (author_kind in ('parent','agent')),
  body text not null,
  created_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  foreign key (collectivity_id, request_id) references requests(collectivity_id, id) on delete cascade
);
create index request_messages_request on request_messages (collectivity_id, request_id, created_at);

create table attachments (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  uploaded_by uuid references accounts(id) on delete set null,
  request_id uuid,
  attachment_type text,
  filename text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null,
  storage_key text not null,
  created_at timestamptz not null default now(),
  primary key (collectivity_id, id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, request_id) references requests(collectivity_id, id) on delete set null (request_id)
);
create index attachments_request on attachments (collectivity_id, request_id);

-- The PostgreSQL backend of the attachment storage interface (an object store can replace it).
create table attachment_blobs (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  storage_key text not null,
  content bytea not null,
  primary key (collectivity_id, storage_key)
);

create table audit_log (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  at timestamptz not null default now(),
  actor_account_id uuid references accounts(id) on delete set null,
  action text not null,
  object_type text not null,
  object_id text,
  details jsonb not null default '{}'::jsonb,
  primary key (collectivity_id, id)
);
create index audit_log_at on audit_log (collectivity_id, at);

create table idempotency_keys (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  key text not null,
  request_hash text not null,
  response_status integer,
  response_body jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (collectivity_id, account_id, key)
);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop schema public cascade;\ncreate schema public;\n');
}
