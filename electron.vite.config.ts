import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY } from './main/core/csp';

/** The strict CSP goes into the built page only: Vite's dev server needs inline scripts for reloads. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'recert-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

// electron-vite looks under src/ by default; Recert keeps main/, preload/ and renderer/ at the top.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // zod is bundled, not loaded from node_modules: required as a package it costs 75–85 ms at every
      // start (about 100 files to find and compile, every locale among them); bundled, only what
      // Recert uses is compiled. pdf-lib likewise: its 160 CommonJS files took 85–120 ms to load
      // before a packet could start, its bundled ES build 40 ms.
      externalizeDeps: { exclude: ['zod', 'ics', '@cantoo/pdf-lib'] },
      rolldownOptions: {
        input: {
          index: resolve('main/index.ts'),
          cli: resolve('main/cli.ts'),
          'packet-worker': resolve('main/packet-worker.ts'),
          'copy-worker': resolve('main/copy-worker.ts'),
          'browser-host': resolve('main/browser-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle everything it uses.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve('preload/index.ts') } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified; minified, the page's script is 1.1 → 0.4 MB
      // for Chromium to read and parse on every start.
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
