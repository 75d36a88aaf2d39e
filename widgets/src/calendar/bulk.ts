import { msg, str } from '@lit/localize';
import { addDays, type LocalDate } from '../shared/dates.js';
import type { CartChange, CartLinesInput, Child } from '../shared/store.js';
import type { CellKind } from './cell-view.js';

/**
 * The activity a brother or sister has in the same service as `activity`: the one with the
 * same name (each school has its own "REPAS"), or the only one they have in that service.
 */
export function siblingActivity(sibling: Child, serviceId: string, activity: { id: string; name: string }): string | undefined {
  const inService = sibling.enrolments.filter((e) => e.service.id === serviceId);
  const same = inService.find((e) => e.activity.id === activity.id) ?? inService.find((e) => e.activity.name === activity.name);
  if (same) return same.activity.id;
  const only = new Set(inService.map((e) => e.activity.id));
  return only.size === 1 ? inService[0]?.activity.id : undefined;
}

/**
 * "Same days for all my children": the lines that give every other child of the service the
 * days chosen for one child, activity by activity.
 */
export function sameDaysInputs(
  children: Child[],
  childId: string,
  serviceId: string,
  chosen: { activityId: string; activityName: string; date: string }[],
): CartLinesInput[] {
  const siblings = children.filter((c) => c.id !== childId && c.enrolments.some((e) => e.service.id === serviceId));
  const inputs: CartLinesInput[] = [];
  for (const sibling of siblings) {
    const byActivity = new Map<string, string[]>();
    for (const day of chosen) {
      const target = siblingActivity(sibling, serviceId, { id: day.activityId, name: day.activityName });
      if (target) byActivity.set(target, [...(byActivity.get(target) ?? []), day.date]);
    }
    for (const [activityId, dates] of byActivity) {
      inputs.push({ childId: sibling.id, activityId, action: 'book', dates: [...new Set(dates)] });
    }
  }
  return inputs;
}

/** The marks of days a week's pattern keeps: booked, or chosen in the cart. */
const KEPT: ReadonlySet<CellKind> = new Set(['booked', 'pending-book', 'waitlisted', 'pending-payment']);

/**
 * "Repeat this week until …": for each activity, the weekdays booked or chosen in the week of
 * `monday`, as a period from the next Monday to `until`.
 */
export function repeatWeekInputs<A extends { id: string }>(
  childId: string,
  activities: A[],
  monday: LocalDate,
  until: LocalDate,
  kindOf: (activity: A, date: LocalDate) => CellKind,
): CartLinesInput[] {
  return activities.flatMap((activity) => {
    const weekdays = [1, 2, 3, 4, 5, 6, 7].filter((wd) => KEPT.has(kindOf(activity, addDays(monday, wd - 1))));
    return weekdays.length === 0
      ? []
      : [
          {
            childId,
            activityId: activity.id,
            action: 'book' as const,
            period: { from: addDays(monday, 7), to: until, weekdays },
          },
        ];
  });
}

/**
 * A period booking for one child, and for `children` besides (their activity of the same
 * service). With all five weekdays ticked, the activity's own opening days decide (no canteen on
 * Wednesdays), so none are sent.
 */
export function periodInputs(
  children: Child[],
  childId: string,
  serviceId: string,
  activity: { id: string; name: string },
  period: { from: LocalDate; to: LocalDate; weekdays: number[] },
): CartLinesInput[] {
  const { from, to, weekdays } = period;
  const days = { from, to, ...(weekdays.length < 5 ? { weekdays } : {}) };
  const targets = [{ childId, activityId: activity.id }];
  for (const sibling of children) {
    const target = sibling.id === childId ? undefined : siblingActivity(sibling, serviceId, activity);
    if (target) targets.push({ childId: sibling.id, activityId: target });
  }
  return targets.map((t) => ({ ...t, action: 'book' as const, period: days }));
}

/** Why the API skipped a date, for people. */
export function skipReason(code: string): string {
  const reasons: Record<string, string> = {
    not_enrolled: msg("enfant non inscrit à l'activité"),
    weekday: msg("pas d'activité ce jour-là"),
    public_holiday: msg('jour férié'),
    school_holiday: msg('vacances scolaires'),
    calendar_unknown: msg('calendrier scolaire pas encore connu'),
    closure: msg('fermeture exceptionnelle'),
    outside_session: msg("hors des périodes d'ouverture"),
    outside_season: msg('hors saison'),
    deadline_passed: msg('délai de réservation dépassé'),
    registration_not_open: msg('réservations pas encore ouvertes'),
    registration_closed: msg('réservations closes'),
    already_booked: msg('déjà réservé'),
    not_booked: msg('pas réservé'),
    day_passed: msg('jour passé'),
    full: msg('complet'),
    session_limit: msg('nombre maximal de jours de la période atteint'),
    payment_pending: msg('paiement en attente'),
    activity_closed: msg("l'activité n'est plus proposée"),
  };
  return reasons[code] ?? code;
}

/** "4 jours ajoutés au panier. 2 jours non ajoutés : vacances scolaires (2)." */
export function changeSummary(change: Pick<CartChange, 'added' | 'skipped'>): string {
  const added =
    change.added === 0
      ? msg('Aucun jour ajouté au panier.')
      : change.added === 1
        ? msg('1 jour ajouté au panier.')
        : msg(str`${change.added} jours ajoutés au panier.`);
  if (change.skipped.length === 0) return added;
  const counts = new Map<string, number>();
  for (const s of change.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const reasons = [...counts].map(([code, n]) => `${skipReason(code)} (${n})`).join(', ');
  const skipped =
    change.skipped.length === 1
      ? msg(str`1 jour non ajouté : ${reasons}.`)
      : msg(str`${change.skipped.length} jours non ajoutés : ${reasons}.`);
  return `${added} ${skipped}`;
}
