import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The api the dev server forwards to (`npm run dev` starts it on 3000). */
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

// Vite 8 transforms TSX with oxc: the automatic JSX runtime needs no React import in every file and no plugin.
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: {
    alias: {
      '#realtime-client': `${repoRoot}libs/realtime-client/src/index.ts`,
    },
  },
  build: {
    outDir: `${repoRoot}dist/apps/web`,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
