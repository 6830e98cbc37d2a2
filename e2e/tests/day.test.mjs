// The coordinator's day in a real browser: find a family from the header by part of a name
// (and only among the cases one may open), the funder's figures without a single name, and
// the privacy officer answering an access request. axe on every new page; screenshots at 390
// and 1280 px.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, newPage, login, go, checkA11y, shot, writeAxeSummary, axeTally,
  PHONE, DESKTOP, openMenu,
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

/** Searches from the header; returns the result rows' texts. */
async function search(page, text) {
  await page.fill('#header-q', text);
  await go(page, page.locator('form.header-search button[type="submit"]'));
  assert.equal(new URL(page.url()).pathname, '/zoeken');
  return page.locator('table tbody tr').allTextContents();
}

describe('finding a family', () => {
  it('a coordinator finds a family by part of a parent\'s name, without accents or capitals', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(browser, viewport);
      try {
        await login(page, server.base, 'coordinator@kwadraad.example');
        const rows = await search(page, 'HADDO');
        assert.ok(rows.length > 0, 'Haddou is found');
        for (const r of rows) assert.match(r, /Haddou/);
        await checkA11y(page, 'search results');
        await shot(page, 'search');
        // The first result opens the case.
        await go(page, page.locator('table tbody tr a').first());
        assert.match(new URL(page.url()).pathname, /^\/dossiers\//);
        // Nothing found: said so, and the field keeps the question.
        await search(page, 'zzqx');
        assert.match(await page.locator('main').textContent(), /Geen dossier gevonden/);
        assert.equal(await page.inputValue('#search-q'), 'zzqx');
        await checkA11y(page, 'search without results');
      } finally {
        await page.context().close();
      }
    }
  });

  it('a supervisor finds only the cases they may open', async () => {
    const coord = await newPage(browser, DESKTOP);
    const sup = await newPage(browser, DESKTOP);
    try {
      await login(coord, server.base, 'coordinator@kwadraad.example');
      const all = await search(coord, 'a');
      await login(sup, server.base, 'begeleider2@kwadraad.example');
      const mine = await search(sup, 'a');
      assert.ok(mine.length < all.length, `${mine.length} of ${all.length}`);
      for (const href of await sup.locator('table tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        const res = await sup.request.get(`${server.base}${href}`);
        assert.equal(res.status(), 200, href);
      }
    } finally {
      await coord.context().close();
      await sup.context().close();
    }
  });
});

