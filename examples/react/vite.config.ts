import { defineConfig } from 'vite';

// React 19 passes properties and listens to events of custom elements by itself: no plugin
// is needed for the Foyer elements, and Vite compiles the JSX.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
});
