// Builds Foyer, each part only when its inputs changed since its last build (a stamp file in
// each output folder), so that `npm start` after a clone builds once and then starts at once.
//   node scripts/build.mjs                    everything: what `npm pack` ships and `npm start` runs
//   node scripts/build.mjs start              only what `npm start` runs (API and foyer.js)
//   node scripts/build.mjs sdk widgets …      the parts named (sdk, widgets, api)
//   --force                                   rebuild even when nothing changed
//   --bundle-only                             widgets: foyer.js only (no npm modules, .d.ts, manifest)
// Parts:
// - sdk: `@foyer/sdk`'s dist (ESM, .d.ts, source maps) with `tsc -b`;
// - widgets: `@foyer/widgets`' dist (foyer.js and its chunks, the ESM per component, .d.ts) and
//   custom-elements.json;
// - api: the API server, the benchmarks and the `foyer` CLI bundled into api/dist (workspace sources inlined, npm dependencies left
//   as imports), which `npm start` and the benchmarks run.
import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = async (command, args, cwd = root) => {
  const { stdout, stderr } = await promisify(execFile)(bin(command), args, { cwd });
  process.stdout.write(stdout);
  process.stderr.write(stderr);
};

/** The sources of each part: a change in any of them rebuilds the part. */
const PARTS = {
  sdk: { inputs: ['sdk/src', 'sdk/package.json', 'sdk/tsconfig.json', 'tsconfig.base.json'], stamp: 'sdk/dist' },
  widgets: {
    inputs: ['widgets/src', 'widgets/themes', 'widgets/package.json', 'widgets/rollup.config.mjs', 'sdk/src'],
    stamp: 'widgets/dist',
  },
  api: { inputs: ['api/src', 'api/bench', 'api/package.json', 'sdk/src'], stamp: 'api/dist' },
};

/** `start` needs foyer.js but neither the .d.ts nor the manifest: they cost most of a widgets build. */
const START = { widgets: { bundleOnly: true }, api: {} };

async function newestChange(path) {
  const info = await stat(join(root, path)).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(join(root, path))) {
    newest = Math.max(newest, await newestChange(join(path, entry)));
  }
  return newest;
}

const stampFile = (part, kind) => join(root, PARTS[part].stamp, `.foyer-build-${kind}`);

async function upToDate(part, kind) {
  const stamp = await readFile(stampFile(part, kind), 'utf8').catch(() => undefined);
  if (stamp === undefined) return false;
  let newest = 0;
  for (const input of PARTS[part].inputs) newest = Math.max(newest, await newestChange(input));
  return newest <= Number(stamp);
}

async function markBuilt(part, kind, startedAt) {
  await writeFile(stampFile(part, kind), String(startedAt));
}

const builders = {
  sdk: async () => {
    await run('tsc', ['-b', 'sdk']);
  },
  widgets: async ({ bundleOnly }) => {
    const { rollup } = await import('rollup');
    const { default: widgetBuilds, npmBuild } = await import('../widgets/rollup.config.mjs');
    // A page needs foyer.js; only npm users need the ESM per component.
    for (const options of widgetBuilds.filter((o) => !bundleOnly || o !== npmBuild)) {
      const bundle = await rollup(options);
      await bundle.write(options.output);
      await bundle.close();
    }
    if (bundleOnly) return;
    await run('tsc', ['-b', 'widgets']);
    await run(
      'custom-elements-manifest',
      ['analyze', '--quiet', '--config', 'custom-elements-manifest.config.mjs'],
      join(root, 'widgets'),
    );
  },
  api: async () => {
    const { build } = await import('esbuild');
    const api = JSON.parse(await readFile(join(root, 'api/package.json'), 'utf8'));
    const external = Object.keys(api.dependencies).filter((name) => !name.startsWith('@foyer/'));
    await build({
      absWorkingDir: root,
      entryPoints: { server: 'api/src/server.ts', bench: 'api/bench/bench.ts', cli: 'api/src/cli/main.ts' },
      outdir: 'api/dist',
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: true,
      conditions: ['source'],
      external,
      logLevel: 'warning',
      banner: {
        js: "import { createRequire as __foyerRequire } from 'node:module'; const require = __foyerRequire(import.meta.url);",
      },
    });
  },
};

const args = process.argv.slice(2);
const force = args.includes('--force');
const named = args.filter((a) => !a.startsWith('--'));
/** @type {Record<string, { bundleOnly?: boolean }>} */
const plan = named.includes('start')
  ? START
  : Object.fromEntries(
      (named.length > 0 ? named : Object.keys(PARTS)).map((part) => [part, { bundleOnly: args.includes('--bundle-only') }]),
    );

// The parts build side by side: esbuild and tsc work outside this process while rollup works in it.
await Promise.all(
  Object.entries(plan).map(async ([part, options]) => {
    if (!builders[part]) throw new Error(`unknown part "${part}": use sdk, widgets, api or start`);
    // A full build also satisfies a bundle-only one; a bundle-only build does not satisfy a full one.
    const kind = options.bundleOnly ? 'bundle' : 'full';
    const fresh = !force && ((await upToDate(part, kind)) || (kind === 'bundle' && (await upToDate(part, 'full'))));
    if (fresh) return;
    const startedAt = Date.now();
    await builders[part](options);
    await markBuilt(part, kind, startedAt);
    process.stdout.write(`built ${part}${options.bundleOnly ? ' (bundle)' : ''} in ${Date.now() - startedAt} ms\n`);
  }),
);