describe('the signals, all of them', () => {
  it('a coordinator opens every signal from Mijn werk and filters them by urgency and kind', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(browser, viewport);
      try {
        await login(page, server.base, 'coordinator@kwadraad.example');
        await go(page, page.getByRole('link', { name: /Alle signalen bekijken/ }));
        assert.equal(new URL(page.url()).pathname, '/signalen');
        const rows = page.locator('table tbody tr');
        const all = await rows.count();
        assert.ok(all > 0, 'the demo has signals');
        await checkA11y(page, 'signals');
        await shot(page, 'signals');
        // Sorted by the due date: the header says so (aria-sort) and the URL keeps it.
        if (viewport === DESKTOP) {
          await go(page, page.locator('th a', { hasText: 'Uiterlijk' }));
          assert.match(page.url(), /sorteer=due/);
          assert.equal(await page.locator('th[aria-sort="ascending"]').textContent(), 'Uiterlijk');
          await go(page, page.locator('th a', { hasText: 'Uiterlijk' }));
          assert.equal(await page.locator('th[aria-sort="descending"]').textContent(), 'Uiterlijk');
          await checkA11y(page, 'signals sorted');
          // The waiting list: the longest waiting first; one click turns it around.
          await page.goto(`${server.base}/aanmeldingen`);
          assert.equal(await page.locator('th[aria-sort="descending"]').textContent(), 'Wachttijd');
          await go(page, page.locator('th a', { hasText: 'Wachttijd' }));
          assert.match(page.url(), /sorteer=waiting&volgorde=asc/);
          assert.equal(await page.locator('th[aria-sort="ascending"]').textContent(), 'Wachttijd');
          await checkA11y(page, 'waiting list sorted');
          await page.goto(`${server.base}/signalen`);
        }
        // Only what is late: every row says so, and the choice stays in the URL and the form.
        await page.selectOption('#f-urgentie', 'late');
        await go(page, page.getByRole('button', { name: 'Toon' }));
        assert.match(page.url(), /urgentie=late/);
        assert.equal(await page.inputValue('#f-urgentie'), 'late');
        const late = await rows.count();
        assert.ok(late > 0 && late <= all, `${late} of ${all}`);
        for (const text of await rows.allTextContents()) assert.match(text, /Te laat/);
        // One kind: every row is of that kind.
        const kind = await page.locator('#f-soort option').nth(1).getAttribute('value');
        await page.selectOption('#f-urgentie', '');
        await page.selectOption('#f-soort', kind);
        await go(page, page.getByRole('button', { name: 'Toon' }));
        assert.match(page.url(), new RegExp(`soort=${kind}`));
        assert.ok((await rows.count()) >= 1);
        await checkA11y(page, 'signals filtered');
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('the reports, all of them', () => {
  it('a coordinator lists the reports of the running cases, filters them by status and sorts them', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(browser, viewport);
      try {
        await login(page, server.base, 'coordinator@kwadraad.example');
        if (viewport === PHONE) await openMenu(page);
        await go(page, page.getByRole('link', { name: 'Verslagen', exact: true }));
        assert.equal(new URL(page.url()).pathname, '/verslagen');
        const rows = page.locator('table tbody tr');
        const all = await rows.count();
        assert.ok(all > 0, 'the demo has reports');
        // Each row names the family beside the case number.
        assert.match(await rows.first().textContent(), /\d{4}-\d{5}[\s\S]*\(\d+\)/);
        await checkA11y(page, 'reports');
        await shot(page, 'reports');
        // The most recent appointment first; one click on the header turns it around.
        assert.equal(await page.locator('th[aria-sort="descending"]').textContent(), 'Afspraak');
        if (viewport === DESKTOP) {
          await go(page, page.locator('th a', { hasText: 'Afspraak' }));
          assert.match(page.url(), /sorteer=date&volgorde=asc/);
          assert.equal(await page.locator('th[aria-sort="ascending"]').textContent(), 'Afspraak');
        }
        // One status (the first that has reports): every row is in it, the choice is kept.
        const options = await page.locator('#f-status option').evaluateAll((os) =>
          os.map((o) => ({ value: o.value, text: o.textContent })));
        const chosen = options.find((o) => o.value && !/\(0\)$/.test(o.text));
        assert.ok(chosen, JSON.stringify(options));
        await page.selectOption('#f-status', chosen.value);
        await go(page, page.getByRole('button', { name: 'Toon' }));
        assert.match(page.url(), new RegExp(`status=${chosen.value}`));
        assert.equal(await page.inputValue('#f-status'), chosen.value);
        const label = chosen.text.replace(/ \(\d+\)$/, '');
        const shown = await rows.count();
        assert.equal(shown, Math.min(50, Number(chosen.text.match(/\((\d+)\)$/)[1])));
        for (const text of await rows.allTextContents()) assert.ok(text.includes(label), `${text} has ${label}`);
        await checkA11y(page, 'reports filtered');
      } finally {
        await page.context().close();
      }
    }
  });

  it('a supervisor sees only the reports of the cases they supervise', async () => {
    const page = await newPage(browser, DESKTOP);
    try {
      await login(page, server.base, 'coordinator@kwadraad.example');
      await page.goto(`${server.base}/verslagen`);
      const all = await page.locator('table tbody tr').count();
      await page.context().clearCookies();
      await login(page, server.base, 'begeleider@kwadraad.example');
      await go(page, page.getByRole('link', { name: 'Verslagen', exact: true }));
      const own = await page.locator('table tbody tr').count();
      assert.ok(own > 0 && own < all, `${own} of ${all}`);
      await checkA11y(page, 'reports of a supervisor');
    } finally {
      await page.context().close();
    }
  });
});

describe('files of a case', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478' +
    '9c63f8cfc00000030101 00c9fe92ef0000000049454e44ae426082'.replace(/ /g, ''), 'hex');

  it('a coordinator adds a court order, finds it on the case page and downloads it; a program is refused', async () => {
    const page = await newPage(browser, DESKTOP);
    try {
      await login(page, server.base, 'coordinator@kwadraad.example');
      await page.goto(`${server.base}/dossiers?status=running`);
      await go(page, page.locator('table tbody tr a').first());
      const caseUrl = page.url();
      await go(page, page.locator('nav a[href="#bijlagen"]'));
      const section = page.locator('#bijlagen');
      await section.locator('summary', { hasText: 'Bijlage toevoegen' }).click();
      // A program named .pdf: refused next to the field, the description kept.
      await section.locator('input[type=file]').setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03') });
      await section.locator('input[name=description]').fill('Beschikking rechtbank');
      await go(page, section.getByRole('button', { name: 'Bijlage toevoegen' }));
      const err = page.locator('#bijlagen .error-msg');
      assert.match(await err.textContent(), /PDF, PNG of JPEG/);
      assert.equal(await page.inputValue('#bijlagen input[name=description]'), 'Beschikking rechtbank');
      await checkA11y(page, 'attachment refused');
      // The real one.
      await page.locator('#bijlagen input[type=file]').setInputFiles({ name: 'beschikking.pdf', mimeType: 'application/pdf', buffer: pdf });
      await go(page, page.locator('#bijlagen').getByRole('button', { name: 'Bijlage toevoegen' }));
      assert.match(await page.locator('.banner--ok').textContent(), /bijlage is toegevoegd/);
      const link = page.locator('#bijlagen a', { hasText: 'beschikking.pdf' });
      assert.equal(await link.count(), 1);
      assert.match(await page.locator('#bijlagen tbody').textContent(), /Beschikking rechtbank/);
      await checkA11y(page, 'attachments');
      await shot(page, 'case-attachments');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'beschikking.pdf');
      const saved = await download.path();
      assert.deepEqual(await (await import('node:fs/promises')).readFile(saved), pdf);
      // A supervisor of the same organisation sees no files section.
      await page.context().clearCookies();
      await login(page, server.base, 'begeleider@kwadraad.example');
      await page.goto(caseUrl);
      assert.equal(await page.locator('#bijlagen').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  it('an administrator puts the organisation\'s logo on its documents', async () => {
    const page = await newPage(browser, DESKTOP);
    try {
      await login(page, server.base, 'beheer@kwadraad.example');
      await page.goto(`${server.base}/beheer`);
      await page.locator('#logo input[type=file]').setInputFiles({ name: 'logo.pdf', mimeType: 'application/pdf', buffer: pdf });
      await go(page, page.getByRole('button', { name: 'Logo opslaan' }));
      assert.match(await page.locator('#logo .error-msg').textContent(), /PNG of JPEG/);
      await page.locator('#logo input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
      await go(page, page.getByRole('button', { name: 'Logo opslaan' }));
      assert.match(await page.locator('.banner--ok').textContent(), /logo is opgeslagen/);
      assert.equal(await page.locator('#logo img.logo-preview').count(), 1);
      await checkA11y(page, 'beheer logo');
      await shot(page, 'beheer-logo');
    } finally {
      await page.context().close();
    }
  });
});

describe('the funder\'s figures', () => {
  it('shows the figures of the funded programme and no names, with a chart and its table', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(browser, viewport);
      try {
        await login(page, server.base, 'gemeente@derondevenen.example');
        await openMenu(page);
        await go(page, page.getByRole('link', { name: 'Cijfers', exact: true }));
        assert.match(await page.locator('h1').textContent(), /^Cijfers \d{4}$/);
        assert.equal(await page.locator('svg.chart[role="img"]').count(), 1);
        assert.ok((await page.locator('table.figures').count()) >= 1);
        const text = await page.locator('main').textContent();
        for (const name of ['Yasmina Haddou', 'Sanne Bos', 'Fleur Meijer', 'Noah', 'Emma']) {
          assert.ok(!text.includes(name), `${name} on the funder's page`);
        }
        await checkA11y(page, 'figures');
        await shot(page, 'figures');
        const csv = await page.request.get(`${server.base}/cijfers.csv`);
        assert.equal(csv.status(), 200);
        assert.match(await csv.text(), /^jaar,kwartaal,traject,aanmeldingen/);
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('the privacy officer', () => {
  it('answers an access request with the parent\'s own view, as a download', async () => {
    const page = await newPage(browser, DESKTOP);
    try {
      await login(page, server.base, 'beheer@kwadraad.example');
      await page.goto(`${server.base}/privacy`);
      await checkA11y(page, 'privacy');
      // Nothing typed: explained at the field.
      await go(page, page.getByRole('button', { name: 'Download het overzicht (JSON)' }));
      assert.match(await page.locator('main').textContent(), /Vul een geldig e-mailadres in/);
      await checkA11y(page, 'privacy: access request refused');
      await page.fill('input[name="inzage"]', 'ouder@voorbeeld.example');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download het overzicht (JSON)' }).click(),
      ]);
      const file = await download.path();
      const { readFile } = await import('node:fs/promises');
      const json = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(json.cases.length, 1);
      assert.equal(json.cases[0].case.me.role, 'non_resident_parent');
      assert.ok(!JSON.stringify(json).includes('ouder2@voorbeeld.example'), 'never the other parent');
    } finally {
      await page.context().close();
    }
  });
});
