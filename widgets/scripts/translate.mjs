// Fills the targets of xliff/<locale>.xlf from scripts/<locale>-targets.txt, one "id | text" a
// line, `{0}`, `{1}`… standing for the source's placeholders in order. The workflow:
//   npm run localize:extract -w @foyer/widgets   (lit-localize extract, then this script)
//   npm run localize:build -w @foyer/widgets     (lit-localize build: src/generated/locales/*.ts,
//                                                and src/generated/family-locales/*.ts for foyer.js)
// It lists the messages that have no translation yet and fails, so that none is forgotten.
import { readFile, writeFile } from 'node:fs/promises';

const locale = process.argv[2] ?? 'en';
const here = new URL('.', import.meta.url);
const targets = new Map();
for (const line of (await readFile(new URL(`${locale}-targets.txt`, here), 'utf8')).split('\n')) {
  const at = line.indexOf(' | ');
  if (at > 0) targets.set(line.slice(0, at).trim(), line.slice(at + 3));
}
// The second argument names another xliff folder: xliff/family/ holds the families' texts only.
const file = new URL(`../${process.argv[3] ?? 'xliff'}/${locale}.xlf`, here);
const missing = [];
const xlf = (await readFile(file, 'utf8')).replace(/<trans-unit id="(\w+)">([\s\S]*?)<\/trans-unit>/g, (unit, id, body) => {
  const source = body.match(/<source>([\s\S]*?)<\/source>/)?.[1] ?? '';
  const text = targets.get(id);
  if (text === undefined) {
    missing.push(`${id} | ${source}`);
    return unit;
  }
  const placeholders = source.match(/<x [^>]*\/>/g) ?? [];
  const target = text.replace(/\{(\d+)\}/g, (_, i) => placeholders[Number(i)] ?? '');
  const cleaned = body.replace(/\s*<target>[\s\S]*?<\/target>/, '');
  return `<trans-unit id="${id}">${cleaned.replace('</source>', `</source>\n  <target>${target}</target>`)}</trans-unit>`;
});
await writeFile(file, xlf);
if (missing.length > 0) {
  process.stderr.write(
    `${missing.length} message(s) without a ${locale} translation in scripts/${locale}-targets.txt:\n${missing.join('\n')}\n`,
  );
  process.exitCode = 1;
}
