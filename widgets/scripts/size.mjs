// Builds the widgets and prints what they weigh, minified and gzipped: dist/foyer.js that towns
// load (Lit and the SDK included) against its budget, each chunk it loads on demand (the request
// form, the profile, the English texts) against theirs, dist/foyer-admin.js (the back office)
// against its own, and the npm modules per component (their dependencies excluded). Exits non-zero over a budget: `npm test` runs it.
// Usage: npm run size [-- --json]
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import builds, { adminChunksDir, bundleChunksDir, components } from '../rollup.config.mjs';

/** foyer.js: what every page with a Foyer element loads before anything shows. */
const BUDGET_GZIP_BYTES = 45 * 1024;
/**
 * Each chunk, loaded when the page has the element it defines (or asks for English: foyer.js's
 * English texts are the families' only, generated/family-locales; the back office has its own).
 */
const CHUNK_BUDGET_GZIP_BYTES = 15 * 1024;
/** foyer-admin.js: the back office, loaded by agents on /admin/ or an intranet, never by families. */
const ADMIN_BUDGET_GZIP_BYTES = 60 * 1024;

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
const chunks = {};
for (const file of (await readdir(new URL(`${bundleChunksDir}/`, dist))).filter((f) => f.endsWith('.js')).sort()) {
  chunks[file] = await measure(`${bundleChunksDir}/${file}`);
}
const admin = await measure('foyer-admin.js');
const adminChunks = {};
for (const file of (await readdir(new URL(`${adminChunksDir}/`, dist)).catch(() => [])).filter((f) => f.endsWith('.js')).sort()) {
  adminChunks[file] = await measure(`${adminChunksDir}/${file}`);
}
const modules = {};
for (const name of Object.keys(components)) modules[name] = await measure(`${name}.js`);

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({
      'foyer.js': { ...bundle, budget: BUDGET_GZIP_BYTES },
      chunks: Object.fromEntries(Object.entries(chunks).map(([f, s]) => [f, { ...s, budget: CHUNK_BUDGET_GZIP_BYTES }])),
      'foyer-admin.js': { ...admin, budget: ADMIN_BUDGET_GZIP_BYTES },
      adminChunks,
      modules,
    }),
  );
} else {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  console.log(
    `dist/foyer.js (Lit, @lit/*, the SDK and valibot included): ${kb(bundle.min)} min, ${kb(bundle.gzip)} min+gzip (budget ${kb(BUDGET_GZIP_BYTES)})`,
  );
  console.log(
    `its chunks, loaded on demand (dist/${bundleChunksDir}/, budget ${kb(CHUNK_BUDGET_GZIP_BYTES)} each, the English texts included):`,
  );
  for (const [file, size] of Object.entries(chunks))
    console.log(`  ${file.padEnd(28)} ${kb(size.min)} min, ${kb(size.gzip)} min+gzip`);
  console.log(
    `dist/foyer-admin.js (the back office, on its own): ${kb(admin.min)} min, ${kb(admin.gzip)} min+gzip (budget ${kb(ADMIN_BUDGET_GZIP_BYTES)})`,
  );
  for (const [file, size] of Object.entries(adminChunks))
    console.log(`  ${file.padEnd(28)} ${kb(size.min)} min, ${kb(size.gzip)} min+gzip`);
  console.log('npm modules (not minified; shared chunks and dependencies apart):');
  for (const [name, size] of Object.entries(modules))
    console.log(`  ${`${name}.js`.padEnd(28)} ${kb(size.min)}, ${kb(size.gzip)} gzip`);
}
if (bundle.gzip > BUDGET_GZIP_BYTES) {
  process.stderr.write('dist/foyer.js is over its budget\n');
  process.exitCode = 1;
}
if (admin.gzip > ADMIN_BUDGET_GZIP_BYTES) {
  process.stderr.write('dist/foyer-admin.js is over its budget\n');
  process.exitCode = 1;
}
for (const [file, size] of Object.entries(chunks)) {
  if (size.gzip > CHUNK_BUDGET_GZIP_BYTES) {
    process.stderr.write(`dist/${bundleChunksDir}/${file} is over its budget\n`);
    process.exitCode = 1;
  }
}
