import type { Fetch } from '@foyer/sdk';

/** A request as the fake saw it. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  /** A JSON body, parsed. */
  body: unknown;
  /** A multipart body, as given to `fetch`. */
  form: FormData | undefined;
}

type Answer = Response | Error | ((request: SeenRequest) => Response | Error);

/** A JSON answer, with a problem+json type for error statuses. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

/** The problem+json answer the API gives for `code`. */
export function problem(status: number, code: string, headers: Record<string, string> = {}): Response {
  return json(status, { type: `https://foyer.dev/problems/${code}`, title: 'Error', status, detail: code, code }, headers);
}

/**
 * A `fetch` that answers from a script, in order (the last answer repeats), and records the
 * requests: for what a real API cannot be made to do on demand (fail, throttle, paginate).
 */
export function fakeFetch(...answers: Answer[]): Fetch & { requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const request: SeenRequest = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      form: init.body instanceof FormData ? init.body : undefined,
    };
    requests.push(request);
    const next = answers[Math.min(requests.length, answers.length) - 1];
    const answer = typeof next === 'function' ? next(request) : next;
    if (answer === undefined) throw new Error('fakeFetch: no answer scripted');
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return Object.assign(fetch, { requests });
}
