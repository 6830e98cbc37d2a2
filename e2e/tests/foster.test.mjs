// Issue 12, seed 003: a foster child in the Omgangshuis walked from registration to close
// through the pages — two visiting parents, a foster carer who brings the child, a guardian
// with authority who attends the informative conversation and signs; the intake sessions
// offered as the programme allows; closing over an unreleased report only with a reason
// ("Toch afsluiten"). axe on every page.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, newPage, login, go, checkA11y, shot, writeAxeSummary,
  amsterdamDate, DESKTOP, openMenu,
} from '../lib/harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await writeAxeSummary();
  await browser?.close();
  await server?.stop();
});

async function openStep(scope, summaryText) {
  const details = scope.locator('details', { has: scope.page().locator('summary', { hasText: summaryText }) }).first();
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator('summary').first().click();
  }
  return details;
}

async function doneBanner(page) {
  return (await page.locator('.banner--ok').textContent())?.trim() ?? '';
}

async function alertText(page) {
  return (await page.locator('.banner--alert').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('omgangshuis: a foster family from registration to close, through the pages', () => {
  let coord;
  let caseUrl;
  const yesterday = amsterdamDate(-1);
  const today = amsterdamDate(0);

  before(async () => {
    coord = await newPage(browser, DESKTOP);
    await login(coord, server.base, 'coordinator@kwadraad.example');
  });
  after(async () => { await coord?.context().close(); });

  it('registers a child in a foster family: two visiting parents, the carer, the guardian with authority', async () => {
    await openMenu(coord);
    await go(coord, coord.getByRole('link', { name: 'Nieuwe aanmelding' }));
    await coord.selectOption('select[name="programme_id"]', 'omgangshuis');
    await coord.check('input[name="registered_by"][value="professional"]');
    await coord.fill('input[name="children[0].name"]', 'Lotte Pleegtest');
    await coord.fill('input[name="children[0].birth_date"]', '2018-05-04');
    await coord.fill('input[name="people[0].name"]', 'Ilse Pleegtest');
    await coord.selectOption('select[name="people[0].role"]', 'non_resident_parent');
    await coord.fill('input[name="people[0].address"]', 'Verstopstraat 3, Amersfoort');
    await coord.check('input[name="people[0].secret_address"]');
    await coord.fill('input[name="people[1].name"]', 'Dennis Pleegtest');
    await coord.selectOption('select[name="people[1].role"]', 'non_resident_parent');
    await coord.fill('input[name="people[2].name"]', 'Karin Voogdtest');
    await coord.selectOption('select[name="people[2].role"]', 'guardian');
    await coord.check('input[name="people[2].holds_authority"]');
    await coord.fill('input[name="people[3].name"]', 'Familie Bakkertest');
    await coord.selectOption('select[name="people[3].role"]', 'foster_carer');
    await go(coord, coord.getByRole('button', { name: 'Aanmelding versturen' }));
    assert.match(await doneBanner(coord), /aanmelding is ontvangen/);
    caseUrl = coord.url().split('?')[0];
    await checkA11y(coord, 'pleeggezin: Dossier (aangemeld)');
  });

  it('takes it into intake and holds the informative conversation with the guardian', async () => {
    await go(coord, coord.getByRole('button', { name: 'In behandeling nemen' }));
    assert.match(await doneBanner(coord), /intake loopt/);
    const form = await openStep(coord.locator('#sessies'), 'Afspraak plannen');
    // Only what the intake allows: no visits yet.
    const offered = await form.locator('select[name="kind"] option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(offered, ['informative_conversation']);
    await form.locator('select[name="kind"]').selectOption('informative_conversation');
    await form.locator('input[name="starts_at"]').fill(`${yesterday}T10:00`);
    await form.locator('input[name="minutes"]').fill('60');
    await form.locator('select[name="supervisor_id"]').selectOption('');
    const guardian = await form.locator('select[name="participants"] option', { hasText: 'Karin Voogdtest' }).getAttribute('value');
    await form.locator('select[name="participants"]').selectOption(guardian);
    await go(coord, form.getByRole('button', { name: 'Afspraak plannen' }));
    assert.match(await doneBanner(coord), /afspraak is gepland/);
    const conv = coord.locator('li.session', { hasText: 'informatief gesprek' });
    const outcome = await openStep(conv, 'Uitkomst vastleggen');
    await outcome.getByLabel('Gehouden').check();
    await go(coord, outcome.getByRole('button', { name: 'Uitkomst vastleggen' }));
    assert.match(await doneBanner(coord), /uitkomst van de afspraak/);
    const step = await openStep(coord.locator('#stappen'), 'Intake afronden');
    await step.getByLabel('Ja, passend').check();
    await go(coord, step.getByRole('button', { name: 'Intake afronden' }));
    assert.match(await doneBanner(coord), /intake is afgerond/);
  });

  it('writes the plan; both parents and the guardian sign, the carer does not', async () => {
    const plan = await openStep(coord.locator('#plan'), 'Plan schrijven');
    await plan.locator('textarea[name="goals"]').fill('Lotte ziet elk van haar ouders om de week.');
    await go(coord, plan.getByRole('button', { name: 'Plan opslaan' }));
    const table = coord.locator('#plan table');
    assert.match(await table.textContent(), /Karin Voogdtest/);
    assert.doesNotMatch(await table.textContent(), /Familie Bakkertest/);
    for (const name of ['Ilse Pleegtest', 'Dennis Pleegtest', 'Karin Voogdtest']) {
      await go(coord, coord.locator('#plan').getByRole('button', { name: new RegExp(`Handtekening op papier vastleggen: ${name}`) }));
      assert.match(await doneBanner(coord), /handtekening is vastgelegd/);
    }
    assert.match(await coord.locator('.case-meta').textContent(), /lopend/i);
    await checkA11y(coord, 'pleeggezin: Dossier (lopend)');
  });

  it('plans a visit for one parent; the foster carer brings and collects the child', async () => {
    const form = await openStep(coord.locator('#sessies'), 'Afspraak plannen');
    await form.locator('select[name="kind"]').selectOption('supervised_visit');
    await form.locator('input[name="starts_at"]').fill(`${today}T00:00`);
    await form.locator('input[name="minutes"]').fill('90');
    const sanne = await form.locator('select[name="supervisor_id"] option', { hasText: 'Sanne Jansen' }).getAttribute('value');
    await form.locator('select[name="supervisor_id"]').selectOption(sanne);
    const ilse = await form.locator('select[name="participants"] option', { hasText: 'Ilse Pleegtest' }).getAttribute('value');
    await form.locator('select[name="participants"]').selectOption(ilse);
    await go(coord, form.getByRole('button', { name: 'Afspraak plannen' }));
    assert.match(await doneBanner(coord), /afspraak is gepland/);
    const visit = coord.locator('li.session', { hasText: 'begeleide omgang' });
    assert.match(await visit.textContent(), /Brengt en haalt: Familie Bakkertest/);
    const outcome = await openStep(visit, 'Uitkomst vastleggen');
    await outcome.getByLabel('Gehouden').check();
    // Who came: the child and both visiting parents are ticked beforehand; this visit was
    // Ilse's, so Dennis is unticked; the foster carer and the guardian were not there.
    const who = outcome.locator('fieldset', { hasText: 'Wie waren er?' });
    assert.ok(await who.getByLabel('Lotte Pleegtest (kind)').isChecked());
    assert.ok(await who.getByLabel(/Dennis Pleegtest/).isChecked());
    assert.ok(!(await who.getByLabel(/Familie Bakkertest/).isChecked()));
    await who.getByLabel(/Dennis Pleegtest/).uncheck();
    await go(coord, outcome.getByRole('button', { name: 'Uitkomst vastleggen' }));
    assert.match(await doneBanner(coord), /uitkomst van de afspraak/);
    const held = coord.locator('li.session', { hasText: 'begeleide omgang' });
    const attended = (await held.textContent()).replace(/\s+/g, ' ');
    assert.match(attended, /Aanwezig: Lotte Pleegtest \(kind\), Ilse Pleegtest/);
    assert.doesNotMatch(attended, /Aanwezig:[^.]*Dennis/);
  });

  it('walks the meldcode step by step: signals, consultation, conversation, weighing, decision', async () => {
    const notes = {
      1: 'Lotte vertelde dat zij thuis bij het pleeggezin slecht slaapt na de omgang.',
      2: 'Overlegd met de aandachtsfunctionaris.',
      3: 'Besproken met Ilse en met de voogd.',
      4: 'Gewogen met het afwegingskader.',
      5: 'Hulp via de gezinsvoogd; geen melding nodig.',
    };
    for (const n of [1, 2, 3, 4, 5]) {
      const step = await openStep(coord.locator('#evaluaties'), `Stap ${n} vastleggen`);
      await step.locator('textarea[name="note"]').fill(notes[n]);
      if (n === 4) {
        // One question left open: named, and what was typed stays.
        for (const i of [0, 1, 2, 3]) await step.locator(`input[name="answers[${i}]"][value="${i === 2 ? 'yes' : 'no'}"]`).check();
        await go(coord, step.getByRole('button', { name: 'Stap 4 vastleggen' }));
        assert.match(await coord.locator('.error-msg').first().textContent(), /Maak een keuze/);
        const again = await openStep(coord.locator('#evaluaties'), 'Stap 4 vastleggen');
        assert.equal(await again.locator('textarea[name="note"]').inputValue(), notes[4]);
        // The page brings the refused form into view with the cursor in it.
        assert.ok(await again.evaluate((d) => d.contains(document.activeElement)), 'the cursor is in the refused form');
        await checkA11y(coord, 'pleeggezin: meldcode, weging met een open vraag');
        await again.locator('input[name="answers[4]"][value="yes"]').check();
        await go(coord, again.getByRole('button', { name: 'Stap 4 vastleggen' }));
      } else {
        if (n === 5) await step.getByLabel('Hulp bieden of organiseren').check();
        await go(coord, step.getByRole('button', { name: `Stap ${n} vastleggen` }));
      }
      assert.match(await doneBanner(coord), /stap van de meldcode is vastgelegd/);
    }
    const list = (await coord.locator('ol.meldcode').textContent()).replace(/\s+/g, ' ');
    assert.match(list, /Stap 1: signalen in kaart brengen/);
    assert.match(list, /Stap 5: beslissen: melden en\/of hulp/);
    assert.match(list, /Besluit: Hulp bieden of organiseren/);
    // All five taken: no sixth form.
    assert.equal(await coord.locator('#evaluaties summary', { hasText: /Stap \d vastleggen/ }).count(), 0);
    await checkA11y(coord, 'pleeggezin: meldcode doorlopen');
  });

  it('closing while the visit has no released report asks for a reason: Toch afsluiten', async () => {
    let end = await openStep(coord.locator('#stappen'), 'Traject afsluiten met een uitkomst');
    await end.locator('select[name="outcome"]').selectOption('stopped_early');
    await end.getByLabel('Reden van stoppen').fill('Lotte verhuist naar een gezinshuis elders.');
    await end.getByLabel('Samenvatting').fill('Gestopt na één omgang.');
    await go(coord, end.getByRole('button', { name: 'Traject afsluiten' }));
    assert.match(await alertText(coord), /Kijk eerst naar de waarschuwingen/);
    const warnings = coord.locator('#afsluiten-waarschuwingen');
    assert.match(await warnings.textContent(), /geen verslag vrijgegeven/);
    await checkA11y(coord, 'pleeggezin: Dossier (waarschuwing bij afsluiten)');
    await shot(coord, 'foster-close-warning');
    // Without a reason: asked for one.
    await go(coord, warnings.getByRole('button', { name: 'Toch afsluiten' }));
    assert.match(await alertText(coord), /Geef een reden op om toch door te gaan/);
    end = coord.locator('#afsluiten-waarschuwingen');
    await end.getByLabel('Reden om toch door te gaan').fill('De begeleider is uit dienst; het verslag komt niet meer.');
    await go(coord, end.getByRole('button', { name: 'Toch afsluiten' }));
    assert.match(await doneBanner(coord), /afgesloten met een uitkomst/);
    assert.match(await coord.locator('.case-meta').textContent(), /afgesloten/i);
    assert.match(await coord.locator('#tijdlijn').textContent(), /Toch doorgegaan na waarschuwing[\s\S]*uit dienst/);
    assert.equal(coord.url().split('?')[0], caseUrl);
    await checkA11y(coord, 'pleeggezin: Dossier (gesloten)');
  });
});
