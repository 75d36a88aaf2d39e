// The Custom Elements Manifest (custom-elements.json), from the components' JSDoc:
// `npm run analyze -w @foyer/widgets`. Shipped with the package ("customElements" in package.json).
export default {
  globs: ['src/**/*.component.ts', 'src/shared/foyer-element.ts', 'src/events/*.ts'],
  outdir: '.',
  litelement: true,
};
