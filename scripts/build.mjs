// Builds what `npm start`, the benchmarks and `npx foyer` (without tsx) run: the API server bundled into api/dist
// (workspace sources inlined, npm dependencies left as imports), and the widgets into
// widgets/dist (foyer.js, which the server serves at /foyer.js, and the ESM per component).
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import widgetBuilds from '../widgets/rollup.config.mjs';

const api = JSON.parse(await readFile(new URL('../api/package.json', import.meta.url), 'utf8'));
const external = Object.keys(api.dependencies).filter((name) => !name.startsWith('@foyer/'));

const started = performance.now();
await build({
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
process.stdout.write(`built api/dist in ${Math.round(performance.now() - started)} ms\n`);

const widgetsStarted = performance.now();
for (const options of widgetBuilds) {
  const bundle = await rollup(options);
  await bundle.write(options.output);
  await bundle.close();
}
process.stdout.write(`built widgets/dist in ${Math.round(performance.now() - widgetsStarted)} ms\n`);
