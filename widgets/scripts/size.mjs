// Builds the widgets and prints what they weigh, minified and gzipped: the self-contained
// dist/foyer.js that towns load (Lit and the SDK included), against its budget, and the npm
// modules per component (their dependencies excluded). Exits non-zero over budget.
// Usage: npm run size [-- --json]
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import builds, { components } from '../rollup.config.mjs';

const BUDGET_GZIP_BYTES = 45 * 1024;

for (const options of builds) {
  const bundle = await rollup(options);
  await bundle.write(options.output);
  await bundle.close();
}

const dist = new URL('../dist/', import.meta.url);
async function measure(file) {
  const code = await readFile(new URL(file, dist));
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const bundle = await measure('foyer.js');
const modules = {};
for (const name of Object.keys(components)) modules[name] = await measure(`${name}.js`);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ 'foyer.js': { ...bundle, budget: BUDGET_GZIP_BYTES }, modules }));
} else {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  console.log(
    `dist/foyer.js (Lit, @lit/*, the SDK and valibot included): ${kb(bundle.min)} min, ${kb(bundle.gzip)} min+gzip (budget ${kb(BUDGET_GZIP_BYTES)})`,
  );
  console.log('npm modules (not minified; shared chunks and dependencies apart):');
  for (const [name, size] of Object.entries(modules))
    console.log(`  ${`${name}.js`.padEnd(28)} ${kb(size.min)}, ${kb(size.gzip)} gzip`);
}
if (bundle.gzip > BUDGET_GZIP_BYTES) {
  process.stderr.write('dist/foyer.js is over its budget\n');
  process.exitCode = 1;
}
