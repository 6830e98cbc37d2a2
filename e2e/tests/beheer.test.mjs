// Beheer (administration), the public registration form, printable views and the language
// remembered per user, in a real browser on the demo data: axe on every page visited, and
// screenshots at 390 and 1280 px.

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

async function doneBanner(page) {
  return (await page.locator('.banner--ok').textContent())?.trim() ?? '';
}

async function alertText(page) {
  return (await page.locator('.banner--alert').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The element's accessible description (its aria-describedby texts). */
async function describedBy(locator) {
  return locator.evaluate((el) => (el.getAttribute('aria-describedby') || '')
    .split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' | '));
}

/** Visits a path at both widths: axe and a screenshot each. */
async function both(path, name, email) {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await newPage(browser, viewport);
    try {
      if (email) await login(page, server.base, email);
      await page.goto(`${server.base}${path}`);
      await checkA11y(page, `${name} (${viewport.width} px)`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${viewport.width}px`);
      await shot(page, name);
    } finally {
      await page.context().close();
    }
  }
}

describe('Beheer: users and roles (administrator)', () => {
  let admin;
  before(async () => {
    admin = await newPage(browser, DESKTOP);
    await login(admin, server.base, 'beheer@kwadraad.example');
  });
  after(async () => { await admin?.context().close(); });

  it('opens Beheer from the menu', async () => {
    await openMenu(admin);
    await go(admin, admin.getByRole('link', { name: 'Beheer', exact: true }));
    assert.equal(new URL(admin.url()).pathname, '/beheer');
    await checkA11y(admin, 'Beheer');
    await go(admin, admin.getByRole('link', { name: 'Gebruikers en rollen' }));
    await checkA11y(admin, 'Gebruikers en rollen');
  });

  it('rejects a new user with messages at the fields and keeps what was typed', async () => {
    const form = admin.locator('form[action="/beheer/gebruikers"]');
    await form.getByLabel('Naam').fill('Nina Nieuw');
    await form.getByLabel('E-mailadres').fill('nina-at-kwadraad');
    await form.getByLabel('Eerste wachtwoord').fill('kort');
    await go(admin, form.getByRole('button', { name: 'Gebruiker toevoegen' }));
    assert.match(await alertText(admin), /Controleer de gemarkeerde velden/);
    const email = admin.locator('form[action="/beheer/gebruikers"]').getByLabel('E-mailadres');
    assert.equal(await email.inputValue(), 'nina-at-kwadraad');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match(await describedBy(email), /e-mailadres/i);
    assert.match(await describedBy(admin.locator('form[action="/beheer/gebruikers"]').getByLabel('Rol')), /Kies uit/);
    assert.equal(await admin.locator('form[action="/beheer/gebruikers"]').getByLabel('Naam').inputValue(), 'Nina Nieuw');
    await checkA11y(admin, 'Gebruikers: afgewezen formulier');
    await shot(admin, 'beheer-users-rejected');
  });

  it('adds the user, changes the role and deactivates', async () => {
    const form = admin.locator('form[action="/beheer/gebruikers"]');
    await form.getByLabel('E-mailadres').fill('nina@kwadraad.example');
    await form.getByLabel('Rol').selectOption('coordinator');
    await form.getByLabel('Eerste wachtwoord').fill('omgang-demo-2026');
    await go(admin, form.getByRole('button', { name: 'Gebruiker toevoegen' }));
    assert.match(await doneBanner(admin), /gebruiker is toegevoegd/);
    const row = admin.locator('tr', { hasText: 'nina@kwadraad.example' });
    await go(admin, row.getByRole('link', { name: /Wijzigen/ }));
    await checkA11y(admin, 'Gebruiker wijzigen');
    await admin.getByLabel('Rol').selectOption('supervisor');
    await admin.getByLabel('Actief (kan inloggen)').uncheck();
    await go(admin, admin.getByRole('button', { name: 'Opslaan' }));
    assert.match(await doneBanner(admin), /gebruiker is gewijzigd/);
    const changed = admin.locator('tr', { hasText: 'nina@kwadraad.example' });
    assert.match(await changed.textContent(), /omgangsbegeleider[\s\S]*Uitgeschakeld/);
  });

  it('shows the programmes, explains a broken upload per field, opens one for the public form', async () => {
    await admin.goto(`${server.base}/beheer/trajecten`);
    await checkA11y(admin, 'Trajecten');
    await go(admin, admin.getByRole('link', { name: /^Omgangshuis/ }));
    await checkA11y(admin, 'Traject (ingebouwd)');
    assert.match(await admin.locator('main').textContent(), /Soorten afspraken/);
    await admin.goto(`${server.base}/beheer/trajecten`);
    await admin.getByLabel('Bestandsnaam').fill('eigen.toml');
    await admin.getByLabel('Definitie (TOML)').fill('id = "eigen"\nname = { nl = "Eigen", en = "Own" }\n');
    await go(admin, admin.getByRole('button', { name: 'Alleen controleren' }));
    assert.match(await alertText(admin), /De definitie is niet in orde/);
    const problems = admin.locator('table.problems');
    assert.match(await problems.textContent(), /eigen\.toml/);
    assert.match(await describedBy(admin.getByLabel('Definitie (TOML)')), /Problemen in de definitie|eigen\.toml/);
    assert.equal(await admin.getByLabel('Bestandsnaam').inputValue(), 'eigen.toml');
    await checkA11y(admin, 'Trajecten: fouten in de definitie');
    await shot(admin, 'beheer-programme-problems');
    const row = admin.locator('tr', { has: admin.locator('code', { hasText: /^omgangshuis$/ }) });
    await go(admin, row.getByRole('button', { name: /Openzetten/ }));
    assert.match(await doneBanner(admin), /staat open voor het aanmeldformulier/);
  });

  it('remembers English for this user after signing in again', async () => {
    await admin.goto(`${server.base}/beheer/trajecten`);
    await openMenu(admin);
    await go(admin, admin.getByRole('button', { name: 'English' }));
    assert.match(await admin.locator('h1').textContent(), /Programmes/);
    await go(admin, admin.getByRole('button', { name: 'Sign out' }));
    // Another browser (no language cookie): English after sign-in.
    const fresh = await newPage(browser, DESKTOP);
    try {
      await fresh.goto(`${server.base}/inloggen`);
      await fresh.fill('input[name="email"]', 'beheer@kwadraad.example');
      await fresh.fill('input[name="password"]', 'omgang-demo-2026');
      await go(fresh, fresh.locator('form[action="/inloggen"] button[type="submit"]'));
      assert.equal(await fresh.getAttribute('html', 'lang'), 'en');
      await go(fresh, fresh.getByRole('link', { name: 'Administration' }));
      await checkA11y(fresh, 'Administration (English)');
      await openMenu(fresh);
      await go(fresh, fresh.getByRole('button', { name: 'Nederlands' }));
    } finally {
      await fresh.context().close();
    }
  });

  it('looks right at 390 and 1280 px', async () => {
    await both('/beheer', 'beheer', 'beheer@kwadraad.example');
    await both('/beheer/gebruikers', 'beheer-users', 'beheer@kwadraad.example');
    await both('/beheer/trajecten', 'beheer-programmes', 'beheer@kwadraad.example');
  });
});

describe('Beheer: staff, locations and rooms (coordinator)', () => {
  let coord;
  before(async () => {
    coord = await newPage(browser, DESKTOP);
    await login(coord, server.base, 'coordinator@humanitas.example');
  });
  after(async () => { await coord?.context().close(); });

  it('records a volunteer\'s VOG, training and weekly availability', async () => {
    await coord.goto(`${server.base}/beheer/begeleiders`);
    await checkA11y(coord, 'Begeleiders en vrijwilligers');
    const row = coord.locator('tr', { hasText: 'Els Visser' });
    await go(coord, row.getByRole('link', { name: /Wijzigen/ }));
    await checkA11y(coord, 'Begeleider wijzigen');
    const monday = coord.locator('fieldset', { hasText: 'Maandag' });
    await monday.getByLabel('Van').fill('09:00');
    await monday.getByLabel('Tot').fill('08:00');
    await go(coord, coord.getByRole('button', { name: 'Opslaan' }));
    assert.match(await alertText(coord), /Controleer de gemarkeerde velden/);
    const until = coord.locator('fieldset', { hasText: 'Maandag' }).getByLabel('Tot');
    assert.equal(await until.inputValue(), '08:00');
    assert.match(await describedBy(until), /eindtijd ligt na de begintijd/);
    await checkA11y(coord, 'Begeleider: afgewezen beschikbaarheid');
    await until.fill('17:00');
    await go(coord, coord.getByRole('button', { name: 'Opslaan' }));
    assert.match(await doneBanner(coord), /beschikbaarheid zijn opgeslagen/);
    assert.match(await coord.locator('table').textContent(), /Maandag 09:00–17:00/);
  });

  it('adds a location with entrances and a large room', async () => {
    await coord.goto(`${server.base}/beheer/locaties`);
    await checkA11y(coord, 'Locaties en ruimtes');
    const form = coord.locator('form[action="/beheer/locaties"]');
    await form.getByLabel('Naam').fill('Het Speelhuis');
    await form.getByLabel('Tussentijd bij aankomst en vertrek').fill('200');
    await form.getByLabel('Ingangen').fill('Voordeur\nTuindeur (achterom)');
    await go(coord, form.getByRole('button', { name: 'Locatie toevoegen' }));
    const margin = coord.locator('form[action="/beheer/locaties"]').getByLabel('Tussentijd bij aankomst en vertrek');
    assert.match(await describedBy(margin), /0 tot 120/);
    assert.match(await describedBy(coord.locator('form[action="/beheer/locaties"]').getByLabel('Adres')), /Vul dit veld in|Vul .* in/);
    assert.equal(await coord.locator('form[action="/beheer/locaties"]').getByLabel('Ingangen').inputValue(), 'Voordeur\nTuindeur (achterom)');
    assert.equal(await coord.locator('form[action="/beheer/locaties"]').getByLabel('Naam').inputValue(), 'Het Speelhuis');
    await checkA11y(coord, 'Locaties: afgewezen formulier');
    await margin.fill('20');
    await coord.locator('form[action="/beheer/locaties"]').getByLabel('Adres').fill('Lindelaan 14, Utrecht');
    await go(coord, coord.locator('form[action="/beheer/locaties"]').getByRole('button', { name: 'Locatie toevoegen' }));
    assert.match(await doneBanner(coord), /locatie is toegevoegd/);
    await checkA11y(coord, 'Locatie');
    const room = coord.locator('form[action$="/ruimtes"]');
    await room.getByLabel('Naam').fill('Speelzaal');
    await room.getByLabel('Soort ruimte').selectOption('large');
    await go(coord, room.getByRole('button', { name: 'Ruimte toevoegen' }));
    assert.match(await doneBanner(coord), /ruimte is toegevoegd/);
    assert.match(await coord.locator('#ruimtes').textContent(), /Speelzaal \(grote ruimte \(spel\)\)/);
    await shot(coord, 'beheer-location');
  });

  it('looks right at 390 and 1280 px', async () => {
    await both('/beheer/begeleiders', 'beheer-staff', 'coordinator@humanitas.example');
    await both('/beheer/locaties', 'beheer-locations', 'coordinator@humanitas.example');
  });
});

describe('The public registration form', () => {
  it('registers a family without signing in and says only that it was received', async () => {
    const page = await newPage(browser, PHONE);
    try {
      await page.goto(`${server.base}/aanmelden`);
      await checkA11y(page, 'Aanmelden (publiek, telefoon)');
      assert.equal(await page.locator('nav.main-nav').count(), 0, 'no staff navigation');
      assert.equal(await page.locator('input[name="website"]').isVisible(), false, 'the honeypot is not visible');
      const choice = page.getByLabel('Organisatie en traject');
      const value = await choice.locator('option', { hasText: 'Omgangshuis' }).first().getAttribute('value');
      await choice.selectOption(value);
      await page.getByLabel('Naam van het kind').first().fill('Sam');
      await page.getByLabel('Geboortedatum').first().fill('2019-02-31');
      await page.locator('input[name="people[0].name"]').fill('Eva Moeder');
      await page.locator('input[name="people[1].name"]').fill('Tom Vader');
      await go(page, page.getByRole('button', { name: 'Aanmelding versturen' }));
      assert.match(await alertText(page), /Controleer de gemarkeerde velden/);
      assert.equal(await page.locator('input[name="children[0].name"]').inputValue(), 'Sam');
      assert.equal(await page.getByLabel('Organisatie en traject').inputValue(), value);
      await checkA11y(page, 'Aanmelden: afgewezen (telefoon)');
      await shot(page, 'public-register-rejected');
      await page.locator('input[name="children[0].birth_date"]').fill('2019-02-28');
      await go(page, page.getByRole('button', { name: 'Aanmelding versturen' }));
      assert.equal(new URL(page.url()).pathname, '/aanmelden/ontvangen');
      assert.match(await page.locator('main').textContent(), /Uw aanmelding is ontvangen/);
      await checkA11y(page, 'Aanmelding ontvangen');
      await shot(page, 'public-received');
    } finally {
      await page.context().close();
    }
    await both('/aanmelden', 'public-register');
  });

  it('puts it on the waiting list, found by the referrer filter', async () => {
    const coord = await newPage(browser, DESKTOP);
    try {
      await login(coord, server.base, 'coordinator@kwadraad.example');
      await coord.goto(`${server.base}/aanmeldingen`);
      await coord.getByLabel('Verwijzer').selectOption('publieke-aanmelding');
      await go(coord, coord.getByRole('button', { name: 'Toon' }));
      await checkA11y(coord, 'Aanmeldingen: verwijzer');
      assert.match(await coord.locator('table').textContent(), /Sam/);
    } finally {
      await coord.context().close();
    }
  });
});

describe('Printable plan and report', () => {
  it('prints the plan and a released report without the navigation', async () => {
    const coord = await newPage(browser, DESKTOP);
    try {
      await login(coord, server.base, 'coordinator@kwadraad.example');
      const links = [];
      for (const status of ['running', 'follow_up', 'closed']) {
        await coord.goto(`${server.base}/dossiers?status=${status}`);
        links.push(...await coord.locator('table a[href^="/dossiers/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))));
      }
      let planDone = false;
      let reportDone = false;
      for (const href of links.slice(0, 40)) {
        await coord.goto(`${server.base}${href}`);
        if (!planDone && await coord.locator('a[href$="/plan/afdrukken"]').count()) {
          await go(coord, coord.locator('a[href$="/plan/afdrukken"]'));
          await checkA11y(coord, 'Plan afdrukken');
          await shot(coord, 'print-plan');
          await coord.emulateMedia({ media: 'print' });
          assert.equal(await coord.locator('header.site-header').isVisible(), false, 'no navigation in print');
          assert.equal(await coord.locator('[data-print]').isVisible(), false, 'no buttons in print');
          assert.ok(await coord.locator('h1').isVisible());
          await shot(coord, 'print-plan-media-print');
          await coord.emulateMedia({ media: 'screen' });
          planDone = true;
          await coord.goto(`${server.base}${href}`);
        }
        const released = coord.locator('#verslagen li', { hasText: 'Gedeeld met de ouders' }).first();
        if (!reportDone && await released.count()) {
          await go(coord, released.locator('a').first());
          await go(coord, coord.locator('a[href$="/afdrukken"]'));
          await checkA11y(coord, 'Verslag afdrukken');
          await coord.emulateMedia({ media: 'print' });
          assert.equal(await coord.locator('header.site-header').isVisible(), false);
          await shot(coord, 'print-report-media-print');
          await coord.emulateMedia({ media: 'screen' });
          reportDone = true;
        }
        if (planDone && reportDone) break;
      }
      assert.ok(planDone, 'a demo case has a plan to print');
      assert.ok(reportDone, 'a demo case has a released report to print');
    } finally {
      await coord.context().close();
    }
  });
});
