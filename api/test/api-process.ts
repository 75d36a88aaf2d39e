import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/lib/logger.js';
import { startFoyer } from '../src/main.js';

// API processes started for real (`node api/dist/server.js`, as production runs them), for the
// fault tests (issue #16): the parents are plain HTTP clients.

export const root = fileURLToPath(new URL('../../', import.meta.url));

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  /** The process's log lines at level error or above (the cause of a 500, when a test sees one). */
  errors: string[];
}

/** Starts `node api/dist/server.js` on `databaseUrl` (with the demo town) and waits until `/readyz` answers 200. */
export async function startProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['api/dist/server.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      FOYER_PUBLIC_URL: 'http://localhost:8700',
      FOYER_SEED_DEMO: 'true',
      FOYER_DEV_MAILBOX: 'true',
      FOYER_DEMO_PAYMENTS: 'true',
      LOG_LEVEL: process.env.FAULTS_LOG ?? 'error',
      ...env,
    },
    stdio: ['ignore', process.env.FAULTS_LOG ? 'inherit' : 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (errors.length < 50 && /"level":(50|60)/.test(line)) errors.push(line.slice(0, 2000));
  });
  // What a process says on its way down: the test's output shows it if one dies.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL') console.error(`API process on port ${port} exited (${code ?? signal}):\n${stderr}`);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900; i++) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url, errors };
    await pause(100);
  }
  throw new Error('an API process did not become ready');
}

/** One answer as a parent's client sees it: `network` when the process never answered. */
export interface Answer {
  status: number | 'network';
  body: string;
  headers: Headers;
  /** Milliseconds from sending to the whole answer. */
  ms: number;
}

/** One parent's checkout of the demo town, with its idempotency key. */
export async function checkout(base: string, token: string, key: string): Promise<Answer> {
  return send(`${base}/v1/collectivities/ville-de-demo/cart/checkout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: '{}',
  });
}

/** Any request, timed, never throwing (30 s at most). */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    return { status: res.status, body, headers: res.headers, ms: performance.now() - started };
  } catch {
    return { status: 'network', body: '', headers: new Headers(), ms: performance.now() - started };
  }
}

/** Sends again, with the same key, every checkout that did not succeed, until each has (or the time is up). */
export async function retryUntilDone(
  answers: Answer[],
  send: (index: number) => Promise<Answer>,
  seconds: number,
): Promise<number> {
  let retries = 0;
  const deadline = Date.now() + seconds * 1000;
  while (answers.some((a) => a.status !== 200) && Date.now() < deadline) {
    await pause(500);
    await Promise.all(
      answers.map(async (a, i) => {
        if (a.status === 200) return;
        retries++;
        answers[i] = await send(i);
      }),
    );
  }
  return retries;
}

/**
 * Foyer in the test's own process on the API processes' database, to prepare data and read it
 * back: the same public address as the processes (it is the tokens' issuer).
 */
export function startSetupFoyer(databaseUrl: string) {
  return startFoyer(
    loadConfig({
      DATABASE_URL: databaseUrl,
      FOYER_PUBLIC_URL: 'http://localhost:8700',
      LOG_LEVEL: 'silent',
      FOYER_DEV_MAILBOX: 'true',
      FOYER_DEMO_PAYMENTS: 'true',
    }),
    createLogger('silent'),
  );
}
