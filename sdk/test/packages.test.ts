import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** An app an integrator might write: the SDK in Node and the browser, the elements with their types. */
const APP = `import { createClient, FoyerError } from '@foyer/sdk';
import { ErrorCode, type Problem } from '@foyer/sdk/contract';
import '@foyer/widgets';
import type { FoyerCalendar } from '@foyer/widgets';

export const foyer = createClient({ baseUrl: 'https://foyer.example.org', collectivity: 'ville-de-demo' });
const calendar: FoyerCalendar = document.createElement('foyer-calendar');
document.body.append(calendar);
export function describeProblem(problem: Problem, error: unknown): string {
  const known: ErrorCode = 'not_found';
  return error instanceof FoyerError ? error.code : \`\${problem.code} \${known}\`;
}
`;

/**
 * Packs `@foyer/sdk` and `@foyer/widgets` the way they would be published, installs the two
 * tarballs into an empty project outside the repository, and uses them as an integrator
 * would: imported in Node, type-checked by TypeScript, bundled by Vite. A file missing from
 * the tarball, an `exports` entry pointing nowhere or a duplicated Lit fails here.
 */
describe('the published packages', { timeout: 240_000 }, () => {
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'foyer-pack-'));
    const tarballs = join(project, 'tarballs');
    await mkdir(tarballs);
    // prepack builds what is stale; a fresh build was already made when nothing changed.
    await run(npm, ['pack', '-w', '@foyer/sdk', '-w', '@foyer/widgets', '--pack-destination', tarballs, '--silent'], {
      cwd: root,
    });
    const files = (await readdir(tarballs)).map((file) => join(tarballs, file));
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'town-app', private: true, type: 'module' }));
    // Lit and valibot come from npm's cache when it has them (it does after `npm ci`).
    await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...files], { cwd: project });
  }, 240_000);

  afterAll(async () => {
    if (project && !process.env.KEEP) await rm(project, { recursive: true, force: true });
  });

  it('ship what their package.json promises', async () => {
    for (const name of ['@foyer/sdk', '@foyer/widgets']) {
      const dir = join(project, 'node_modules', name);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      const targets = Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      );
      for (const target of targets) await expect(readFile(join(dir, target)), `${name} ${target}`).resolves.toBeTruthy();
    }
    const widgets = await readdir(join(project, 'node_modules/@foyer/widgets/dist'));
    expect(widgets).toEqual(expect.arrayContaining(['foyer.js', 'foyer.js.map', 'calendar.js', 'calendar.js.map']));
  });

  it('import in Node', async () => {
    const script = `import { createClient } from '@foyer/sdk';
import { ErrorCode } from '@foyer/sdk/contract';
const client = createClient({ baseUrl: 'https://foyer.example.org' });
console.log(typeof client.me, ErrorCode.options.includes('not_found'));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
    expect(stdout.trim()).toBe('object true');
  });

  it('type-check with TypeScript', async () => {
    await writeFile(join(project, 'app.ts'), APP);
    const options = {
      compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, noEmit: true, lib: ['ES2023', 'DOM'], types: [] },
      files: ['app.ts'],
    };
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(options));
    const output = await run(process.execPath, [tsc, '-p', project, '--pretty', 'false']).then(
      ({ stdout }) => stdout,
      (failed: { stdout?: string }) => failed.stdout ?? String(failed),
    );
    expect(output.trim()).toBe('');
  });

  it('bundle with Vite, with one copy of Lit', async () => {
    await writeFile(join(project, 'app.ts'), APP);
    await writeFile(
      join(project, 'index.html'),
      '<!doctype html><html lang="fr"><title>Ville</title><script type="module" src="./app.ts"></script></html>',
    );
    const { build } = await import('vite');
    await build({
      root: project,
      configFile: false,
      mode: 'production',
      logLevel: 'silent',
      build: { outDir: 'out', minify: false },
    });
    const assets = join(project, 'out/assets');
    const code = (await Promise.all((await readdir(assets)).map((file) => readFile(join(assets, file), 'utf8')))).join('\n');
    expect(code).toMatch(/define\(\s*["']foyer-calendar["']\s*\)/);
    // Lit registers each copy of itself in a global list: one push means one Lit.
    expect(code.match(/litElementVersions\s*\?\?=/g)?.length).toBe(1);
  });
});
