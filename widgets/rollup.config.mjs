// Two builds of the widgets:
// - dist/<component>.js: ESM per component for npm users, with lit, @lit/* and @foyer/sdk left as
//   imports (their bundler resolves them once for the whole site);
// - dist/foyer.js: one self-contained, minified file (Lit and the SDK included) that a town's CMS
//   loads with one <script type="module">.
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
};

const external = (id) => /^(lit|lit\/.*|@lit\/.*|@foyer\/sdk(\/.*)?)$/.test(id);

/** The npm build: one module per component, shared code in chunks. */
export const npmBuild = {
  input: components,
  external,
  plugins: [esbuild({ target: 'es2022', tsconfig })],
  output: { dir: here('./dist'), format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
};

/** The CMS build: everything in one file. */
export const bundleBuild = {
  input: components.index,
  plugins: [
    nodeResolve({ exportConditions: ['source', 'production', 'browser', 'module', 'import', 'default'] }),
    esbuild({ target: 'es2022', tsconfig, define: { 'process.env.NODE_ENV': '"production"' } }),
    terser({ module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
  output: { file: here('./dist/foyer.js'), format: 'es', sourcemap: true, inlineDynamicImports: true },
};

export default [npmBuild, bundleBuild];
