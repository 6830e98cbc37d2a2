// Weekplanning (issue 13) in a real browser: the coordinator opens next week from the
// navigation, sees what the demo's running cases need, drops one request, lets the planner
// run for a few seconds, sees the proposal (days × rooms, per supervisor, the unplaced with
// their reason), accepts it, and finds an accepted session on its case page and in the
// parents' portal with their own drop-off time. axe on every
// state of the page; screenshots at 1280 and 390 px.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, newPage, login, go, checkA11y, shot, writeAxeSummary, axeTally,
  PHONE, DESKTOP, PASSWORD, openMenu, amsterdamDate,
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

describe('weekplanning', () => {
  it('a coordinator plans next week from the demo data and accepts it', async () => {
    const page = await newPage(browser, DESKTOP);
    try {
      await login(page, server.base, 'coordinator@kwadraad.example');
      await go(page, page.locator('nav a[href="/weekplanning"]'));
      assert.equal(new URL(page.url()).pathname, '/weekplanning');
      await checkA11y(page, 'weekplanning: requests');
      const rows = page.locator('section[aria-labelledby="h-requests"] table tbody tr');
      assert.ok((await rows.count()) >= 10, `the week needs many sessions, not a trivial puzzle: ${await rows.count()}`);

      // A rejected form keeps its input.
      await page.fill('#f-run-seconds', '99');
      await go(page, page.locator('form[action$="/runs"] button[type="submit"]'));
      assert.equal(await page.inputValue('#f-run-seconds'), '99');
      assert.equal(await page.getAttribute('#f-run-seconds', 'aria-invalid'), 'true');
      await checkA11y(page, 'weekplanning: refused time limit');

      // Drop one request; it stays listed as dropped.
      await go(page, page.locator('section[aria-labelledby="h-requests"] button', { hasText: 'Laat vallen' }).last());
      assert.match(await page.locator('section[aria-labelledby="h-requests"]').textContent(), /valt weg/);

      // Plan the week: while the planner works the page shows how far it is.
      await page.fill('#f-run-seconds', '3');
      const ranToTheEnd = page.waitForNavigation({ waitUntil: 'load', timeout: 30000 });
      await page.locator('form[action$="/runs"] button[type="submit"]').click();
      const progress = page.locator('.wp-progress-text');
      await progress.filter({ hasText: /Bezig: \d van 3 seconden; beste voorstel tot nu toe: score/ }).waitFor({ timeout: 5000 });
      assert.equal(await page.locator('#wp-progress-bar').getAttribute('max'), '3000');
      await ranToTheEnd;
      const proposal = page.locator('#voorstel');
      await proposal.waitFor();
      assert.match(await proposal.textContent(), /afspraken ingepland/);
      const slots = proposal.locator('.wp-slot');
      assert.ok((await slots.count()) >= 3, 'the planner places the week');
      await checkA11y(page, 'weekplanning: proposal');
      await shot(page, 'weekplanning-proposal');

      // Accept all; each item says what became of it.
      await go(page, proposal.locator('button', { hasText: /Neem (alle )?\d+ afspra/ }));
      const results = page.locator('#voorstel .wp-result');
      assert.ok((await results.count()) >= 1, 'accepted items show their result');
      assert.match(await page.locator('#voorstel').textContent(), /Gepland\./);
      await checkA11y(page, 'weekplanning: accepted');
      await shot(page, 'weekplanning-accepted');

      // The parents see it in their portal with their own times: the resident parent brings
      // the child before the visit (the demo's parent accounts belong to a case of this week).
      const runUrl = new URL(page.url());
      const week = runUrl.searchParams.get('week');
      const runId = runUrl.searchParams.get('run');
      const run = await (await page.request.get(`${server.base}/api/v1/planning/weeks/${week}/runs/${runId}`)).json();
      const parent = await newPage(browser, PHONE);
      try {
        await parent.goto(`${server.base}/inloggen`);
        await parent.fill('input[name="email"]', 'ouder2@voorbeeld.example');
        await parent.fill('input[name="password"]', PASSWORD);
        await go(parent, parent.locator('form[action="/inloggen"] button[type="submit"]'));
        assert.equal(new URL(parent.url()).pathname, '/mijn-omgang');
        const portal = await (await parent.request.get(`${server.base}/api/v1/portal`)).json();
        const caseIds = portal.cases.map((c) => c.case_id);
        const mine = run.placements.find((p) => caseIds.includes(p.case_id) && p.accepted?.status === 'planned');
        assert.ok(mine, 'the parent\'s case got its session from the planner');
        const text = await parent.locator('main').textContent();
        assert.ok(text.includes(`U brengt het kind om ${mine.drop_off}`), `drop-off ${mine.drop_off} in the portal`);
        await checkA11y(parent, 'portal after the week was planned');
      } finally {
        await parent.context().close();
      }

      // An accepted session is on its case page.
      const planned = page.locator('#voorstel .wp-slot', { has: page.locator('.wp-result--planned') }).first();
      const reference = (await planned.locator('a').first().textContent()).trim();
      const time = (await planned.locator('strong').first().textContent()).trim().slice(0, 5);
      await go(page, planned.locator('a').first());
      assert.match(new URL(page.url()).pathname, /^\/dossiers\//);
      const sessions = await page.locator('#sessies').textContent();
      assert.ok(sessions.includes(time), `${reference}: the session at ${time} is on the case page`);
    } finally {
      await page.context().close();
    }
  });

  it('the agenda is a grid of the week and the day, with "Plan hier" on a free slot', async () => {
    const page = await newPage(browser, DESKTOP);
    try {
      await login(page, server.base, 'coordinator@kwadraad.example');
      await go(page, page.locator('nav a[href="/agenda"]'));
      // The week per supervisor: a row each, a column per day.
      const week = page.locator('table.ag-week');
      await week.waitFor();
      assert.equal(await week.locator('thead th').count(), 8);
      assert.ok((await week.locator('tbody tr').count()) >= 3, 'a row per supervisor');
      assert.match(await week.locator('tbody').textContent(), /Lotte Verbeek/);
      await checkA11y(page, 'agenda: week grid per supervisor');

      // The Wednesday of the week after next (next week is the planner's), per room of De Boei.
      const wednesday = new Date(`${amsterdamDate()}T12:00:00Z`);
      wednesday.setUTCDate(wednesday.getUTCDate() + ((8 - wednesday.getUTCDay()) % 7 || 7) + 7 + 2);
      const day = wednesday.toISOString().slice(0, 10);
      await page.goto(`${server.base}/agenda?weergave=dag&dag=${day}&indeling=ruimte`);
      const grid = page.locator('table.ag-day');
      await grid.waitFor();
      const headers = await grid.locator('thead th').allTextContents();
      assert.deepEqual(headers.slice(1).map((h) => h.split(' (')[0]), ['Huiskamer', 'Speelzaal', 'Spreekkamer']);
      assert.ok((await grid.locator('tbody th').count()) >= 26, 'a row per half hour from 08:00 to 21:00');
      await checkA11y(page, 'agenda: day grid per room');
      await shot(page, 'agenda-day');

      // "Plan hier" at 10:00 in the Huiskamer: choose the family, the case's form is filled in.
      const free = grid.locator('a.ag-plan', { hasText: '10:00, Huiskamer' });
      assert.equal(await free.count(), 1, 'the Huiskamer is free at 10:00');
      await go(page, free);
      assert.equal(new URL(page.url()).pathname, '/agenda/plannen');
      await checkA11y(page, 'agenda: plan here, choose the family');
      await page.fill('#f-zoek', 'Sofie');
      await go(page, page.locator('form[action="/agenda/plannen"] button[type="submit"]'));
      const choice = page.locator('main table tbody tr');
      assert.equal(await choice.count(), 1);
      const reference = (await choice.locator('th a').textContent()).trim().split(' ')[0];
      await go(page, choice.locator('th a'));
      assert.match(new URL(page.url()).pathname, /^\/dossiers\//);
      const planHere = page.url();
      // Sofie goes to school on Wednesday morning: the coordinator records it on the case page.
      const windows = page.locator('#tijdvakken');
      await windows.locator('summary').click();
      await windows.locator('select[name="school[0].weekday"]').selectOption('3');
      await windows.locator('input[name="school[0].starts"]').fill('08:30');
      await windows.locator('input[name="school[0].ends"]').fill('12:30');
      await go(page, windows.locator('button[type="submit"]'));
      assert.match(await page.locator('#tijdvakken').textContent(), /Schooltijden: Woensdag 08:30–12:30/);
      await page.goto(planHere);
      assert.equal(await page.inputValue('#f-sessie-starts_at'), `${day}T10:00`);
      const room = await page.locator('#f-sessie-room option:checked').textContent();
      assert.match(room, /Huiskamer/);
      await checkA11y(page, 'case page: the session form filled in from the agenda');
      const kind = page.locator('#f-sessie-kind');
      const visit = await kind.locator('option', { hasText: 'begeleide omgang' }).getAttribute('value');
      await kind.selectOption(visit);
      await go(page, page.locator('#sessie-plannen form button[type="submit"]').last());
      // The school hours warn; warnings are confirmed like any planned session.
      assert.match(await page.locator('#sessie-plannen').textContent(), /Het kind is dan op school \(08:30 tot 12:30\)/);
      await checkA11y(page, 'case page: planning in school hours warns');
      await go(page, page.locator('#sessie-plannen button', { hasText: 'Toch plannen' }));
      const alert = page.locator('#melding');
      assert.equal(await alert.count(), 0, `planned without a refusal: ${(await alert.count()) ? await alert.textContent() : ''}`);
      assert.match(await page.locator('#sessies').textContent(), /10:00/);

      // Back in the day grid the slot is taken by that case.
      await page.goto(`${server.base}/agenda?weergave=dag&dag=${day}&indeling=ruimte`);
      const busy = page.locator('table.ag-day td.ag-busy', { hasText: reference });
      assert.equal(await busy.count(), 1, `${reference} in the grid`);
      assert.equal(await page.locator('table.ag-day a.ag-plan', { hasText: '10:00, Huiskamer' }).count(), 0);

      // The list stays for a phone.
      const phone = await newPage(browser, PHONE);
      try {
        await login(phone, server.base, 'coordinator@kwadraad.example');
        await phone.goto(`${server.base}/agenda?week=${day}&weergave=lijst`);
        assert.match(await phone.locator('ol.week').textContent(), new RegExp(reference));
        await checkA11y(phone, 'agenda: list on a phone');
        await phone.goto(`${server.base}/agenda?week=${day}`);
        await checkA11y(phone, 'agenda: week grid on a phone');
      } finally {
        await phone.context().close();
      }
    } finally {
      await page.context().close();
    }
  });

  it('the page works on a phone and only coordinators have it', async () => {
    const page = await newPage(browser, PHONE);
    const sup = await newPage(browser, DESKTOP);
    try {
      await login(page, server.base, 'coordinator@kwadraad.example');
      await openMenu(page);
      await go(page, page.locator('nav a[href="/weekplanning"]'));
      await checkA11y(page, 'weekplanning on a phone');
      await shot(page, 'weekplanning');
      await login(sup, server.base, 'begeleider@kwadraad.example');
      assert.equal(await sup.locator('nav a[href="/weekplanning"]').count(), 0);
      const res = await sup.request.get(`${server.base}/weekplanning`);
      assert.equal(res.status(), 403);
    } finally {
      await page.context().close();
      await sup.context().close();
    }
  });
});
