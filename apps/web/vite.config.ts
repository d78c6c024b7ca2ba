import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The api the dev server forwards to (`npm run dev` starts it on 3000). */
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes `file.br` and `file.gz` next to every text asset of the build (brotli at its best quality, once, at
 * build time): the api serves them with the matching Content-Encoding (express-static-gzip in bootstrap.ts).
 */
function precompress(outDir: string): Plugin {
  const compressible = /\.(js|css|html|svg|json|txt)$/;
  return {
    name: 'precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(outDir).filter((path) => compressible.test(path))) {
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

const outDir = `${repoRoot}dist/apps/web`;

// Vite 8 transforms TSX with oxc: the automatic JSX runtime needs no React import in every file and no plugin.
export default defineConfig({
  root,
  base: '/',
  plugins: [precompress(outDir)],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: {
    alias: {
      '#realtime-client': `${repoRoot}libs/realtime-client/src/index.ts`,
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
