import { msg } from '@lit/localize';
import { type AdminErrorCode, addErrorTexts } from '../../shared/errors.js';

/** What the codes only the back office meets mean for an agent, in the page's language. */
const ADMIN_LEADS: Record<AdminErrorCode, () => string> = {
  already_agent: () => msg('Cette personne est déjà agent de la commune.'),
  month_not_over: () => msg("Ce mois n'est pas terminé : il ne peut pas encore être facturé."),
  billing_anomalies: () => msg("Des jours du mois sont à régler avant de facturer (voir l'aperçu)."),
  invoice_not_creditable: () =>
    msg('Seule une facture émise, payée ou non, et pas encore entièrement créditée peut recevoir un avoir.'),
  invoice_line_already_credited: () =>
    msg('Une des lignes choisies a déjà été créditée par un avoir : chaque ligne ne se crédite qu’une fois.'),
  attendance_conflict: () => msg('Un autre agent a pointé cet enfant entre-temps : vérifiez son pointage avant de le changer.'),
  not_booked: () => msg("Cet enfant n'est pas attendu ce jour-là : on ne peut l'ajouter que présent."),
  not_waitlisted: () => msg("Cet enfant n'est plus sur la liste d'attente : rechargez la liste."),
  day_full: () =>
    msg('Aucune place n’est libre ce jour-là : confirmez le dépassement de la capacité pour inscrire cet enfant quand même.'),
  last_admin: () => msg('La commune doit garder au moins un administrateur.'),
  guardian_active: () => msg('Ce responsable a déjà activé son compte.'),
  guardian_without_email: () => msg('Ce responsable n’a pas d’adresse e-mail : ajoutez-la avant de l’inviter.'),
  join_request_decided: () => msg('Cette demande d’adhésion a déjà été traitée.'),
};

addErrorTexts(ADMIN_LEADS);
