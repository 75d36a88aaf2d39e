// Three builds of the widgets:
// - dist/<component>.js: ESM per component for npm users, with lit, @lit/* and @foyer/sdk left as
//   imports (their bundler resolves them once for the whole site);
// - dist/foyer.js: the minified file (Lit and the SDK included) that a town's CMS loads with one
//   <script type="module">. What most pages do not need — <foyer-request-form>, <foyer-profile>,
//   the English texts — is in chunks beside it, in dist/foyer.js.chunks/, that foyer.js imports
//   when the page needs them (relative to its own URL; the API serves /foyer.js* from dist/);
// - dist/foyer-admin.js: the back office's elements, minified the same way, for /admin/ and
//   towns' intranets (the API serves /foyer-admin.js* from dist/).
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const tsconfig = here('./tsconfig.json');

export const components = {
  index: here('./src/index.ts'),
  provider: here('./src/provider/provider.ts'),
  login: here('./src/login/login.ts'),
  calendar: here('./src/calendar/calendar.ts'),
  cart: here('./src/cart/cart.ts'),
  'collectivity-switcher': here('./src/collectivity-switcher/collectivity-switcher.ts'),
  'request-form': here('./src/request-form/request-form.ts'),
  profile: here('./src/profile/profile.ts'),
  'join-request': here('./src/join-request/join-request.ts'),
  admin: here('./src/admin/index.ts'),
};

/** Where foyer.js's chunks go, beside it: under the `/foyer.js*` path the API serves. */
export const bundleChunksDir = 'foyer.js.chunks';
/** Where foyer-admin.js's chunks go, beside it: under the `/foyer-admin.js*` path the API serves. */
export const adminChunksDir = 'foyer-admin.js.chunks';

const external = (id) => /^(lit|lit\/.*|@lit\/.*|@foyer\/sdk(\/.*)?|valibot)$/.test(id);

/** Removes the chunks of earlier builds from `dir`: their names change with their content. */
const cleanChunks = (dir) => ({
  name: 'foyer-clean-chunks',
  async buildStart() {
    await rm(here(`./dist/${dir}`), { recursive: true, force: true });
  },
});

/** The npm build: one module per component, shared code in chunks. */
export const npmBuild = {
  input: components,
  external,
  plugins: [cleanChunks('chunks'), esbuild({ target: 'es2022', tsconfig })],
  output: { dir: here('./dist'), format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
};

/**
 * The SDK's sources have no side effects (its package.json says `sideEffects: false`), said
 * again here: node-resolve's hint can be lost when a module is resolved twice, and then
 * foyer.js kept every admin contract of `@foyer/sdk/contract` (46.4 kB instead of 43 on some
 * builds). Marked in `transform`, whose word is final.
 */
const sdkWithoutSideEffects = {
  name: 'foyer-sdk-without-side-effects',
  transform(code, id) {
    if (!/[\\/]sdk[\\/]src[\\/]/.test(id)) return null;
    return { code, map: null, moduleSideEffects: false };
  },
};

/** A minified, self-contained build of one entry (Lit and the SDK included), its chunks in `chunksDir`. */
function minifiedBuild(name, input, chunksDir, { squeeze = true } = {}) {
  return {
    input: { [name]: input },
    // The chunks import what they share with the entry from the entry itself, which therefore
    // exports more than its source does (rather than a facade over yet another chunk: one more request).
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      cleanChunks(chunksDir),
      nodeResolve({ exportConditions: ['source', 'production', 'browser', 'module', 'import', 'default'] }),
      esbuild({ target: 'es2022', tsconfig, define: { 'process.env.NODE_ENV': '"production"' } }),
      sdkWithoutSideEffects,
      squeeze ? terser({ module: true, compress: { passes: 2 }, format: { comments: false } }) : minifyWithEsbuild(),
    ],
    output: {
      dir: here('./dist'),
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: `${chunksDir}/[name]-[hash].js`,
    },
  };
}

/**
 * esbuild's minifier on each output chunk: a few per cent larger than terser's two passes, in a
 * tenth of the time (the back office's budget has room; `npm start` builds it on a fresh clone).
 */
function minifyWithEsbuild() {
  return {
    name: 'foyer-esbuild-minify',
    async renderChunk(code) {
      const { transform } = await import('esbuild');
      const out = await transform(code, {
        minify: true,
        format: 'esm',
        target: 'es2022',
        sourcemap: true,
        legalComments: 'none',
      });
      return { code: out.code, map: out.map };
    },
  };
}

/** The CMS build: foyer.js, and the chunks it loads on demand. */
export const bundleBuild = minifiedBuild('foyer', components.index, bundleChunksDir);

/**
 * The back office: foyer-admin.js, apart from foyer.js (families never load it), with its own
 * copy of Lit and the SDK so that the `/admin/` page (or a town's intranet) needs no other file.
 */
export const adminBuild = minifiedBuild('foyer-admin', components.admin, adminChunksDir, { squeeze: false });

export default [npmBuild, bundleBuild, adminBuild];
