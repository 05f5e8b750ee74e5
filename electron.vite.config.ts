// The Electron app's three builds, into out/: main (the engine's host side), the sandboxed preload
// (CommonJS, as sandboxed preloads must be), and the React renderer (also what `corescope serve` serves).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const here = import.meta.dirname;

export default defineConfig({
  main: {
    build: { outDir: 'out/main', lib: { entry: resolve(here, 'main/electron/index.ts') } },
  },
  preload: {
    build: {
      // a sandboxed preload's require serves only electron, events, timers and url: everything else is
      // bundled in (electron-vite keeps `electron` external regardless)
      externalizeDeps: false,
      outDir: 'out/preload',
      lib: { entry: resolve(here, 'preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: {
    root: resolve(here, 'renderer'),
    base: './',
    plugins: [
      react(),
      // Vite's dev server injects an inline preamble for hot reload that the page's meta CSP would block:
      // only `npm run dev` goes without it; every build keeps it
      { name: 'dev-without-meta-csp', apply: 'serve', transformIndexHtml: (html: string) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*\/>/, '') },
    ],
    build: { outDir: resolve(here, 'out/renderer'), rolldownOptions: { input: resolve(here, 'renderer/index.html') } },
  },
});
