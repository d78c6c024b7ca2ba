import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ensureWebAppBuilt } from '../browser/browser-support.js';
import { connectedSocket } from '../support/live.js';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/** The size budget of the web app (issue 15, item 6): what a first visit downloads before it can show anything. */
const BUDGET = {
  /** the entry script and every chunk it imports statically (minified, uncompressed) */
  initialScriptBytes: 400_000,
  /** the same, as brotli sends it */
  initialScriptBrotliBytes: 115_000,
  /** any one lazily loaded route chunk */
  routeChunkBytes: 200_000,
};

const webDir = resolve('dist', 'apps', 'web');

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree): string[] =>
  Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : leaves(value)));

/** Per text area but the core (apps/web/src/i18n/nl/<area>.ts), its longest plain Dutch text: easy to find in a chunk. */
async function areaSamples(): Promise<{ area: string; text: string }[]> {
  const dir = resolve('apps', 'web', 'src', 'i18n', 'nl');
  const samples: { area: string; text: string }[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== 'core.ts')) {
    const { nl } = (await import(join(dir, file))) as { nl: Tree };
    const plain = leaves(nl).filter((text) => /^[\p{L}\d ,.:()-]+$/u.test(text));
    const text = plain.sort((a, b) => b.length - a.length)[0];
    if (text) samples.push({ area: file.slice(0, -3), text });
  }
  return samples;
}

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        done({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', fail);
    }).on('error', fail);
  });
}

describe('web app weight: bundle budget and compression', () => {
  let test: TestApi;
  let fx: TenantFixture;

  beforeAll(async () => {
    ensureWebAppBuilt();
    test = await startTestApi();
    fx = await seedTenant(test, 'weight');
  });

  afterAll(async () => {
    await test?.close();
  });

  /** index.html's entry script and the chunks it preloads (Vite lists every static import as modulepreload). */
  function initialScripts(): string[] {
    const html = readFileSync(join(webDir, 'index.html'), 'utf8');
    const entries = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
    expect(entries).toHaveLength(1);
    return [...entries, ...preloads].map((path) => join(webDir, path));
  }

  it('keeps the first download within the budget and splits the pages into their own chunks', async () => {
    const initial = initialScripts();
    const bytes = initial.reduce((sum, file) => sum + statSync(file).size, 0);
    // files under 1 KB are not precompressed (apps/web/vite.config.ts): they go as they are
    const brotli = initial.reduce(
      (sum, file) => sum + statSync(existsSync(`${file}.br`) ? `${file}.br` : file).size,
      0,
    );
    expect(bytes).toBeLessThanOrEqual(BUDGET.initialScriptBytes);
    expect(brotli).toBeLessThanOrEqual(BUDGET.initialScriptBrotliBytes);

    const all = readdirSync(join(webDir, 'assets')).filter((name) => name.endsWith('.js'));
    const routes = all.filter((name) => !initial.some((file) => file.endsWith(name)));
    // every signed-in page is a lazy chunk of its own (apps/web/src/pages/lazy.ts)
    for (const page of ['Dashboard', 'Actions', 'ActionDetail', 'Signals', 'Meeting', 'WorkingGroups'])
      expect(routes.some((name) => name.startsWith(`${page}-`))).toBe(true);
    for (const name of routes)
      expect(statSync(join(webDir, 'assets', name)).size).toBeLessThanOrEqual(BUDGET.routeChunkBytes);
    // the chart library is the dashboard's, not the first download's
    const entryText = initial.map((file) => readFileSync(file, 'utf8')).join('');
    expect(entryText).not.toContain('chartArea');
    // a page's texts come with the page (apps/web/src/i18n/index.ts): in a chunk of its own, never in the first
    // download; so is the live client (socket.io), which only the signed-in shell needs
    const routeText = routes.map((name) => readFileSync(join(webDir, 'assets', name), 'utf8')).join('');
    const samples = await areaSamples();
    expect(samples.length).toBeGreaterThan(10);
    for (const { area, text } of samples) {
      expect({ area, inFirstDownload: entryText.includes(text) }).toEqual({ area, inFirstDownload: false });
      expect({ area, inAChunk: routeText.includes(text) }).toEqual({ area, inAChunk: true });
    }
    expect(entryText).not.toContain('socket.io');
    expect(routeText).toContain('socket.io');
    expect(
      readFileSync(
        join(
          webDir,
          'assets',
          routes.find((name) => name.startsWith('Dashboard-'))!,
        ),
        'utf8',
      ),
    ).toContain('chartArea');
  });

  it('sends the built assets precompressed (brotli, else gzip), byte for byte the build, cached for a year', async () => {
    const [entry] = initialScripts();
    const path = entry!.slice(webDir.length).split('\\').join('/');
    const original = readFileSync(entry!);

    const br = await rawGet(`${test.api.url}${path}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(original.length / 3);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gz = await rawGet(`${test.api.url}${path}`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const plain = await rawGet(`${test.api.url}${path}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it('compresses api answers above 1 KB, leaves small ones alone, and the live channel still connects', async () => {
    for (let i = 0; i < 8; i++) await fx.newAction();
    const url = `${test.api.url}/api/plans/${fx.planId}/actions`;
    const auth = bearer(fx.users.coordinator.token);
    const plain = await rawGet(url, auth);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);

    const br = await rawGet(url, { ...auth, 'Accept-Encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(
      JSON.parse(plain.body.toString('utf8')),
    );
    const gz = await rawGet(url, { ...auth, 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(plain.body.toString('utf8'));

    // a small answer is not worth compressing
    const info = await rawGet(`${test.api.url}/api/info`, { 'Accept-Encoding': 'gzip, br' });
    expect(info.headers['content-encoding']).toBeUndefined();

    // the live channel is socket.io's own (its upgrade never reaches the compression middleware): still works
    const socket = await connectedSocket(test.api.url, fx.users.coordinator.token);
    socket.close();
  });
});
