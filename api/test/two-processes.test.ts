import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from './harness.js';
import { databaseUrl, withAdmin } from './test-database.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Two processes cannot share an embedded PGlite folder: this is PostgreSQL's case, on both CI runs.
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `foyer_two_${process.pid}`;

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `node api/dist/server.js` as production would run it, and waits for `/readyz`. */
async function startProcess(port: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['api/dist/server.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: databaseUrl(adminUrl, name),
      FOYER_PUBLIC_URL: 'http://localhost:8700',
      FOYER_SEED_DEMO: 'true',
      // Server mode (a database, no NODE_ENV) needs a mailer: the dev mailbox, named.
      FOYER_DEV_MAILBOX: 'true',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the API on port ${port} did not become ready`);
}

const NGINX = '/usr/sbin/nginx';

/**
 * nginx running docs/deploy/nginx.conf as shipped, but for the test's ports: plain HTTP on
 * `port` instead of TLS on 443, and the two processes' ports in the upstream.
 */
async function startNginx(port: number, upstreams: [string, string]): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'foyer-nginx-'));
  const sample = await readFile(`${root}docs/deploy/nginx.conf`, 'utf8');
  const ports = upstreams.map((u) => new URL(u).port);
  const site = sample
    .replace('server 127.0.0.1:8701', `server 127.0.0.1:${ports[0]}`)
    .replace('server 127.0.0.1:8702', `server 127.0.0.1:${ports[1]}`)
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port};`)
    .replace(/^\s*http2 on;$/m, '');
  const conf = `pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
daemon off;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`;
  await writeFile(`${dir}/nginx.conf`, conf);
  const child = spawn(NGINX, ['-p', dir, '-c', `${dir}/nginx.conf`], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: async () => {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await gone;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const hasNginx = await access(NGINX).then(
  () => true,
  () => false,
);

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'api'], { cwd: root });
  await withAdmin(adminUrl, async (sql) => {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.unsafe(`create database ${name}`);
  });
}, 180_000);

afterAll(async () => {
  await withAdmin(adminUrl, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
});

describe('two API processes on one PostgreSQL (docs/deploy/nginx.conf)', { timeout: 180_000 }, () => {
  let a: { child: ChildProcess; url: string };
  let b: { child: ChildProcess; url: string };

  beforeAll(async () => {
    // The first one migrates and seeds; the second finds both done.
    // The first one waits 2 s after SIGTERM, as a balancer's health check needs (production waits 5 s).
    a = await startProcess(await freePort(), { FOYER_DRAIN_DELAY_MS: '2000' });
    b = await startProcess(await freePort());
  }, 180_000);

  afterAll(() => {
    for (const p of [a, b]) p?.child.kill('SIGKILL');
  });

  it('lists both processes in the sample upstream, checked on /readyz', async () => {
    const conf = await readFile(`${root}docs/deploy/nginx.conf`, 'utf8');
    expect(conf.match(/^\s*server 127\.0\.0\.1:\d+/gm)).toHaveLength(2);
    expect(conf).toContain('proxy_next_upstream error timeout http_502 http_503');
  });

  it('lets a session opened on one process work on the other', async () => {
    const login = await fetch(`${a.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO.parent, password: DEMO.password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${b.url}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain(DEMO.parent);
  });

  it('fails /readyz of a draining process while it still answers, and keeps serving from the other', async () => {
    const stopped = new Promise((resolve) => a.child.once('exit', resolve));
    a.child.kill('SIGTERM');
    // During the delay a balancer polling /readyz sees the process go, while requests still work.
    let ready = await fetch(`${a.url}/readyz`);
    for (let i = 0; i < 10 && ready.status === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ready = await fetch(`${a.url}/readyz`);
    }
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
    await stopped;
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
    expect(
      await fetch(`${a.url}/readyz`).then(
        () => 'answered',
        () => 'gone',
      ),
    ).toBe('gone');
  });
});

// .ci/run installs nginx (nginx-light); elsewhere this part is skipped.
describe.skipIf(!hasNginx)('docs/deploy/nginx.conf run by nginx in front of two API processes', { timeout: 180_000 }, () => {
  let a: { child: ChildProcess; url: string };
  let b: { child: ChildProcess; url: string };
  let proxy: { url: string; stop: () => Promise<void> };

  beforeAll(async () => {
    a = await startProcess(await freePort(), { FOYER_DRAIN_DELAY_MS: '1000', FOYER_TRUST_PROXY: 'true' });
    b = await startProcess(await freePort(), { FOYER_TRUST_PROXY: 'true' });
    proxy = await startNginx(await freePort(), [a.url, b.url]);
  }, 180_000);

  afterAll(async () => {
    await proxy?.stop();
    for (const p of [a, b]) p?.child.kill('SIGKILL');
  });

  it('signs in and reads through the proxy, keeps /metrics private, and loses no request while a process restarts', async () => {
    const login = await fetch(`${proxy.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO.parent, password: DEMO.password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = () => fetch(`${proxy.url}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await me()).status).toBe(200);
    // The sample lets only the private network scrape /metrics.
    expect((await fetch(`${proxy.url}/metrics`)).status).toBe(403);

    // One process drains and stops while reads keep coming through the proxy: every one answers 200.
    const stopped = new Promise((resolve) => a.child.once('exit', resolve));
    a.child.kill('SIGTERM');
    const statuses: number[] = [];
    let exited = false;
    void stopped.then(() => {
      exited = true;
    });
    while (!exited) statuses.push((await me()).status);
    for (let i = 0; i < 20; i++) statuses.push((await me()).status);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
