// The ouderschapsplan in a real browser: the coordinator builds it (a refused form keeps what
// was typed), sees the month calendar and the share of nights; both parents read and sign it
// in the portal; the PDF and each parent's calendar feed come out. axe on every page;
// screenshots at 390 and 1280 px.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, newPage, login, go, checkA11y, shot, writeAxeSummary, axeTally,
  PHONE, DESKTOP, PASSWORD,
} from '../lib/harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await writeAxeSummary();
  console.log(`axe: ${axeTally.pages} page checks, ${axeTally.violations} violations`);
  await browser?.close();
  await server?.stop();
});

/** Signs a demo parent in (a parent lands on Mijn omgang). */
async function parentLogin(page, email) {
  await page.goto(`${server.base}/inloggen`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await go(page, page.locator('form[action="/inloggen"] button[type="submit"]'));
  assert.equal(new URL(page.url()).pathname, '/mijn-omgang', `sign-in of ${email}`);
}

/** The portal case of a demo parent: its id. */
async function portalCase(page, email) {
  await parentLogin(page, email);
  await page.goto(`${server.base}/mijn-omgang`);
  await go(page, page.locator('main a[href^="/mijn-omgang/"]').first());
  return new URL(page.url()).pathname.split('/')[2];
}

/** Signs the ouderschapsplan in the portal (first without agreeing: refused). */
async function signInPortal(page, caseId, label) {
  // Without a fragment: the same page with one would not load again.
  await page.goto(`${server.base}/mijn-omgang/${caseId}`);
  const section = page.locator('#ouderschapsplan');
  assert.match(await section.textContent(), /Ouderschapsplan/);
  assert.match(await section.textContent(), /Naar draagkracht/);
  await checkA11y(page, `portal parenting plan ${label}`);
  await go(page, section.getByRole('button', { name: 'Ouderschapsplan ondertekenen' }));
  assert.match(await page.locator('#ouderschapsplan .error-msg').textContent(), /Vink aan/);
  await page.locator('#ouderschapsplan input[name=agree]').check();
  await go(page, page.locator('#ouderschapsplan').getByRole('button', { name: 'Ouderschapsplan ondertekenen' }));
  assert.match(await page.locator('#ouderschapsplan').textContent(), /U ondertekende deze versie/);
}

describe('the ouderschapsplan', () => {
  it('is built by the coordinator, signed by both parents, and comes out as PDF and feeds', async () => {
    const parent2 = await newPage(browser, PHONE);
    const coord = await newPage(browser, DESKTOP);
    const parent1 = await newPage(browser, DESKTOP);
    try {
      const caseId = await portalCase(parent2, 'ouder2@voorbeeld.example');
      await login(coord, server.base, 'coordinator@kwadraad.example');
      await coord.goto(`${server.base}/dossiers/${caseId}`);
      await go(coord, coord.locator('#ouderschapsplan a', { hasText: 'Ouderschapsplan bekijken en opstellen' }));
      assert.equal(new URL(coord.url()).pathname, `/dossiers/${caseId}/ouderschapsplan`);
      await checkA11y(coord, 'parenting plan builder');
      // Refused without part c; what was typed stays.
      await coord.getByLabel(/^b\. Hoe de ouders elkaar informeren/).fill('Elke maand een mail over school en gezondheid.');
      // Week 1: the weekend with B; week 2: from Thursday with B.
      for (const day of [5, 6, 10, 11, 12, 13]) await coord.selectOption(`select[name=day_${day}]`, 'b');
      await coord.selectOption('select[name=rule_school_zomer]', 'split_halves');
      await coord.getByLabel(/^Plaats van de overdracht/).fill('school');
      // The demo's version 1 is the form's start; part c emptied.
      await coord.getByLabel(/^c\. De kosten/).fill('');
      await go(coord, coord.getByRole('button', { name: /^(Ouderschapsplan|Versie \d+) opslaan$/ }));
      const errors = await coord.locator('.field--error').allTextContents();
      assert.equal(errors.length, 1, errors.join(' | '));
      assert.match(errors[0], /kosten van verzorging/);
      assert.equal(await coord.inputValue('textarea[name=information]'), 'Elke maand een mail over school en gezondheid.');
      assert.equal(await coord.inputValue('select[name=rule_school_zomer]'), 'split_halves');
      await checkA11y(coord, 'parenting plan refused');
      await coord.getByLabel(/^c\. De kosten/).fill('Naar draagkracht; de vader betaalt 250 euro per maand.');
      await coord.locator('textarea[name=topic_passport_travel]').fill('Reizen buiten Europa alleen met toestemming van de ander.');
      await go(coord, coord.getByRole('button', { name: /^(Ouderschapsplan|Versie \d+) opslaan$/ }));
      assert.match(await coord.locator('.banner--ok').textContent(), /ouderschapsplan is opgeslagen/);
      const preview = coord.locator('#voorbeeld');
      assert.equal(await preview.locator('table.pp-month').count(), 12);
      assert.match(await preview.textContent(), /nachten/);
      assert.match(await preview.textContent(), /Nog niet door beide ouders ondertekend/);
      await checkA11y(coord, 'parenting plan saved');
      await shot(coord, 'parenting-plan');

      // Both parents sign in the portal.
      await signInPortal(parent2, caseId, 'resident');
      await shot(parent2, 'portal-parenting-plan');
      await parentLogin(parent1, 'ouder@voorbeeld.example');
      await signInPortal(parent1, caseId, 'visiting');
      // The PDF and the parent's own feed.
      const [pdf] = await Promise.all([
        parent1.waitForEvent('download'),
        parent1.locator('#ouderschapsplan a', { hasText: 'PDF downloaden' }).click(),
      ]);
      assert.match(pdf.suggestedFilename(), /^ouderschapsplan-.*-v\d+\.pdf$/);
      const fs = await import('node:fs/promises');
      assert.equal((await fs.readFile(await pdf.path())).subarray(0, 5).toString(), '%PDF-');
      const ics = await parent1.request.get(`${server.base}/mijn-omgang/${caseId}/ouderschapsplan.ics`);
      assert.equal(ics.status(), 200);
      assert.match(await ics.text(), /BEGIN:VEVENT/);
      // The coordinator sees both signatures.
      await coord.reload();
      assert.match(await coord.locator('#voorbeeld').textContent(), /Door beide ouders ondertekend/);
    } finally {
      for (const p of [parent2, coord, parent1]) await p.context().close();
    }
  });
});
