#!/usr/bin/env node
// `npx foyer`: Foyer's operator command line. In a checkout with the dev dependencies (tsx), it
// runs the TypeScript sources, so an operator never runs a stale build; in an install without
// them (npm ci --omit=dev), it runs the bundle `npm run build` wrote to api/dist/cli.js.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const built = new URL('../dist/cli.js', import.meta.url);

function tsxLoader() {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return null;
  }
}

const loader = existsSync(source) ? tsxLoader() : null;
if (loader === null) {
  if (!existsSync(built)) {
    process.stderr.write('foyer: api/dist/cli.js is missing: run `npm run build` first\n');
    process.exit(4);
  }
  await import(built.href);
} else {
  // `source` resolves @foyer/sdk to its TypeScript, as the tests and the build do.
  const child = spawn(process.execPath, ['--conditions=source', '--import', loader, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 4);
  });
}
