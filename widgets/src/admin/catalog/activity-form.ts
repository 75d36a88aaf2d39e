import type { adminCatalog } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { type FieldErrors, inputField, selectField } from '../../shared/form-fields.js';
import { weekdayName } from '../../shared/format.js';

type Activity = adminCatalog.AdminActivity;
type Deadline = Activity['bookingDeadline'];

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const TIER_ROWS = 4;
/** Empty session rows offered after the activity's own (a leisure centre has one per holiday). */
const SPARE_SESSION_ROWS = 2;

const euros = (cents: number | null | undefined) => (cents === null || cents === undefined ? '' : (cents / 100).toFixed(2));
const cents = (value: unknown) => (typeof value === 'string' ? Math.round(Number(value.replace(',', '.')) * 100) : value);
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** A datetime-local value ("2026-09-01T08:00") as an instant in the browser's zone, as the contract wants. */
function instantOf(local: unknown): unknown {
  if (typeof local !== 'string') return local;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}
/** An instant as a datetime-local value in the browser's zone. */
function localOf(value: string | null): string {
  if (!value) return '';
  const date = new Date(value);
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** A deadline's fields kept for its kind: the contract's variants refuse the others. */
function deadlineOf(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const { kind, days, weekday, time } = value as Record<string, unknown>;
  if (kind === 'none') return { kind };
  if (kind === 'previous_week') return { kind, weekday, time };
  return { kind, days, time };
}

/**
 * What the activity form's controls say, as the contract's `ActivityInput`: the weekdays'
 * checkboxes as a list, euros as cents, tiers without a maximum as the last one, local dates
 * and times as instants, empty daily times as none.
 */
export function adjustActivity(value: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = { ...value };
  out.weekdays = WEEKDAYS.filter((d) => value[`weekday-${d}`] === true);
  for (const d of WEEKDAYS) delete out[`weekday-${d}`];
  const pricing = (value.pricing ?? {}) as { tiers?: Record<string, unknown>[]; nonResident?: unknown };
  out.pricing = {
    tiers: (pricing.tiers ?? [])
      .filter((t) => t.amount !== undefined || t.maxQuotient !== undefined)
      .map((t) => ({ maxQuotient: t.maxQuotient ?? null, amountCents: cents(t.amount) })),
    ...(pricing.nonResident === undefined ? {} : { nonResidentAmountCents: cents(pricing.nonResident) }),
  };
  // A surcharge left empty: no walk-in billing.
  out.walkInSurchargeCents = value.walkInSurcharge === undefined ? null : cents(value.walkInSurcharge);
  delete out.walkInSurcharge;
  // Times left empty: a whole day (the calendar feed shows an all-day event).
  out.startsAt = value.startsAt ?? null;
  out.endsAt = value.endsAt ?? null;
  // Session rows left empty are not sessions; a session cleared on edit is removed.
  out.sessions = ((value.sessions ?? []) as Record<string, unknown>[])
    .filter((s) => s && (s.name !== undefined || s.from !== undefined || s.to !== undefined))
    .map(({ opensAt, ...s }) => (opensAt === undefined ? s : { ...s, opensAt: instantOf(opensAt) }));
  out.bookingDeadline = deadlineOf(value.bookingDeadline);
  out.cancellationDeadline = deadlineOf(value.cancellationDeadline);
  for (const key of ['registrationOpensAt', 'registrationClosesAt']) if (key in out) out[key] = instantOf(out[key]);
  return out;
}

function deadlineFields(
  name: 'bookingDeadline' | 'cancellationDeadline',
  legend: string,
  errors: FieldErrors,
  current?: Deadline,
): TemplateResult {
  const kinds: [string, string][] = [
    ['calendar_days', msg('jours calendaires avant, à une heure')],
    ['working_days', msg('jours ouvrés avant, à une heure')],
    ['previous_week', msg('la semaine précédente, un jour et une heure')],
    ['none', msg('aucun délai')],
  ];
  const days = current && 'days' in current ? String(current.days) : '1';
  const weekday = current && 'weekday' in current ? String(current.weekday) : '4';
  const time = current && 'time' in current ? current.time : '10:00';
  return html`<fieldset>
    <legend>${legend}</legend>
    <div class="row">
      ${selectField(`${name}.kind`, msg('Règle'), errors, kinds, { id: `${name}-kind`, value: current?.kind ?? 'calendar_days' })}
      ${inputField(`${name}.days`, msg('Nombre de jours'), errors, { id: `${name}-days`, type: 'number', value: days })}
      ${selectField(
        `${name}.weekday`,
        msg('Jour (semaine précédente)'),
        errors,
        WEEKDAYS.map((d) => [String(d), weekdayName(d)]),
        { id: `${name}-weekday`, value: weekday },
      )}
      ${inputField(`${name}.time`, msg('Heure limite'), errors, { id: `${name}-time`, type: 'time', value: time })}
    </div>
  </fieldset>`;
}

/** The activity form's fields, filled with `current` when editing. */
export function activityFields(
  errors: FieldErrors,
  services: adminCatalog.AdminService[],
  sites: adminCatalog.AdminSite[],
  current?: Activity,
): TemplateResult {
  const tiers = current?.pricing.tiers ?? [];
  return html`<div class="row">
      ${selectField(
        'serviceId',
        msg('Service'),
        errors,
        services.filter((s) => !s.archived).map((s) => [s.id, s.name]),
        { id: 'a-service', required: true, placeholder: msg('Choisir…'), value: current?.serviceId ?? '' },
      )}
      ${selectField(
        'siteId',
        msg('Site'),
        errors,
        sites.filter((s) => !s.archived).map((s) => [s.id, s.name]),
        { id: 'a-site', required: true, placeholder: msg('Choisir…'), value: current?.siteId ?? '' },
      )}
      ${inputField('code', msg('Code'), errors, { id: 'a-code', required: true, hint: msg('Par exemple CANTINE-A'), value: current?.code ?? '' })}
      ${inputField('name', msg('Nom'), errors, { id: 'a-name', required: true, value: current?.name ?? '' })}
    </div>
    <fieldset id="weekdays" tabindex="-1">
      <legend>${msg('Jours de la semaine')}</legend>
      ${WEEKDAYS.map(
        (d) => html`<span class="choice inline">
          <input type="checkbox" id="a-weekday-${d}" name="weekday-${d}" ?checked=${current ? current.weekdays.includes(d) : d <= 5 && d !== 3} />
          <label for="a-weekday-${d}">${weekdayName(d)}</label>
        </span>`,
      )}
      ${errors.weekdays ? html`<p class="field-error">${errors.weekdays}</p>` : ''}
    </fieldset>
    <div class="row">
      ${inputField('startsAt', msg('Heure de début'), errors, { id: 'a-startsAt', type: 'time', value: current?.startsAt ?? '' })}
      ${inputField('endsAt', msg('Heure de fin'), errors, { id: 'a-endsAt', type: 'time', value: current?.endsAt ?? '' })}
    </div>
    <div class="row">
      ${selectField(
        'schoolHolidays',
        msg('Vacances scolaires'),
        errors,
        [
          ['closed', msg('fermé')],
          ['open', msg('ouvert')],
          ['only', msg('uniquement')],
        ],
        { id: 'a-holidays', value: current?.schoolHolidays ?? 'closed' },
      )}
      ${inputField('seasonFrom', msg('Début de saison'), errors, { id: 'a-seasonFrom', type: 'date', required: true, value: current?.seasonFrom ?? '' })}
      ${inputField('seasonTo', msg('Fin de saison'), errors, { id: 'a-seasonTo', type: 'date', required: true, value: current?.seasonTo ?? '' })}
      ${inputField('capacity', msg('Capacité (places par jour)'), errors, { id: 'a-capacity', type: 'number', value: text(current?.capacity) })}
      ${inputField('maxDaysPerChildPerSession', msg('Plafond de jours par enfant et session'), errors, { id: 'a-cap', type: 'number', value: text(current?.maxDaysPerChildPerSession) })}
      ${selectField(
        'paymentMode',
        msg('Paiement'),
        errors,
        [
          ['postpaid', msg('sur facture (après)')],
          ['prepaid', msg('à la réservation (avant)')],
        ],
        { id: 'a-payment', value: current?.paymentMode ?? 'postpaid' },
      )}
      ${inputField('registrationOpensAt', msg('Ouverture des inscriptions'), errors, { id: 'a-opens', type: 'datetime-local', value: localOf(current?.registrationOpensAt ?? null) })}
      ${inputField('registrationClosesAt', msg('Clôture des inscriptions'), errors, { id: 'a-closes', type: 'datetime-local', value: localOf(current?.registrationClosesAt ?? null) })}
    </div>
    <div class="choice">
      <input type="checkbox" id="a-waitlist" name="waitlist" ?checked=${current?.waitlist ?? false} />
      <label for="a-waitlist">${msg("Liste d'attente quand c'est complet")}</label>
    </div>
    ${deadlineFields('bookingDeadline', msg('Délai de réservation'), errors, current?.bookingDeadline)}
    ${deadlineFields('cancellationDeadline', msg("Délai d'annulation"), errors, current?.cancellationDeadline)}
    <fieldset>
      <legend>${msg('Tarifs par tranche de quotient familial (en euros)')}</legend>
      <p class="hint">${msg('Laissez vide le quotient maximum de la dernière tranche.')}</p>
      ${Array.from({ length: TIER_ROWS }, (_, i) => {
        const tier = tiers[i];
        return html`<div class="row">
          ${inputField(`pricing.tiers.${i}.maxQuotient`, msg(str`Tranche ${i + 1} : quotient maximum`), errors, { id: `a-tier-${i}-max`, type: 'number', value: text(tier?.maxQuotient) })}
          ${inputField(`pricing.tiers.${i}.amount`, msg(str`Tranche ${i + 1} : prix`), errors, { id: `a-tier-${i}-amount`, inputmode: 'decimal', value: euros(tier?.amountCents) })}
        </div>`;
      })}
      ${errors['pricing.tiers'] ? html`<p class="field-error">${errors['pricing.tiers']}</p>` : ''}
      ${inputField('pricing.nonResident', msg('Prix hors commune'), errors, { id: 'a-nonresident', inputmode: 'decimal', value: euros(current?.pricing.nonResidentAmountCents) })}
      ${inputField('walkInSurcharge', msg('Prix d’un jour sans réservation'), errors, { id: 'a-walkin', inputmode: 'decimal', hint: msg('Facturé quand l’enfant vient sans être inscrit ; vide : non facturé.'), value: euros(current?.walkInSurchargeCents) })}
    </fieldset>
    ${sessionFields(errors, current?.sessions ?? [])}`;
}

/** The sessions (a leisure centre's holiday periods), each with its own registration opening. */
function sessionFields(errors: FieldErrors, sessions: Activity['sessions']): TemplateResult {
  const rows = Math.min(50, sessions.length + SPARE_SESSION_ROWS);
  return html`<fieldset id="sessions" tabindex="-1">
    <legend>${msg('Sessions (périodes d’ouverture)')}</legend>
    <p class="hint">${msg('Sans session, l’activité ouvre toute la saison. Videz une ligne pour retirer sa session.')}</p>
    ${Array.from({ length: rows }, (_, i) => {
      const session = sessions[i];
      return html`<div class="row">
        ${inputField(`sessions.${i}.name`, msg(str`Session ${i + 1} : nom`), errors, { id: `a-session-${i}-name`, value: session?.name ?? '' })}
        ${inputField(`sessions.${i}.from`, msg(str`Session ${i + 1} : du`), errors, { id: `a-session-${i}-from`, type: 'date', value: session?.from ?? '' })}
        ${inputField(`sessions.${i}.to`, msg(str`Session ${i + 1} : au`), errors, { id: `a-session-${i}-to`, type: 'date', value: session?.to ?? '' })}
        ${inputField(`sessions.${i}.opensAt`, msg(str`Session ${i + 1} : inscriptions dès`), errors, { id: `a-session-${i}-opens`, type: 'datetime-local', value: localOf(session?.opensAt ?? null) })}
      </div>`;
    })}
    ${errors.sessions ? html`<p class="field-error">${errors.sessions}</p>` : ''}
  </fieldset>`;
}
