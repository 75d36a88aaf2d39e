import { msg } from '@lit/localize';
import type { EmbeddingProblem } from './embedding-check.js';

/** What the webmaster's fixes need to name. */
export interface ProblemContext {
  api: string;
  collectivity: string;
  origin: string;
  clientRevision: number;
  oldestClient: number;
}

/**
 * The texts of a page set up wrong (a collectivity, an origin or a foyer.js the API does not
 * know): only a page being set up shows them, so they are a chunk of their own, out of foyer.js.
 */
export function configurationProblem(
  kind: Exclude<EmbeddingProblem['kind'], 'unreachable'>,
  { api, collectivity, origin, clientRevision, oldestClient }: ProblemContext,
): EmbeddingProblem {
  switch (kind) {
    case 'unknown_collectivity':
      return {
        kind,
        message: () => msg("L'espace famille de cette commune n'est pas encore configuré. Contactez votre mairie."),
        fix: `Foyer: the API at ${api} has no collectivity "${collectivity}". Check the "collectivity" attribute of <foyer-provider>: it is the collectivity's slug, as listed by \`foyer collectivity list\`.`,
      };
    case 'unregistered_origin':
      return {
        kind,
        message: () =>
          msg("L'espace famille n'est pas encore ouvert sur ce site. Contactez votre mairie pour réserver en attendant."),
        fix: `Foyer: this page's origin ${origin} is not registered for "${collectivity}", so the API refuses its calls. Register it on the Foyer server: foyer origin add ${collectivity} ${origin}`,
      };
    case 'outdated_client':
      return {
        kind,
        message: () =>
          msg(
            "Cette page utilise une version trop ancienne de l'espace famille. Rechargez la page ; si le message reste, prévenez votre mairie.",
          ),
        fix: `Foyer: this foyer.js speaks contract revision ${clientRevision}, older than the oldest the API at ${api} serves (${oldestClient}). Load foyer.js from the API itself (<script type="module" src="${api}/foyer.js">) or update @foyer/widgets.`,
      };
  }
}
