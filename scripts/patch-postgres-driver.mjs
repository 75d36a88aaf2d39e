// Repairs two bugs of postgres.js 3.4.9 around lost connections (run by `npm install`).
//
// Upstream bug (porsager/postgres#1154, #1208; fixes proposed in #1168, #1209, not released):
// small writes wait behind a setImmediate; when the socket closes, `closed()` and `terminate()`
// cancel that immediate without forgetting it, and keep the buffered bytes. The connection then
// reconnects with a stale timer: its startup message is glued after the dead bytes and never
// flushed, so it hangs until the connect timeout (requests answered 503 well after the database
// is back). And a write scheduled on a connection whose socket is gone throws from the immediate,
// outside any request (`Cannot read properties of null (reading 'write')`), which stops the
// process. The patch forgets the timer and the bytes on close, and rejects such a write with
// CONNECTION_CLOSED, the error the driver gives for every other query on a lost connection.
//
// Second repair: a server message the driver fails to read (seen during a PostgreSQL restart
// mid-rush: a DataRow for a statement whose columns the driver never learnt, "Cannot read
// properties of undefined (reading 'length')") failed only the query at hand, with that TypeError
// (answered 500), and the connection went on reading a stream it had lost track of. The patch
// ends such a connection instead: every query on it fails with CONNECTION_DESTROYED, the error of
// a lost connection (503, retried with its key), and the pool opens a new one.
//
// Idempotent, edit by edit. Fails the install if the driver's code is neither the known 3.4.9
// text nor already patched: a new driver version must be checked against the bugs, not patched
// blind.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MARKER = '/* foyer: write scheduler repaired */';
const READ_MARKER = '/* foyer: an unreadable message ends the connection */';

const edits = [
  {
    from: 'function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    to: `function nextWrite(fn) {\n    ${MARKER}\n    if (socket === null) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  },
  {
    from: "error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n",
    to: "error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n",
  },
  {
    from: 'incomings = null\n    clearImmediate(nextWriteTimer)\n',
    to: 'incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n',
  },
  {
    from: '      } catch (e) {\n        query && (query.cursorFn || query.describeFirst) && write(Sync)\n        errored(e)\n      }\n',
    to: `      } catch (e) {\n        ${READ_MARKER}\n        error(Errors.connection('CONNECTION_DESTROYED', options))\n        const lost = socket\n        closed(false)\n        lost.destroy()\n        return\n      }\n`,
  },
];

function driverRoot() {
  try {
    // The package exports no package.json: from its CommonJS entry (cjs/src/index.js), two up.
    return join(dirname(createRequire(import.meta.url).resolve('postgres')), '..', '..');
  } catch {
    return null; // not installed (a workspace installed alone): nothing to repair
  }
}

const root = driverRoot();
if (root) {
  for (const flavour of ['src', 'cjs/src', 'cf/src']) {
    const file = join(root, flavour, 'connection.js');
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const edit of edits) {
      if (text.includes(edit.to)) continue;
      if (!text.includes(edit.from)) {
        console.error(
          `patch-postgres-driver: ${file} is not postgres.js 3.4.9's code; check the bugs described in this script before updating it`,
        );
        process.exit(1);
      }
      text = text.replace(edit.from, edit.to);
    }
    writeFileSync(file, text);
  }
}
