// The staff web interface in a real browser: two programmes walked from registration to close
// entirely through the pages, refusals and rejected forms, language, CSRF, error pages, axe
// on every page, and screenshots at 390 and 1280 px.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, newPage, login, go, checkA11y, shot, writeAxeSummary, axeTally,
  amsterdamDate, PHONE, DESKTOP, openMenu,
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

/** Opens the <details> of a step (if closed) inside `scope`. */
async function openStep(scope, summaryText) {
  const details = scope.locator('details', { has: scope.page().locator('summary', { hasText: summaryText }) }).first();
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator('summary').first().click();
  }
  return details;
}

/** Chooses the option of a select whose text contains `text`. */
async function selectByText(select, text) {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value);
}

async function doneBanner(page) {
  return (await page.locator('.banner--ok').textContent())?.trim() ?? '';
}

async function alertText(page) {
  return (await page.locator('.banner--alert').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/**
 * Walks one case through its whole life.
 * p: { programme, coordinator, supervisorEmail, supervisorName, child, resident, visiting, extraPerson, tag }
 */
function walk(p) {
  describe(`${p.programme}: from registration to close, entirely through the pages`, () => {
    let coord; // the coordinator's page (1280 px)
    let caseUrl;
    let reference;
    const yesterday = amsterdamDate(-1);
    // Issue 12: no visit is dated before both parents signed (today), so the visit is today's.
    const today = amsterdamDate(0);

    before(async () => {
      coord = await newPage(browser, DESKTOP);
      await login(coord, server.base, p.coordinator);
      await checkA11y(coord, `${p.tag}: Mijn werk`);
    });
    after(async () => { await coord?.context().close(); });

    it('registers a family (Nieuwe aanmelding) with a secret address', async () => {
      await openMenu(coord);
      await go(coord, coord.getByRole('link', { name: 'Nieuwe aanmelding' }));
      await checkA11y(coord, `${p.tag}: Nieuwe aanmelding`);
      await coord.selectOption('select[name="programme_id"]', p.programme);
      await coord.check('input[name="registered_by"][value="both_parents"]');
      await coord.fill('input[name="children[0].name"]', p.child);
      await coord.fill('input[name="children[0].birth_date"]', '2018-05-04');
      await coord.fill('input[name="people[0].name"]', p.resident);
      await coord.fill('input[name="people[0].email"]', 'eva@example.org');
      await coord.fill('input[name="people[0].phone"]', '06-11112222');
      await coord.fill('input[name="people[0].address"]', 'Geheimstraat 1, Mijdrecht');
      await coord.check('input[name="people[0].secret_address"]');
      await coord.fill('input[name="people[1].name"]', p.visiting);
      await coord.fill('input[name="people[1].email"]', 'tom@example.org');
      if (p.extraPerson) {
        await coord.fill('input[name="people[2].name"]', p.extraPerson);
        await coord.selectOption('select[name="people[2].role"]', 'guardian');
      }
      await coord.fill('textarea[name="request"]', 'Weer rustig contact tussen kind en vader.');
      await go(coord, coord.getByRole('button', { name: 'Aanmelding versturen' }));
      assert.match(coord.url(), /\/dossiers\/[^/?]+\?klaar=aanmelding/);
      assert.match(await doneBanner(coord), /aanmelding is ontvangen/);
      caseUrl = coord.url().split('?')[0];
      reference = (await coord.locator('h1').textContent()).replace('Dossier', '').trim();
      assert.match(reference, /^\d{4}-\d+$/);
      await assert.doesNotReject(coord.locator('.badge--secret', { hasText: 'Geheim adres' }).waitFor());
      await checkA11y(coord, `${p.tag}: Dossier (aangemeld)`);
    });

    it('finds it on the waiting list (Aanmeldingen) and takes it into intake', async () => {
      await openMenu(coord);
      await go(coord, coord.getByRole('link', { name: 'Aanmeldingen', exact: true }));
      await coord.selectOption('select[name="programma"]', p.programme);
      await go(coord, coord.getByRole('button', { name: 'Toon' }));
      await checkA11y(coord, `${p.tag}: Aanmeldingen`);
      const row = coord.locator('tr', { hasText: reference });
      assert.match(await row.textContent(), /0 dagen/);
      await go(coord, row.getByRole('button', { name: /In behandeling nemen/ }));
      assert.match(await doneBanner(coord), /intake loopt/);
      assert.equal(coord.url().split('?')[0], caseUrl);
      await checkA11y(coord, `${p.tag}: Dossier (intake)`);
    });

    it('completes the intake and assigns the supervisor', async () => {
      const step = await openStep(coord.locator('#stappen'), 'Intake afronden');
      await step.getByLabel('Ja, passend').check();
      await step.getByLabel('Aantekeningen van de intake').fill('Beide ouders willen meewerken.');
      await go(coord, step.getByRole('button', { name: 'Intake afronden' }));
      assert.match(await doneBanner(coord), /intake is afgerond/);
      const assign = await openStep(coord.locator('#stappen'), 'Omgangsbegeleider toewijzen');
      await selectByText(assign.locator('select[name="user_id"]'), p.supervisorName);
      await go(coord, assign.getByRole('button', { name: 'Toewijzen' }));
      assert.match(await doneBanner(coord), /omgangsbegeleider is toegewezen/);
      await checkA11y(coord, `${p.tag}: Dossier (plan)`);
    });

    it('writes the plan with the programme\'s house rules filled in', async () => {
      const plan = await openStep(coord.locator('#plan'), 'Plan schrijven');
      const rules = await plan.locator('textarea[name="house_rules"]').inputValue();
      assert.ok(rules.includes(p.houseRule), `house rules prefilled from the programme: ${rules}`);
      await plan.locator('textarea[name="goals"]').fill('Ontspannen contact tussen kind en vader.\nAfspraken vastleggen in een ouderschapsplan.');
      await plan.locator('textarea[name="visit_agreements"]').fill('Eens per twee weken 90 minuten in het omgangshuis.');
      await plan.locator('input[name="evaluation_moments[0]"]').fill(amsterdamDate(30));
      await go(coord, plan.getByRole('button', { name: 'Plan opslaan' }));
      assert.match(await doneBanner(coord), /nieuwe versie van het plan/);
      assert.match(await coord.locator('#plan').textContent(), /Nog niet door beide ouders ondertekend/);
    });

    it('refuses a visit before both signatures, explains why, and keeps what was typed', async () => {
      await coord.locator('#plan').getByRole('button', { name: new RegExp(`Handtekening op papier vastleggen: ${p.resident}`) }).click();
      await coord.waitForURL(/klaar=handtekening/);
      assert.match(await doneBanner(coord), /handtekening is vastgelegd/);
      const form = await openStep(coord.locator('#sessies'), 'Afspraak plannen');
      await form.locator('select[name="kind"]').selectOption('supervised_visit');
      await form.locator('input[name="starts_at"]').fill(`${yesterday}T10:00`);
      await form.locator('input[name="minutes"]').fill('90');
      await go(coord, form.getByRole('button', { name: 'Afspraak plannen' }));
      const alert = await alertText(coord);
      assert.match(alert, /kan pas gepland worden als beide ouders versie 1/);
      assert.match(alert, new RegExp(p.visiting));
      // The header says what the case waits for (issue 15: the next step).
      assert.match(await coord.locator('.next-step').textContent(), new RegExp(`Volgende stap: Wacht op de handtekening van ${p.visiting}`));
      // The form is open again with the typed values.
      const again = coord.locator('#sessie-plannen');
      assert.equal(await again.evaluate((d) => d.open), true);
      assert.equal(await again.locator('input[name="starts_at"]').inputValue(), `${yesterday}T10:00`);
      assert.equal(await again.locator('input[name="minutes"]').inputValue(), '90');
      assert.equal(await again.locator('select[name="kind"]').inputValue(), 'supervised_visit');
      await checkA11y(coord, `${p.tag}: Dossier (weigering)`);
      await shot(coord, `${p.tag}-refusal`);
    });

    it('records the second signature; the case runs', async () => {
      await go(coord, coord.locator('#plan').getByRole('button', { name: new RegExp(`Handtekening op papier vastleggen: ${p.visiting}`) }));
      assert.match(await coord.locator('#plan').textContent(), /Door beide ouders ondertekend/);
      assert.match(await coord.locator('.case-meta').textContent(), /lopend/i);
      assert.match(await coord.locator('.next-step').textContent(), /Volgende stap: (Plan|Volgende)/);
    });

    it('plans the sessions: a supervised visit and a parent conversation', async () => {
      let form = await openStep(coord.locator('#sessies'), 'Afspraak plannen');
      await form.locator('select[name="kind"]').selectOption('supervised_visit');
      await form.locator('input[name="starts_at"]').fill(`${today}T00:00`);
      await form.locator('input[name="minutes"]').fill('90');
      assert.match(await form.locator('select[name="supervisor_id"] option:checked').textContent(), new RegExp(p.supervisorName));
      await go(coord, form.getByRole('button', { name: 'Afspraak plannen' }));
      assert.match(await doneBanner(coord), /afspraak is gepland/);
      form = await openStep(coord.locator('#sessies'), 'Afspraak plannen');
      await form.locator('select[name="kind"]').selectOption('parent_conversation');
      await form.locator('input[name="starts_at"]').fill(`${yesterday}T15:00`);
      await form.locator('input[name="minutes"]').fill('60');
      await form.locator('select[name="supervisor_id"]').selectOption('');
      await go(coord, form.getByRole('button', { name: 'Afspraak plannen' }));
      assert.match(await doneBanner(coord), /afspraak is gepland/);
      // The coordinator records the parent conversation as held.
      const conv = coord.locator('li.session', { hasText: 'oudergesprek' });
      const outcome = await openStep(conv, 'Uitkomst vastleggen');
      await outcome.getByLabel('Gehouden').check();
      await go(coord, outcome.getByRole('button', { name: 'Uitkomst vastleggen' }));
      assert.match(await doneBanner(coord), /uitkomst van de afspraak/);
      assert.match(await coord.locator('#overzicht').textContent(), /begeleide omgang 0/);
      await checkA11y(coord, `${p.tag}: Dossier (lopend)`);
      // Both sessions are in the agenda of their week, the visit with its supervisor.
      await coord.goto(`${server.base}/agenda?week=${today}&weergave=lijst`);
      const day = coord.locator('li.day', { hasText: reference }).filter({ hasText: '00:00–01:30' });
      assert.match(await day.textContent(), new RegExp(`00:00–01:30[\\s\\S]*${p.supervisorName}`));
      await coord.goto(`${server.base}/agenda?week=${yesterday}&weergave=lijst`);
      assert.match(await coord.locator('li.day', { hasText: reference }).filter({ hasText: '15:00–16:00' }).textContent(), /15:00–16:00/);
      await checkA11y(coord, `${p.tag}: Agenda`);
    });

    it('the supervisor records the visit and writes the report on a 390 px phone', async () => {
      const phone = await newPage(browser, PHONE);
      try {
        await login(phone, server.base, p.supervisorEmail);
        await checkA11y(phone, `${p.tag}: Mijn werk (begeleider, telefoon)`);
        // A compact header on a phone: the menu folds behind a button that says so.
        assert.equal(await phone.locator('nav.main-nav').isVisible(), false, 'the menu is folded on a phone');
        assert.ok(await phone.locator('#header-q').isVisible(), 'the search stays in view');
        await openMenu(phone);
        assert.equal(await phone.locator('.menu-button').getAttribute('aria-expanded'), 'true');
        assert.ok(await phone.locator('nav.main-nav').isVisible());
        await go(phone, phone.getByRole('link', { name: 'Dossiers' }));
        await checkA11y(phone, `${p.tag}: Dossiers (begeleider, telefoon)`);
        await go(phone, phone.getByRole('link', { name: reference }));
        await checkA11y(phone, `${p.tag}: Dossier (begeleider, telefoon)`);
        const visit = phone.locator('li.session', { hasText: 'begeleide omgang' });
        const outcome = await openStep(visit, 'Uitkomst vastleggen');
        await outcome.getByLabel('Gehouden').check();
        await outcome.getByLabel('Aantekeningen').fill('Rustig verlopen.');
        await go(phone, outcome.getByRole('button', { name: 'Uitkomst vastleggen' }));
        assert.match(await doneBanner(phone), /uitkomst van de afspraak/);
        await go(phone, phone.locator('li.session', { hasText: 'begeleide omgang' }).getByRole('link', { name: /Verslag schrijven/ }));
        await checkA11y(phone, `${p.tag}: Verslag (telefoon)`);
        await phone.getByLabel('Verloop van de omgang').fill('Vader kwam om 10:00. Ze speelden met de blokken en lazen een boek.');
        await phone.getByLabel('Reacties van het kind').fill('Het kind was eerst stil en daarna ontspannen.');
        await phone.getByLabel('Interactie tussen ouder en kind').fill('Vader volgde het kind in het spel.');
        await phone.getByLabel('Zijn de afspraken nagekomen?').fill('Ja.');
        await phone.getByLabel(/Op tijd: verzorgende ouder/).fill('Op tijd.');
        await phone.getByLabel(/Op tijd: uitwonende ouder/).fill('Op tijd.');
        // The draft saves itself a few seconds after typing stops.
        await phone.locator('#autosave-status', { hasText: 'automatisch opgeslagen' }).waitFor({ timeout: 15_000 });
        await shot(phone, `${p.tag}-report-form`);
        await go(phone, phone.getByRole('button', { name: 'Opslaan als concept' }));
        assert.match(await doneBanner(phone), /als concept opgeslagen/);
        assert.equal(await phone.getByLabel('Reacties van het kind').inputValue(), 'Het kind was eerst stil en daarna ontspannen.');
        // Done writing: marked ready for review (issue 15's hand-off).
        await go(phone, phone.getByRole('button', { name: 'Klaar voor beoordeling' }));
        assert.match(await doneBanner(phone), /klaar voor beoordeling/);
        assert.match(await phone.locator('main').textContent(), /Klaar voor beoordeling sinds/);
        // No horizontal scrolling on a phone.
        const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the report page scrolls sideways by ${overflow}px at 390px`);
        await checkA11y(phone, `${p.tag}: Verslag opgeslagen (telefoon)`);
      } finally {
        await phone.context().close();
      }
    });

    it('the coordinator finds the report under Te beoordelen, approves and releases it, then amends it', async () => {
      await coord.goto(`${server.base}/`);
      const queue = coord.locator('section', { has: coord.getByRole('heading', { name: /Te beoordelen/ }) });
      const item = queue.locator('li', { hasText: reference });
      assert.match((await item.textContent()).replace(/\s+/g, ' '), /wacht \d+ (uur|dag|dagen)/);
      // "Wat is er veranderd": the supervisor's step is news (the coordinator's own are not),
      // counted in the navigation's badge; "Alles gezien" empties both.
      const changes = (await coord.locator('#veranderd').textContent()).replace(/\s+/g, ' ');
      assert.match(changes, new RegExp(`${reference}: Verslag klaar voor beoordeling`));
      assert.doesNotMatch(changes, new RegExp(`${reference}: Nieuwe aanmelding`));
      assert.match(await coord.locator('nav.main-nav').textContent(), /\d+ nieuw/);
      await checkA11y(coord, `${p.tag}: Mijn werk met Te beoordelen`);
      await shot(coord, `${p.tag}-mijn-werk`);
      await go(coord, coord.getByRole('button', { name: 'Alles gezien' }));
      assert.match(await doneBanner(coord), /als gezien gemarkeerd/);
      assert.match(await coord.locator('#veranderd').textContent(), /Niets nieuws/);
      assert.doesNotMatch(await coord.locator('nav.main-nav').textContent(), /\d+ nieuw/);
      await go(coord, item.getByRole('link', { name: /Verslag beoordelen/ }));
      await checkA11y(coord, `${p.tag}: Verslag (coördinator)`);
      assert.match(await coord.locator('main').textContent(), /staat klaar voor beoordeling sinds/);
      await go(coord, coord.getByRole('button', { name: 'Goedkeuren' }));
      assert.match(await doneBanner(coord), /goedgekeurd/);
      await go(coord, coord.getByRole('button', { name: 'Delen met beide ouders' }));
      assert.match(await doneBanner(coord), /gedeeld met beide ouders/);
      assert.match(await coord.locator('main').textContent(), /Vader volgde het kind in het spel/);
      await coord.getByLabel('Aanvulling').fill('Correctie: het boek was van de bibliotheek.');
      await go(coord, coord.getByRole('button', { name: 'Aanvulling toevoegen' }));
      assert.match(await doneBanner(coord), /aanvulling is toegevoegd/);
      await checkA11y(coord, `${p.tag}: Verslag gedeeld`);
      await shot(coord, `${p.tag}-report-released`);
    });

    it('evaluates, ends with an ouderschapsplan and closes the case', async () => {
      await coord.goto(caseUrl);
      const evaluation = await openStep(coord.locator('#evaluaties'), 'Evaluatie vastleggen');
      await evaluation.locator('select[name="kind"]').selectOption('end');
      await evaluation.getByLabel('Samenvatting van de evaluatie').fill('De ouders maakten samen afspraken.');
      await evaluation.getByLabel('Overeenstemming bereikt').check();
      await go(coord, evaluation.getByRole('button', { name: 'Evaluatie vastleggen' }));
      assert.match(await doneBanner(coord), /evaluatie is vastgelegd/);
      const end = await openStep(coord.locator('#stappen'), 'Traject afsluiten met een uitkomst');
      await end.locator('select[name="outcome"]').selectOption('ouderschapsplan');
      await end.getByLabel('Samenvatting').fill('Ouderschapsplan ondertekend.');
      await go(coord, end.getByRole('button', { name: 'Traject afsluiten' }));
      assert.match(await doneBanner(coord), /afgesloten met een uitkomst/);
      if (await coord.locator('form[action$="/nazorg-afsluiten"]').count()) {
        const close = coord.locator('form[action$="/nazorg-afsluiten"]');
        await close.getByLabel('Samenvatting').fill('Nazorg afgerond.');
        await go(coord, close.getByRole('button', { name: 'Nazorg afsluiten' }));
      }
      assert.match(await coord.locator('.case-meta').textContent(), /afgesloten/i);
      assert.match(await coord.locator('#overzicht').textContent(), /ouderschapsplan gemaakt/);
      assert.match(await coord.locator('#tijdlijn').textContent(), /Traject afgesloten/);
      await checkA11y(coord, `${p.tag}: Dossier (gesloten)`);
      await shot(coord, `${p.tag}-case-closed`);
    });
  });
}

walk({
  tag: 'omgangshuis',
  programme: 'omgangshuis',
  coordinator: 'coordinator@kwadraad.example',
  supervisorEmail: 'begeleider@kwadraad.example',
  supervisorName: 'Sanne Jansen',
  child: 'Noor Testkind',
  resident: 'Eva Testouder',
  visiting: 'Tom Testouder',
  extraPerson: 'Gerda Voogd',
  houseRule: 'De omgang vindt plaats in aanwezigheid van de omgangsbegeleider.',
});

walk({
  tag: 'bor',
  programme: 'begeleide-omgangsregeling',
  coordinator: 'coordinator@humanitas.example',
  supervisorEmail: 'vrijwilliger@humanitas.example',
  supervisorName: 'Els Visser',
  child: 'Sam Proef',
  resident: 'Ilse Proef',
  visiting: 'Bas Proef',
  houseRule: 'De kinderen worden niet betrokken bij conflicten tussen de ouders.',
});

describe('forms, language, safety and error pages', () => {
  let page;
  before(async () => {
    page = await newPage(browser, DESKTOP);
  });
  after(async () => { await page?.context().close(); });

  it('the sign-in page is Dutch; a wrong password is refused and the e-mail kept', async () => {
    await page.goto(`${server.base}/`);
    assert.equal(new URL(page.url()).pathname, '/inloggen');
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    await checkA11y(page, 'Inloggen');
    await page.fill('input[name="email"]', 'coordinator@kwadraad.example');
    await page.fill('input[name="password"]', 'fout-wachtwoord');
    await go(page, page.getByRole('button', { name: 'Inloggen' }));
    assert.match(await alertText(page), /e-mailadres of wachtwoord klopt niet/);
    assert.equal(await page.locator('input[name="email"]').inputValue(), 'coordinator@kwadraad.example');
    assert.equal(await page.locator('input[name="password"]').inputValue(), '');
    await checkA11y(page, 'Inloggen (geweigerd)');
  });

  it('the session cookie is HttpOnly and SameSite=Strict; pages send a strict CSP', async () => {
    await login(page, server.base, 'coordinator@kwadraad.example');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'omgang_session');
    assert.ok(cookie, 'omgang_session is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/');
    const r = await page.request.get(`${server.base}/`);
    const csp = r.headers()['content-security-policy'];
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });

  it('a rejected registration shows field messages next to their fields and keeps what was typed', async () => {
    await page.goto(`${server.base}/aanmeldingen/nieuw`);
    await page.selectOption('select[name="programme_id"]', 'omgangshuis');
    await page.fill('input[name="children[1].name"]', 'Sam Zonderdatum');
    await page.fill('input[name="people[0].name"]', 'Anna Fout');
    await page.fill('input[name="people[0].phone"]', '12');
    await page.fill('input[name="people[1].name"]', 'Piet Fout');
    await page.fill('input[name="people[1].email"]', 'geen-email');
    await page.check('input[name="people[1].secret_address"]');
    await page.fill('textarea[name="request"]', 'Dit blijft staan.');
    await go(page, page.getByRole('button', { name: 'Aanmelding versturen' }));
    assert.match(await alertText(page), /Controleer de gemarkeerde velden/);
    const expectations = [
      ['children[1].birth_date', /Vul dit veld in/],
      ['people[0].phone', /geen geldig telefoonnummer/],
      ['people[1].email', /geen geldig e-mailadres/],
      ['people[1].address', /geheim adres moet ingevuld/i],
    ];
    for (const [name, message] of expectations) {
      const input = page.locator(`[name="${name}"]`);
      assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name} is marked invalid`);
      const describedBy = await input.getAttribute('aria-describedby');
      assert.ok(describedBy, `${name} has aria-describedby`);
      const errId = describedBy.split(' ').find((id) => id.endsWith('-err'));
      const text = await page.locator(`[id="${errId}"]`).textContent();
      assert.match(text, message, `${name}: ${text}`);
    }
    // The summary links to the fields.
    assert.ok(await page.locator('.error-summary a').count() >= 4);
    // Everything typed is still there.
    assert.equal(await page.locator('select[name="programme_id"]').inputValue(), 'omgangshuis');
    assert.equal(await page.inputValue('input[name="children[1].name"]'), 'Sam Zonderdatum');
    assert.equal(await page.inputValue('input[name="people[0].name"]'), 'Anna Fout');
    assert.equal(await page.inputValue('input[name="people[0].phone"]'), '12');
    assert.equal(await page.inputValue('input[name="people[1].email"]'), 'geen-email');
    assert.equal(await page.isChecked('input[name="people[1].secret_address"]'), true);
    assert.equal(await page.inputValue('textarea[name="request"]'), 'Dit blijft staan.');
    await checkA11y(page, 'Nieuwe aanmelding (fouten)');
    await shot(page, 'registration-errors');
  });

  it('English is a switch, remembered across pages; Dutch is the default', async () => {
    await page.goto(`${server.base}/`);
    assert.equal(await page.locator('h1').textContent(), 'Mijn werk');
    await openMenu(page);
    await go(page, page.getByRole('button', { name: 'English' }));
    assert.equal(await page.locator('h1').textContent(), 'My work');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.goto(`${server.base}/dossiers`);
    assert.equal(await page.locator('h1').textContent(), 'Cases');
    await checkA11y(page, 'Cases (English)');
    await openMenu(page);
    await go(page, page.getByRole('button', { name: 'Nederlands' }));
    assert.equal(await page.locator('h1').textContent(), 'Dossiers');
  });

  it('a POST without the CSRF token is refused with a friendly page', async () => {
    const r = await page.request.post(`${server.base}/aanmeldingen/nieuw`, {
      form: { programme_id: 'omgangshuis', csrf: 'vervalst' },
      maxRedirects: 0,
    });
    assert.equal(r.status(), 400);
    assert.match(await r.text(), /Het formulier is verlopen/);
  });

  it('unknown pages get a friendly 404 page', async () => {
    const r = await page.goto(`${server.base}/dossiers/bestaat-niet`);
    assert.equal(r.status(), 404);
    assert.equal(await page.locator('h1').textContent(), 'Pagina niet gevonden');
    await checkA11y(page, '404');
  });

  it('the two-factor set-up page shows a QR code, passes axe and explains a wrong code', async () => {
    await page.goto(`${server.base}/tweestap`);
    assert.equal(await page.locator('h1').textContent(), 'Tweede stap van het inloggen instellen');
    assert.equal(await page.locator('.qr-image svg').count(), 1);
    await checkA11y(page, 'Tweestapsverificatie');
    await shot(page, 'two-factor');
    await page.getByLabel('Code van zes cijfers').fill('000000');
    await go(page, page.getByRole('button', { name: 'Bevestigen' }));
    const input = page.locator('input[name="code"]');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#f-tweestap-code-err').textContent(), /code klopt niet/);
    await checkA11y(page, 'Tweestapsverificatie (foute code)');
  });

  it('signing out ends the session', async () => {
    await openMenu(page);
    await go(page, page.getByRole('button', { name: 'Uitloggen' }));
    assert.match(await doneBanner(page), /uitgelogd/);
    await page.goto(`${server.base}/dossiers`);
    assert.equal(new URL(page.url()).pathname, '/inloggen');
  });
});

/** The page fits the viewport: nothing scrolls sideways (tables scroll inside their own region). */
async function fits(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow}px at ${page.viewportSize().width}px`);
}

describe('screenshots of the main pages at 390 and 1280 px', () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`main pages at ${viewport.width} px pass axe and are saved`, async () => {
      const page = await newPage(browser, viewport);
      try {
        await page.goto(`${server.base}/inloggen`);
        await checkA11y(page, `Inloggen ${viewport.width}`);
        await fits(page, 'Inloggen');
        await shot(page, 'login');
        await login(page, server.base, 'coordinator@kwadraad.example');
        await checkA11y(page, `Mijn werk ${viewport.width}`);
        await fits(page, 'Mijn werk');
        await shot(page, 'home');
        for (const [path, name] of [['/aanmeldingen', 'waiting-list'], ['/aanmeldingen/nieuw', 'registration'], ['/dossiers', 'cases'], ['/agenda', 'agenda']]) {
          await page.goto(`${server.base}${path}`);
          await checkA11y(page, `${name} ${viewport.width}`);
          await fits(page, name);
          await shot(page, name);
        }
        await page.goto(`${server.base}/dossiers?status=running`);
        await go(page, page.locator('tbody a').first());
        await checkA11y(page, `Dossier ${viewport.width}`);
        await fits(page, 'Dossier');
        await shot(page, 'case');
        const report = page.locator('#verslagen a').first();
        if (await report.count()) {
          await go(page, report);
          await checkA11y(page, `Verslag ${viewport.width}`);
          await fits(page, 'Verslag');
          await shot(page, 'report');
        }
      } finally {
        await page.context().close();
      }
    });
  }
});
