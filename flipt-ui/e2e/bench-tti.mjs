#!/usr/bin/env node
// Time to interactive of the UI's first page with a cold browser cache, and the bundle size.
//
//   npm run bench:tti                      # starts ../flipt-service/target/flipt.jar itself
//   FLIPT_UI_BASE_URL=http://127.0.0.1:8080 npm run bench:tti   # or measures a running server
//
// Each run launches headless Chromium with a new, empty profile (--user-data-dir), opens
// /namespaces/default/flags and records, inside the page, the moment (performance.now(), i.e. ms
// since navigation start) when the flags table shows a row and the "New flag" button exists; the
// script then checks that the button is actionable. The median of the runs is reported.
//
// Environment:
//   FLIPT_UI_BASE_URL       server to measure (default: start the jar on a temporary SQLite file)
//   FLIPT_UI_BENCH_RUNS     runs (default 5)
//   FLIPT_UI_BENCH_FLAGS    flags created in namespace default before measuring (default 100)
//   CHROMIUM_PATH           browser binary (default /usr/bin/chromium)

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.FLIPT_UI_BENCH_RUNS ?? 5);
const FLAGS = Number(process.env.FLIPT_UI_BENCH_FLAGS ?? 100);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base, child) {
  const deadline = Date.now() + 90000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base} did not become healthy`);
}

/** Starts the packaged server on a temporary SQLite file and free ports. */
async function startJar() {
  const dir = mkdtempSync(join(tmpdir(), 'flipt-tti-'));
  const [http, grpc, admin] = [await freePort(), await freePort(), await freePort()];
  const child = spawn('java', ['-Xmx256m', '-jar', join(ROOT, 'flipt-service', 'target', 'flipt.jar'), 'server', join(ROOT, 'config.yml')], {
    env: {
      ...process.env,
      FLIPT_DB_URL: `file:${join(dir, 'flipt.db')}`,
      FLIPT_SERVER_HTTP_PORT: String(http),
      FLIPT_SERVER_GRPC_PORT: String(grpc),
      FLIPT_SERVER_ADMIN_PORT: String(admin),
      FLIPT_LOG_LEVEL: 'WARN',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${http}`;
  await waitHealthy(base, child);
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seed(base) {
  const existing = await fetch(`${base}/api/v1/namespaces/default/flags?limit=1`).then((r) => r.json());
  for (let i = existing.totalCount ?? 0; i < FLAGS; i++) {
    const key = `tti-flag-${String(i).padStart(4, '0')}`;
    const res = await fetch(`${base}/api/v1/namespaces/default/flags`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key, name: `TTI flag ${i}`, description: i % 3 === 0 ? `flag number ${i}` : '', enabled: i % 2 === 0, type: i % 5 === 0 ? 'BOOLEAN_FLAG_TYPE' : 'VARIANT_FLAG_TYPE' }),
    });
    if (!res.ok && res.status !== 400) throw new Error(`creating ${key}: ${res.status} ${await res.text()}`);
  }
}

/** Records performance.now() when the flags table has a row and the "New flag" button is there. */
function probe() {
  const check = () => {
    if (window.__tti) return;
    const row = document.querySelector('table tbody tr');
    const button = Array.from(document.querySelectorAll('a.button, button')).find((el) => el.textContent?.trim() === 'New flag');
    if (row && button) {
      window.__tti = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { childList: true, subtree: true });
    check();
  });
}

async function measure(base) {
  const profile = mkdtempSync(join(tmpdir(), 'flipt-tti-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1366, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(probe);
    await page.goto(`${base}/namespaces/default/flags`, { waitUntil: 'commit' });
    const button = page.getByRole('link', { name: 'New flag' });
    await page.waitForFunction(() => window.__tti !== undefined, null, { timeout: 30000 });
    await button.click({ trial: true }); // visible, stable, enabled and receiving events
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script');
      return {
        interactive: window.__tti,
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        scriptBytes: scripts.reduce((n, r) => n + r.transferSize, 0),
      };
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function bundleSizes() {
  const assets = join(HERE, '..', 'dist', 'assets');
  const sizes = { js: 0, jsGzip: 0, css: 0, cssGzip: 0 };
  for (const name of readdirSync(assets)) {
    const data = readFileSync(join(assets, name));
    const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : null;
    if (!kind) continue;
    sizes[kind] += data.length;
    sizes[`${kind}Gzip`] += gzipSync(data, { level: 9 }).length;
  }
  return sizes;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const server = process.env.FLIPT_UI_BASE_URL ? { base: process.env.FLIPT_UI_BASE_URL.replace(/\/$/, ''), stop: async () => {} } : await startJar();
  try {
    await waitHealthy(server.base);
    await seed(server.base);
    const results = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await measure(server.base);
      results.push(r);
      console.log(`run ${i + 1}: interactive ${r.interactive.toFixed(0)} ms (HTML ${r.responseEnd.toFixed(0)} ms, DOMContentLoaded ${r.domContentLoaded.toFixed(0)} ms, ${r.scriptBytes} script bytes transferred)`);
    }
    const sizes = bundleSizes();
    console.log(`\nmedian time to interactive of ${RUNS} cold-cache runs: ${median(results.map((r) => r.interactive)).toFixed(0)} ms (${FLAGS} flags, ${server.base})`);
    console.log(`bundle: JS ${sizes.js} bytes, ${sizes.jsGzip} gzipped (gzip -9); CSS ${sizes.css} bytes, ${sizes.cssGzip} gzipped`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
