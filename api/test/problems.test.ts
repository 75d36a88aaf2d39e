import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '@foyer/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TEXTS, preferredLanguage } from '../src/lib/problem-texts.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

const source = fileURLToPath(new URL('../src/', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat().filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
}

// Every way the API answers a code: the error class, the problem renderer, and the modules'
// small helpers that take a code (their default included).
const THROWS = [
  /new ApiError\(\s*[^,()]+,\s*'([a-z_]+)'/g,
  /problemResponse\(\s*c\s*,\s*[^,()]+,\s*'([a-z_]+)'/g,
  /code: ErrorCode = '([a-z_]+)'/g,
];
const HELPERS = /\b(?:invalid|refuse)\(/g;

/** The snake_case literals among the arguments of the call opening at `start` (not in nested calls). */
function codeArguments(text: string, start: number): string[] {
  const codes: string[] = [];
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) break;
    else if (char === "'" && depth === 1) {
      const end = text.indexOf("'", i + 1);
      const literal = text.slice(i + 1, end);
      if (/^[a-z]+(_[a-z]+)+$/.test(literal)) codes.push(literal);
      i = end;
    }
  }
  return codes;
}

describe('error codes', () => {
  it('lists in the contract exactly the codes the API answers', async () => {
    const answered = new Set<string>();
    for (const file of await sourceFiles(source)) {
      const text = await readFile(file, 'utf8');
      for (const pattern of THROWS) for (const match of text.matchAll(pattern)) answered.add(match[1] ?? '');
      for (const match of text.matchAll(HELPERS)) {
        for (const code of codeArguments(text, match.index + match[0].length - 1)) answered.add(code);
      }
    }
    // The shorthands of api-error.ts (notFound, forbidden, unauthenticated) are ApiErrors too.
    expect([...answered].sort()).toEqual([...ErrorCode.options].sort());
  });

  it('has a French and an English text for every code', () => {
    for (const code of ErrorCode.options) {
      expect(PROBLEM_TEXTS[code].fr, code).toMatch(/\S/);
      expect(PROBLEM_TEXTS[code].en, code).toMatch(/\S/);
      expect(PROBLEM_TEXTS[code].fr, code).not.toBe(PROBLEM_TEXTS[code].en);
    }
  });

  it('reads the language a person prefers, French unless they prefer English', () => {
    expect(preferredLanguage(undefined)).toBe('fr');
    expect(preferredLanguage('en-GB,en;q=0.9,fr;q=0.5')).toBe('en');
    expect(preferredLanguage('de-DE,en;q=0.8')).toBe('en');
    expect(preferredLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(preferredLanguage('en;q=0.2,fr;q=0.9')).toBe('fr');
    expect(preferredLanguage('de,es')).toBe('fr');
    expect(preferredLanguage('en;q=0')).toBe('fr');
  });
});

describe('problem details', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const wrongPassword = (headers: Record<string, string> = {}) =>
    t.request('POST', '/v1/auth/login', { body: { email: DEMO.parent, password: 'pas le bon mot de passe' }, headers });

  it('speak French to a parent whose browser asks for nothing in particular', async () => {
    const res = await wrongPassword();
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'invalid_credentials', detail: 'Adresse e-mail ou mot de passe incorrect.' });
    expect(res.headers.get('content-language')).toBe('fr');
  });

  it('speak English when the browser prefers it, and say the answer varies with the language', async () => {
    const res = await wrongPassword({ 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.body).toMatchObject({ code: 'invalid_credentials', detail: 'Wrong email or password.' });
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.headers.get('vary')).toMatch(/Accept-Language/i);
  });

  it('localise the answers of routes that do not exist', async () => {
    const fr = await t.request('GET', '/v1/nowhere');
    const en = await t.request('GET', '/v1/nowhere', { headers: { 'accept-language': 'en' } });
    expect(fr.body).toMatchObject({ code: 'not_found', detail: PROBLEM_TEXTS.not_found.fr });
    expect(en.body).toMatchObject({ code: 'not_found', detail: 'No route GET /v1/nowhere.' });
  });
});
