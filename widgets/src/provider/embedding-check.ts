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
 * Undefined when all is well, or when the API is too old to tell. The texts of the
 * unreachable case stay here: foyer.js may come from a cache while its server is down.
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
  const kind =
    check.collectivity === 'unknown'
      ? 'unknown_collectivity'
      : check.origin === 'unregistered'
        ? 'unregistered_origin'
        : system.CONTRACT_REVISION < check.contract.oldestClient
          ? 'outdated_client'
          : undefined;
  if (!kind) return undefined;
  // Their texts load only when a page is set up wrong; a chunk that cannot load leaves the page as is.
  const texts = await import('./configuration-problem.js').catch(() => undefined);
  return texts?.configurationProblem(kind, {
    api,
    collectivity,
    origin,
    clientRevision: system.CONTRACT_REVISION,
    oldestClient: check.contract.oldestClient,
  });
}
