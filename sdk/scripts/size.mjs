// Prints what the SDK weighs in a widget bundle: `src/index.ts` bundled with valibot, minified,
// from an entry that imports `createClient` as a widget does, so tree-shaking is measured too.
// Usage: node sdk/scripts/size.mjs [--json]
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_GZIP_BYTES = 12 * 1024;
const sdkDir = new URL('..', import.meta.url).pathname;

const result = await build({
  stdin: {
    contents: "import { createClient } from './src/index.ts';\nexport const foyer = createClient({ baseUrl: '/api' });\n",
    resolveDir: sdkDir,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  treeShaking: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  write: false,
});

const code = result.outputFiles[0].contents;
const min = code.byteLength;
const gzip = gzipSync(code, { level: 9 }).byteLength;
const byPackage = {};
for (const [path, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
  const name = path.includes('node_modules/valibot') ? 'valibot' : path.includes('/contract/') ? 'sdk contract' : 'sdk client';
  byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ min, gzip, budget: BUDGET_GZIP_BYTES, byPackage }));
} else {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  console.log(
    `@foyer/sdk (createClient, valibot bundled): ${kb(min)} min, ${kb(gzip)} min+gzip (budget ${kb(BUDGET_GZIP_BYTES)})`,
  );
  for (const [name, bytes] of Object.entries(byPackage)) console.log(`  ${name.padEnd(13)} ${kb(bytes)} min`);
}
if (gzip > BUDGET_GZIP_BYTES) process.exitCode = 1;
