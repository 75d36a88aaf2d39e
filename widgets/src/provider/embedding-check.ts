import { system } from '@foyer/sdk/contract';
import { msg } from '@lit/localize';

/** Why a page's Foyer cannot work, told twice: to the parent (what to do) and to the webmaster (the fix). */
export interface EmbeddingProblem {
  kind: 'unreachable' | 'unknown_collectivity' | 'unregistered_origin' | 'outdated_client';
  /** For the parent, in the page's language: what happens and whom to call. */
  message: () => string;
  /** For the webmaster, in English in the console: the exact fix. */
  fix: string;
}

/**
 * Asks the API whether this page can use it (`GET /v1/embedding-check`, which answers any
 * origin), and says what is wrong if not: an API that does not answer, an unknown collectivity,
 * a page origin the collectivity has not registered, or a foyer.js older than the API allows.
 * Undefined when all is well, or when the API is too old to tell.
 */
export async function checkEmbedding(api: string, collectivity: string, origin: string): Promise<EmbeddingProblem | undefined> {
  const url = `${api}${system.embeddingCheck.path}?collectivity=${encodeURIComponent(collectivity)}`;
  let answer: Response;
  try {
    answer = await fetch(url, { headers: { accept: 'application/json' } });
  } catch {
    return {
      kind: 'unreachable',
      message: () =>
        msg('Le service de réservation ne répond pas. Réessayez dans quelques minutes ; si cela dure, prévenez votre mairie.'),
      fix: `Foyer: no answer from the API at ${api} (GET ${url} failed). Check the "api" attribute of <foyer-provider>, that the Foyer server runs and that this page can reach it (HTTPS, firewall, DNS).`,
    };
  }
  if (!answer.ok) return undefined;
  const check = (await answer.json().catch(() => undefined)) as system.EmbeddingCheck | undefined;
  if (!check?.contract) return undefined;
  if (check.collectivity === 'unknown') {
    return {
      kind: 'unknown_collectivity',
      message: () => msg("L'espace famille de cette commune n'est pas encore configuré. Contactez votre mairie."),
      fix: `Foyer: the API at ${api} has no collectivity "${collectivity}". Check the "collectivity" attribute of <foyer-provider>: it is the collectivity's slug, as listed by \`foyer collectivity list\`.`,
    };
  }
  if (check.origin === 'unregistered') {
    return {
      kind: 'unregistered_origin',
      message: () =>
        msg("L'espace famille n'est pas encore ouvert sur ce site. Contactez votre mairie pour réserver en attendant."),
      fix: `Foyer: this page's origin ${origin} is not registered for "${collectivity}", so the API refuses its calls. Register it on the Foyer server: foyer origin add ${collectivity} ${origin}`,
    };
  }
  if (system.CONTRACT_REVISION < check.contract.oldestClient) {
    return {
      kind: 'outdated_client',
      message: () =>
        msg(
          "Cette page utilise une version trop ancienne de l'espace famille. Rechargez la page ; si le message reste, prévenez votre mairie.",
        ),
      fix: `Foyer: this foyer.js speaks contract revision ${system.CONTRACT_REVISION}, older than the oldest the API at ${api} serves (${check.contract.oldestClient}). Load foyer.js from the API itself (<script type="module" src="${api}/foyer.js">) or update @foyer/widgets.`,
    };
  }
  return undefined;
}
