import { describe, expect, it } from 'vitest';
import type { DeadlineRule, Pricing } from '../../domain/index.js';
import { fixtureCalendar } from '../../domain/school-holidays.fixture.js';
import type { ActivityRules } from '../bookings/activity-rules.js';
import { type CalendarBooking, type CalendarInput, calendarCells } from './calendar-cells.js';

const TZ = 'Europe/Paris';
/** Friday 27 November 2026, 08:00 in Paris. */
const NOW = new Date('2026-11-27T07:00:00Z');
const PRICING: Pricing = {
  currency: 'EUR',
  tiers: [
    { maxQuotient: 800, amountCents: 220 },
    { maxQuotient: null, amountCents: 460 },
  ],
};

/** An activity of a Paris collectivity in zone C for the 2026–2027 school year. */
function activity(
  id: string,
  options: Partial<{
    weekdays: number[];
    schoolHolidays: 'closed' | 'open' | 'only';
    capacity: number | null;
    waitlist: boolean;
    booking: DeadlineRule;
    cancellation: DeadlineRule;
    sessions: ActivityRules['sessions'];
    closures: { from: string; to: string; reason: string }[];
  }> = {},
): ActivityRules {
  const deadline: DeadlineRule = { kind: 'calendar_days', days: 2, time: '10:00' };
  const weekdays = options.weekdays ?? [1, 2, 4, 5];
  const schoolHolidays = options.schoolHolidays ?? 'closed';
  const sessions = options.sessions ?? [];
  const capacity = options.capacity ?? null;
  const waitlist = options.waitlist ?? false;
  const bookingDeadline = options.booking ?? deadline;
  const cancellationDeadline = options.cancellation ?? deadline;
  const season = { from: '2026-09-01', to: '2027-08-31' };
  return {
    id,
    serviceId: 'service',
    siteId: 'site',
    code: id.toUpperCase(),
    name: id,
    paymentMode: 'postpaid',
    capacity,
    waitlist,
    holdMinutes: 20,
    maxDaysPerChildPerSession: null,
    refundOnCancel: true,
    opening: { weekdays, schoolHolidays, sessions, season },
    openingContext: { schoolCalendar: fixtureCalendar('C'), alsaceMoselle: false, closures: options.closures ?? [] },
    deadlineContext: { timeZone: TZ, alsaceMoselle: false },
    bookingDeadline,
    cancellationDeadline,
    window: {},
    sessions,
    pricing: PRICING,
    row: {
      collectivity_id: 'town',
      id,
      service_id: 'service',
      site_id: 'site',
      code: id.toUpperCase(),
      name: id,
      weekdays,
      school_holidays: schoolHolidays,
      sessions,
      season_from: season.from,
      season_to: season.to,
      capacity,
      waitlist,
      booking_deadline: { ...bookingDeadline },
      cancellation_deadline: { ...cancellationDeadline },
      registration_opens_at: null,
      registration_closes_at: null,
      payment_mode: 'postpaid',
      pricing: { ...PRICING },
      hold_minutes: 20,
      max_days_per_child_per_session: null,
      refund_on_cancel: true,
      position: 0,
      archived_at: null,
    },
  };
}

const canteen = activity('canteen');

function input(overrides: Partial<CalendarInput> = {}): CalendarInput {
  const activities = overrides.activities ?? [canteen];
  return {
    from: '2026-11-30',
    to: '2026-12-06',
    now: NOW,
    timeZone: TZ,
    activities,
    enrolments: activities.map((a) => ({ activityId: a.id, from: '2026-09-01', to: '2027-08-31' })),
    bookings: [],
    placesTaken: new Map(),
    cartLines: [],
    household: { familyQuotient: 720, resident: true },
    ...overrides,
  };
}

function booking(date: string, status: CalendarBooking['status'], extra: Partial<CalendarBooking> = {}): CalendarBooking {
  return {
    id: `${status}-${date}`,
    activityId: 'canteen',
    date,
    status,
    priceCents: 200,
    holdExpiresAt: null,
    attendance: null,
    updatedAt: new Date('2026-11-20T10:00:00Z'),
    ...extra,
  };
}

const cellOn = (cells: ReturnType<typeof calendarCells>, date: string, activityId = 'canteen') => {
  const cell = cells.find((c) => c.date === date && c.activityId === activityId);
  if (!cell) throw new Error(`no cell ${date} ${activityId}`);
  return cell;
};

