// Test harness: starts the real omgang binary on a fresh SQLite file with demo data, drives
// Debian's Chromium with playwright-core, runs axe-core on every page, writes screenshots.

import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const SHOTS = path.join(ROOT, 'ci-artifacts', 'screenshots');
export const PASSWORD = 'omgang-demo-2026';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `omgang demo` on an empty database in a temporary folder. */
export async function startServer() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'omgang-e2e-'));
  const port = await freePort();
  const bin = process.env.OMGANG_BIN ?? path.join(ROOT, 'target', 'debug', 'omgang');
  const args = ['--database-url', `sqlite://${dir}/omgang.sqlite?mode=rwc`, 'demo', '--listen', `127.0.0.1:${port}`];
  const proc = spawn(bin, args, {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  let exited = null;
  proc.on('exit', (code) => { exited = code; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== null) throw new Error(`omgang exited with ${exited}:\n${log}`);
    try {
      const r = await fetch(`${base}/ready`);
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`omgang did not become ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    log: () => log,
    async stop() {
      if (exited === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => { proc.once('exit', r); setTimeout(r, 5000); });
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium. Playwright gives every launch a fresh temporary --user-data-dir. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** What axe found, over all pages of the run. */
export const axeTally = { pages: 0, violations: 0, visited: [] };

/** Runs axe-core (all WCAG 2.0/2.1 A and AA rules and best practices) and fails on any violation. */
export async function checkA11y(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  axeTally.pages += 1;
  axeTally.violations += results.violations.length;
  axeTally.visited.push({ label, url: page.url(), violations: results.violations.map((v) => v.id) });
  const detail = results.violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n  ');
  assert.equal(results.violations.length, 0, `axe found violations on ${label} (${page.url()}):\n  ${detail}`);
}

export async function writeAxeSummary() {
  await mkdir(path.join(ROOT, 'ci-artifacts'), { recursive: true });
  await writeFile(path.join(ROOT, 'ci-artifacts', 'axe-summary.json'), JSON.stringify(axeTally, null, 2));
}

export async function shot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
}

/** A new browser context (own cookies) with a viewport. */
export async function newPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Clicks something that submits a form or follows a link, and waits for the next page. */
export async function go(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

/** On a phone the header's menu folds behind a button: opens it when it is shown and closed. */
export async function openMenu(page) {
  const button = page.locator('.menu-button');
  if ((await button.count()) && (await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true') {
    await button.click();
  }
}

export async function login(page, base, email) {
  await page.goto(`${base}/inloggen`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await go(page, page.locator('form[action="/inloggen"] button[type="submit"]'));
  assert.equal(new URL(page.url()).pathname, '/', `sign-in of ${email} failed: ${page.url()}`);
}

/** YYYY-MM-DD in Amsterdam, `days` from today. */
export function amsterdamDate(days = 0) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(d);
}
