// Builds what `npm start` and the benchmarks run: the API server bundled into api/dist
// (workspace sources inlined, npm dependencies left as imports).
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const api = JSON.parse(await readFile(new URL('../api/package.json', import.meta.url), 'utf8'));
const external = Object.keys(api.dependencies).filter((name) => !name.startsWith('@foyer/'));

const started = performance.now();
await build({
  entryPoints: { server: 'api/src/server.ts', bench: 'api/bench/bench.ts' },
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