describe('calendarCells', () => {
  it('lists one cell per day and activity, by date then in the order of the activities', () => {
    const cells = calendarCells(input({ activities: [canteen, activity('evening')] }));
    expect(cells).toHaveLength(14);
    expect(cells.slice(0, 4).map((c) => [c.date, c.activityId])).toEqual([
      ['2026-11-30', 'canteen'],
      ['2026-11-30', 'evening'],
      ['2026-12-01', 'canteen'],
      ['2026-12-01', 'evening'],
    ]);
  });

  it('closes the days the activity does not run, with the reason and the name of the holiday or closure', () => {
    const closures = [{ from: '2026-12-18', to: '2026-12-18', reason: 'Journée pédagogique' }];
    const cells = calendarCells(input({ from: '2026-12-16', to: '2026-12-25', activities: [activity('canteen', { closures })] }));
    expect(cellOn(cells, '2026-12-16')).toMatchObject({ status: 'closed', reason: 'weekday', label: null, canBook: false });
    expect(cellOn(cells, '2026-12-18')).toMatchObject({ status: 'closed', reason: 'closure', label: 'Journée pédagogique' });
    expect(cellOn(cells, '2026-12-21')).toMatchObject({ status: 'closed', reason: 'school_holiday', label: 'Vacances de Noël' });
    expect(cellOn(cells, '2026-12-25')).toMatchObject({ status: 'closed', reason: 'public_holiday', label: 'Noël' });
    expect(cellOn(cells, '2026-12-25')).toMatchObject({ bookingDeadline: null, cancellationDeadline: null });
  });

  it('marks the days outside every enrolment', () => {
    const cells = calendarCells(input({ enrolments: [{ activityId: 'canteen', from: '2026-12-03', to: '2027-07-04' }] }));
    expect(cellOn(cells, '2026-12-01')).toMatchObject({ status: 'not_enrolled', reason: 'not_enrolled', canBook: false });
    expect(cellOn(cells, '2026-12-01').bookingDeadline).toBeNull();
    expect(cellOn(cells, '2026-12-03')).toMatchObject({ status: 'available', reason: null, canBook: true });
  });

  it('offers a free day until its booking deadline, with the deadlines and the household price', () => {
    const before = cellOn(calendarCells(input()), '2026-11-30');
    expect(before).toMatchObject({ status: 'available', canBook: true, reason: null, priceCents: 220, placesLeft: null });
    expect(before.bookingDeadline).toBe('2026-11-28T09:00:00.000Z');
    const after = cellOn(calendarCells(input({ now: new Date('2026-11-28T09:00:01Z') })), '2026-11-30');
    expect(after).toMatchObject({ status: 'available', canBook: false, reason: 'deadline_passed' });
  });

  it('lets a booked day be cancelled before the deadline, then reported absent until the day is over', () => {
    const bookings = [booking('2026-11-30', 'booked')];
    const early = cellOn(calendarCells(input({ bookings })), '2026-11-30');
    expect(early).toMatchObject({ status: 'booked', bookingId: 'booked-2026-11-30', priceCents: 200, canCancel: true });
    expect(early.canReportAbsence).toBe(false);
    const late = cellOn(calendarCells(input({ bookings, now: new Date('2026-11-30T07:00:00Z') })), '2026-11-30');
    expect(late).toMatchObject({ canCancel: false, canReportAbsence: true, reason: null });
    // 23:30 in Paris is still Monday; 00:30 is Tuesday.
    expect(cellOn(calendarCells(input({ bookings, now: new Date('2026-11-30T22:30:00Z') })), '2026-11-30').canReportAbsence).toBe(
      true,
    );
    expect(cellOn(calendarCells(input({ bookings, now: new Date('2026-11-30T23:30:00Z') })), '2026-11-30').canReportAbsence).toBe(
      false,
    );
  });

  it('shows the attendance recorded on past days', () => {
    const bookings = [booking('2026-11-23', 'booked', { attendance: 'absent_justified' })];
    const cell = cellOn(calendarCells(input({ from: '2026-11-23', to: '2026-11-23', bookings })), '2026-11-23');
    expect(cell).toMatchObject({ status: 'booked', attendance: 'absent_justified', canCancel: false, canReportAbsence: false });
  });

  it('counts a payment hold only while it lasts', () => {
    const holding = [booking('2026-11-30', 'pending_payment', { holdExpiresAt: new Date('2026-11-27T07:20:00Z') })];
    expect(cellOn(calendarCells(input({ bookings: holding })), '2026-11-30')).toMatchObject({
      status: 'pending_payment',
      canBook: false,
      canCancel: false,
    });
    const later = cellOn(calendarCells(input({ bookings: holding, now: new Date('2026-11-27T07:21:00Z') })), '2026-11-30');
    expect(later).toMatchObject({ status: 'available', canBook: true, bookingId: null });
  });

  it('shows the last cancellation and lets the day be booked again', () => {
    const bookings = [
      booking('2026-11-30', 'expired', { updatedAt: new Date('2026-11-10T10:00:00Z') }),
      booking('2026-11-30', 'cancelled', { updatedAt: new Date('2026-11-20T10:00:00Z') }),
    ];
    expect(cellOn(calendarCells(input({ bookings })), '2026-11-30')).toMatchObject({
      status: 'cancelled',
      bookingId: 'cancelled-2026-11-30',
      canBook: true,
    });
  });

  it('offers the waiting list on a full day, and refuses it when the activity has none', () => {
    const leisure = activity('leisure', { weekdays: [1, 2, 3, 4, 5], capacity: 24, waitlist: true });
    const closedList = activity('camp', { weekdays: [1, 2, 3, 4, 5], capacity: 10 });
    const placesTaken = new Map([
      ['leisure|2026-12-01', 24],
      ['leisure|2026-12-02', 20],
      ['camp|2026-12-01', 10],
    ]);
    const cells = calendarCells(input({ activities: [leisure, closedList], placesTaken }));
    expect(cellOn(cells, '2026-12-01', 'leisure')).toMatchObject({
      status: 'full',
      reason: null,
      canBook: true,
      waitlist: true,
      placesLeft: 0,
    });
    expect(cellOn(cells, '2026-12-02', 'leisure')).toMatchObject({ status: 'available', waitlist: false, placesLeft: 4 });
    expect(cellOn(cells, '2026-12-01', 'camp')).toMatchObject({
      status: 'full',
      reason: 'full',
      canBook: false,
      waitlist: false,
    });
  });

  it('lets a child leave the waiting list whatever the cancellation deadline', () => {
    const leisure = activity('leisure', { weekdays: [1, 2, 3, 4, 5], capacity: 24, waitlist: true });
    const bookings = [booking('2026-11-30', 'waitlisted', { activityId: 'leisure' })];
    const now = new Date('2026-11-30T06:00:00Z');
    const cell = cellOn(calendarCells(input({ activities: [leisure], bookings, now })), '2026-11-30', 'leisure');
    expect(cell).toMatchObject({ status: 'waitlisted', canCancel: true, canBook: false, canReportAbsence: false });
  });

  it('holds a late cancellation for the agents without offering anything else', () => {
    const bookings = [booking('2026-11-30', 'cancel_requested')];
    expect(cellOn(calendarCells(input({ bookings })), '2026-11-30')).toMatchObject({
      status: 'cancel_requested',
      canBook: false,
      canCancel: false,
      canReportAbsence: false,
    });
  });

  it('says when registrations are not open yet', () => {
    const opensAt = '2027-06-01T06:00:00.000Z';
    const summer = activity('summer', {
      weekdays: [1, 2, 3, 4, 5],
      schoolHolidays: 'only',
      sessions: [{ from: '2027-07-05', to: '2027-08-31', name: 'Été', opensAt }],
    });
    const cells = calendarCells(input({ from: '2027-07-05', to: '2027-07-05', activities: [summer] }));
    expect(cellOn(cells, '2027-07-05', 'summer')).toMatchObject({
      status: 'available',
      reason: 'registration_not_open',
      canBook: false,
    });
  });

  it("shows the change waiting in the household's cart", () => {
    const cartLines = [{ id: 'line-1', activityId: 'canteen', date: '2026-12-03', action: 'book' as const }];
    expect(cellOn(calendarCells(input({ cartLines })), '2026-12-03').pending).toEqual({ lineId: 'line-1', action: 'book' });
    expect(cellOn(calendarCells(input({ cartLines })), '2026-12-04').pending).toBeNull();
  });
});
