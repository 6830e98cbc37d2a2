// The portal in a real browser, on the demo data: a coordinator invites a parent from the
// case's invitations page, the parent opens the e-mailed link (caught by a small SMTP sink in
// this file), sets a password, lands on "Mijn omgang", reads and signs the plan and cancels
// sessions (a late cancellation is shown as late); a referrer registers a family and follows
// its status and waiting time on "Mijn aanmeldingen"; a coordinator invites a referrer and a
// partner organisation's staff member. axe on every page visited, screenshots of each at 390
// and 1280 px.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import {
  startServer, launch, newPage, login, go, checkA11y, shot, writeAxeSummary, axeTally,
  amsterdamDate, PHONE, DESKTOP, openMenu,
} from '../lib/harness.mjs';

// ---- a tiny SMTP sink: the server delivers its outbox here (OMGANG_SMTP_URL) --------------

/** Decodes a received message's body (7bit/8bit, quoted-printable or base64). */
function decodeBody(raw) {
  const text = raw.replace(/^\.\./gm, '.');
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? '' : text.slice(0, split);
  let body = split < 0 ? text : text.slice(split + 4);
  const cte = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase() ?? '7bit';
  if (cte === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  } else if (cte === 'quoted-printable') {
    const bytes = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    body = bytes.toString('utf8');
  } else {
    body = Buffer.from(body, 'latin1').toString('utf8');
  }
  return { head, body };
}

function smtpSink() {
  const mails = [];
  const server = net.createServer((sock) => {
    sock.setEncoding('latin1');
    let buf = '';
    let inData = false;
    let to = [];
    sock.write('220 sink ESMTP\r\n');
    sock.on('error', () => {});
    sock.on('data', (chunk) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.startsWith('.\r\n') ? 0 : buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const raw = buf.slice(0, end);
          buf = buf.slice(end === 0 ? 3 : end + 5);
          inData = false;
          mails.push({ to, ...decodeBody(raw) });
          to = [];
          sock.write('250 OK\r\n');
          continue;
        }
        const i = buf.indexOf('\r\n');
        if (i < 0) return;
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250-sink\r\n250 8BITMIME\r\n');
        else if (verb === 'RCPT') { to.push(/<([^>]*)>/.exec(line)?.[1]?.toLowerCase() ?? ''); sock.write('250 OK\r\n'); }
        else if (verb === 'DATA') { inData = true; sock.write('354 go ahead\r\n'); }
        else if (verb === 'QUIT') { sock.end('221 bye\r\n'); return; }
        else sock.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      port: server.address().port,
      mails,
      close: () => new Promise((r) => server.close(r)),
    }));
  });
}

let sink;
let server;
let browser;

before(async () => {
  sink = await smtpSink();
  process.env.OMGANG_SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await writeAxeSummary();
  console.log(`axe: ${axeTally.pages} page checks, ${axeTally.violations} violations`);
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

/** The path and query of the invitation link in the newest mail to `to` (the mail worker runs every 5 s). */
async function invitationLink(to) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const mail = [...sink.mails].reverse().find((m) => m.to.includes(to) && m.body.includes('/uitnodiging?token='));
    if (mail) {
      const token = /\/uitnodiging\?token=([0-9a-f]+)/.exec(mail.body)[1];
      return { path: `/uitnodiging?token=${token}`, body: mail.body };
    }
    if (Date.now() > deadline) throw new Error(`no invitation mail to ${to}; got mail to ${sink.mails.map((m) => m.to).join(', ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function doneBanner(page) {
  return (await page.locator('.banner--ok').first().textContent())?.trim() ?? '';
}

async function alertText(page) {
  return (await page.locator('.banner--alert').first().textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The text of the error message tied to a field (aria-describedby …-err). */
async function fieldError(page, name) {
  const input = page.locator(`[name="${name}"]`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name} is marked invalid`);
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const errId = ids.split(' ').find((id) => id.endsWith('-err'));
  assert.ok(errId, `${name} is described by its error`);
  return (await page.locator(`[id="${errId}"]`).textContent()).trim();
}

/**
 * The current page at 390 and 1280 px: axe (0 violations), no sideways scrolling, a
 * screenshot each. The page's own viewport is restored afterwards.
 */
async function visit(page, name) {
  const own = page.viewportSize();
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await checkA11y(page, `${name} (${viewport.width} px)`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${viewport.width}px`);
    await shot(page, `portal-${name}`);
  }
  await page.setViewportSize(own);
}

/** Opens the <details> of a step (if closed) inside `scope`. */
async function openStep(scope, summaryText) {
  const details = scope.locator('details', { has: scope.page().locator('summary', { hasText: summaryText }) }).first();
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator('summary').first().click();
  }
  return details;
}

async function selectByText(select, text) {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value);
}

const PARENT_PASSWORD = 'een lang genoeg wachtwoord';
const VISITING_EMAIL = 'tom.portaal@voorbeeld.example';
const SECRET = 'Geheimstraat 7, Mijdrecht';

describe('parent portal: invited, signs the plan, cancels sessions', () => {
  let coord;
  let parent;
  let caseUrl;
  let caseId;
  let reference;

  before(async () => {
    coord = await newPage(browser, DESKTOP);
    await login(coord, server.base, 'coordinator@kwadraad.example');
  });
  after(async () => {
    await coord?.context().close();
    await parent?.context().close();
  });

  it('the coordinator registers a family, completes the intake and writes the plan', async () => {
    await coord.goto(`${server.base}/aanmeldingen/nieuw`);
    await coord.selectOption('select[name="programme_id"]', 'omgangshuis');
    await coord.check('input[name="registered_by"][value="both_parents"]');
    await coord.fill('input[name="children[0].name"]', 'Lotte Portaal');
    await coord.fill('input[name="children[0].birth_date"]', '2017-03-02');
    await coord.fill('input[name="people[0].name"]', 'Eva Portaal');
    await coord.fill('input[name="people[0].email"]', 'eva.portaal@voorbeeld.example');
    await coord.fill('input[name="people[0].phone"]', '06-99887766');
    await coord.fill('input[name="people[0].address"]', SECRET);
    await coord.check('input[name="people[0].secret_address"]');
    await coord.fill('input[name="people[1].name"]', 'Tom Portaal');
    await coord.fill('input[name="people[1].email"]', VISITING_EMAIL);
    await coord.fill('textarea[name="request"]', 'Contact tussen Lotte en haar vader herstellen.');
    await go(coord, coord.getByRole('button', { name: 'Aanmelding versturen' }));
    assert.match(coord.url(), /\/dossiers\/[^/?]+\?klaar=aanmelding/);
    caseUrl = coord.url().split('?')[0];
    caseId = caseUrl.split('/').pop();
    reference = (await coord.locator('h1').textContent()).replace('Dossier', '').trim();

    await openMenu(coord);
    await go(coord, coord.getByRole('link', { name: 'Aanmeldingen', exact: true }));
    await go(coord, coord.locator('tr', { hasText: reference }).getByRole('button', { name: /In behandeling nemen/ }));
    assert.match(await doneBanner(coord), /intake loopt/);
    const intake = await openStep(coord.locator('#stappen'), 'Intake afronden');
    await intake.getByLabel('Ja, passend').check();
    await intake.getByLabel('Aantekeningen van de intake').fill('Beide ouders willen meewerken.');
    await go(coord, intake.getByRole('button', { name: 'Intake afronden' }));
    const assign = await openStep(coord.locator('#stappen'), 'Omgangsbegeleider toewijzen');
    await selectByText(assign.locator('select[name="user_id"]'), 'Sanne Jansen');
    await go(coord, assign.getByRole('button', { name: 'Toewijzen' }));
    const plan = await openStep(coord.locator('#plan'), 'Plan schrijven');
    await plan.locator('textarea[name="goals"]').fill('Ontspannen contact tussen Lotte en haar vader.');
    await plan.locator('textarea[name="visit_agreements"]').fill('Eens per twee weken 90 minuten in het omgangshuis.');
    await plan.locator('input[name="evaluation_moments[0]"]').fill(amsterdamDate(30));
    await go(coord, plan.getByRole('button', { name: 'Plan opslaan' }));
    assert.match(await doneBanner(coord), /nieuwe versie van het plan/);
    // The resident parent signs on paper; the visiting parent will sign in the portal.
    await go(coord, coord.locator('#plan').getByRole('button', { name: /Handtekening op papier vastleggen: Eva Portaal/ }));
    assert.match(await doneBanner(coord), /handtekening is vastgelegd/);
  });

  it('the coordinator invites the visiting parent from the invitations page; wrong input is explained and kept', async () => {
    await coord.goto(caseUrl);
    await go(coord, coord.getByRole('link', { name: 'Ouders uitnodigen voor het portaal' }));
    assert.equal(new URL(coord.url()).pathname, `/dossiers/${caseId}/uitnodigingen`);
    await visit(coord, 'invitations');
    // Nobody chosen and a wrong address: both fields explained, the address kept.
    await coord.fill('input[name="email"]', 'geen-adres');
    await coord.selectOption('select[name="lang"]', 'en');
    await go(coord, coord.getByRole('button', { name: 'Uitnodiging versturen' }));
    assert.match(await alertText(coord), /Controleer de gemarkeerde velden/);
    assert.match(await fieldError(coord, 'person_id'), /Kies/);
    assert.match(await fieldError(coord, 'email'), /geen geldig e-mailadres/);
    assert.equal(await coord.inputValue('input[name="email"]'), 'geen-adres');
    assert.equal(await coord.inputValue('select[name="lang"]'), 'en');
    await visit(coord, 'invitations-errors');
    // Now right: the person's own address from the case.
    await selectByText(coord.locator('select[name="person_id"]'), 'Tom Portaal');
    await coord.fill('input[name="email"]', '');
    await coord.selectOption('select[name="lang"]', 'nl');
    await go(coord, coord.getByRole('button', { name: 'Uitnodiging versturen' }));
    assert.match(await doneBanner(coord), /uitnodiging is verstuurd/);
    const row = coord.locator('tbody tr', { hasText: 'Tom Portaal' });
    assert.match(await row.textContent(), new RegExp(`${VISITING_EMAIL}[\\s\\S]*verstuurd`));
    await visit(coord, 'invitations-sent');
  });

  it('the parent opens the e-mailed link, sets a password and lands on "Mijn omgang"', async () => {
    const link = await invitationLink(VISITING_EMAIL);
    assert.ok(!link.body.includes(SECRET), 'the invitation does not carry the secret address');
    parent = await newPage(browser, PHONE);
    await parent.goto(`${server.base}${link.path}`);
    assert.equal(await parent.locator('h1').textContent(), 'Uitnodiging aannemen');
    assert.match(await parent.locator('main').textContent(), new RegExp(`Welkom Tom Portaal[\\s\\S]*${VISITING_EMAIL}`));
    await visit(parent, 'accept');
    // Too short, then two different passwords: explained at the field, never typed back.
    await parent.getByLabel(/^Nieuw wachtwoord \(/).fill('kort');
    await parent.getByLabel(/^Nieuw wachtwoord nogmaals/).fill('kort');
    await go(parent, parent.getByRole('button', { name: 'Account maken' }));
    assert.match(await fieldError(parent, 'password'), /\S/);
    assert.equal(await parent.inputValue('input[name="password"]'), '');
    await parent.getByLabel(/^Nieuw wachtwoord \(/).fill(PARENT_PASSWORD);
    await parent.getByLabel(/^Nieuw wachtwoord nogmaals/).fill('iets heel anders dan dat');
    await go(parent, parent.getByRole('button', { name: 'Account maken' }));
    assert.match(await fieldError(parent, 'password_again'), /niet gelijk/);
    assert.equal(await parent.inputValue('input[name="password_again"]'), '');
    await visit(parent, 'accept-errors');
    await parent.getByLabel(/^Nieuw wachtwoord \(/).fill(PARENT_PASSWORD);
    await parent.getByLabel(/^Nieuw wachtwoord nogmaals/).fill(PARENT_PASSWORD);
    await go(parent, parent.getByRole('button', { name: 'Account maken' }));
    assert.equal(new URL(parent.url()).pathname, '/mijn-omgang');
    assert.equal(await parent.locator('h1').textContent(), 'Mijn omgang');
    assert.match(await doneBanner(parent), /account is klaar/);
    // A parent knows the case by its programme and child, not by a number (issue 15).
    assert.match(await parent.locator('main').textContent(), /Het plan van .+ voor .+ lezen en ondertekenen/);
    assert.ok(!(await parent.locator('main').textContent()).includes(reference), 'no case number towards a parent');
    assert.match(await parent.locator('footer').textContent(), /coördinator van uw traject/);
    await visit(parent, 'home-to-sign');
    // The link works once.
    const again = await newPage(browser, DESKTOP);
    try {
      await again.goto(`${server.base}${link.path}`);
      assert.match(await again.locator('main').textContent(), /verlopen of al gebruikt/);
      await visit(again, 'accept-used');
    } finally {
      await again.context().close();
    }
    // The coordinator sees it accepted.
    await coord.reload();
    assert.match(await coord.locator('tbody tr', { hasText: 'Tom Portaal' }).textContent(), /aangenomen/);
  });

  it('the parent reads the plan and signs it (agreeing is required); the case runs', async () => {
    await go(parent, parent.getByRole('link', { name: /Het plan van .+ lezen en ondertekenen/ }));
    assert.doesNotMatch(await parent.locator('main').textContent(), /Kenmerk van deze versie/);
    assert.equal(new URL(parent.url()).pathname, `/mijn-omgang/${caseId}`);
    const plan = parent.locator('section', { has: parent.locator('h2#plan') });
    assert.match(await plan.textContent(), /Ontspannen contact tussen Lotte en haar vader/);
    assert.match(await plan.textContent(), /Versie 1|versie 1/);
    const main = await parent.locator('main').textContent();
    assert.ok(!main.includes(SECRET), 'the other parent\'s secret address is not shown');
    assert.ok(!main.includes('06-99887766') && !main.includes('eva.portaal@'), 'nor their contact details');
    await visit(parent, 'case-to-sign');
    await go(parent, parent.getByRole('button', { name: 'Plan ondertekenen' }));
    assert.match(await fieldError(parent, 'agree'), /Vink aan/);
    await visit(parent, 'case-sign-error');
    await parent.getByLabel(/Ik heb versie 1 van het plan gelezen/).check();
    await go(parent, parent.getByRole('button', { name: 'Plan ondertekenen' }));
    assert.match(await doneBanner(parent), /plan ondertekend/);
    const signed = await parent.locator('section', { has: parent.locator('h2#plan') }).textContent();
    assert.match(signed, /U ondertekende deze versie op/);
    assert.match(signed, /Beide ouders hebben deze versie ondertekend/);
    await visit(parent, 'case-signed');
    await coord.goto(caseUrl);
    assert.match(await coord.locator('#plan').textContent(), /Door beide ouders ondertekend/);
    assert.match(await coord.locator('.case-meta').textContent(), /lopend/i);
  });

  it('the parent cancels a session: within the notice period it is recorded as late', async () => {
    // The coordinator plans two visits: tomorrow (within the 48 hours' notice) and in ten days.
    for (const day of [amsterdamDate(1), amsterdamDate(10)]) {
      const form = await openStep(coord.locator('#sessies'), 'Afspraak plannen');
      await form.locator('select[name="kind"]').selectOption('supervised_visit');
      await form.locator('input[name="starts_at"]').fill(`${day}T19:00`);
      await form.locator('input[name="minutes"]').fill('60');
      await go(coord, form.getByRole('button', { name: 'Afspraak plannen' }));
      assert.match(await doneBanner(coord), /afspraak is gepland/, await coord.locator('main').textContent());
    }
    await parent.goto(`${server.base}/mijn-omgang`);
    const upcoming = parent.locator('section', { has: parent.locator('h2#afspraken') });
    assert.equal(await upcoming.locator('li.card', { hasText: 'begeleide omgang' }).count(), 2);
    // Each appointment says what to bring and how to cancel in time.
    const first = (await upcoming.locator('li.card', { hasText: 'begeleide omgang' }).first().textContent()).replace(/\s+/g, ' ');
    assert.match(first, /(Neem gerust iets mee|Geef mee wat uw kind nodig heeft)/);
    await visit(parent, 'home');
    await go(parent, parent.locator('li.card').first().getByRole('link', { name: /^Naar .+ voor / }));
    await visit(parent, 'case-running');
    // On the case page: how to cancel in time (the house rules' 48 hours).
    assert.match(await parent.locator('section', { has: parent.locator('h2#afspraken') }).textContent(), /uiterlijk 48 uur van tevoren af/);
    // The first (tomorrow's) is late.
    await go(parent, parent.getByRole('link', { name: /^Afzeggen/ }).first());
    assert.equal(await parent.locator('h1').textContent(), 'Afspraak afzeggen');
    assert.match(await alertText(parent), /binnen de afzegtermijn/);
    await visit(parent, 'cancel-late');
    await go(parent, parent.getByRole('button', { name: 'Afspraak afzeggen' }));
    assert.match(await fieldError(parent, 'reason'), /reden/i);
    await visit(parent, 'cancel-error');
    await parent.getByLabel(/Reden van afzeggen/).fill('Lotte is ziek.');
    await go(parent, parent.getByRole('button', { name: 'Afspraak afzeggen' }));
    assert.match(await doneBanner(parent), /afspraak is afgezegd/);
    const past = await parent.locator('section', { has: parent.locator('h2#afspraken') }).textContent();
    assert.match(past, /te laat afgezegd/);
    // The one in ten days is not late.
    await go(parent, parent.getByRole('link', { name: /^Afzeggen/ }).first());
    assert.equal(await parent.locator('.banner--alert').count(), 0);
    await visit(parent, 'cancel');
    await parent.getByLabel(/Reden van afzeggen/).fill('Vakantie.');
    await go(parent, parent.getByRole('button', { name: 'Afspraak afzeggen' }));
    assert.match(await doneBanner(parent), /afspraak is afgezegd/);
    const items = parent.locator('section', { has: parent.locator('h2#afspraken') }).locator('ul').last().locator('li');
    const texts = await items.allTextContents();
    assert.equal(texts.filter((t) => /te laat afgezegd/.test(t)).length, 1, texts.join(' | '));
    assert.equal(texts.filter((t) => /afgezegd/i.test(t)).length, 2, texts.join(' | '));
    await visit(parent, 'case-cancelled');
  });

  it('a parent cannot open staff pages or another case', async () => {
    await parent.goto(`${server.base}/`);
    assert.equal(new URL(parent.url()).pathname, '/mijn-omgang');
    const r = await parent.goto(`${server.base}/dossiers/${caseId}/uitnodigingen`);
    assert.ok([403, 404].includes(r.status()), `status ${r.status()}`);
    const other = await parent.goto(`${server.base}/mijn-omgang/bestaat-niet`);
    assert.equal(other.status(), 404);
  });
});

describe('demo parent: Mijn omgang in English', () => {
  it('ouder@voorbeeld.example sees the running demo case, and the page in English', async () => {
    const page = await newPage(browser, PHONE);
    try {
      await page.goto(`${server.base}/inloggen`);
      await page.fill('input[name="email"]', 'ouder@voorbeeld.example');
      await page.fill('input[name="password"]', 'omgang-demo-2026');
      await go(page, page.locator('form[action="/inloggen"] button[type="submit"]'));
      assert.equal(new URL(page.url()).pathname, '/mijn-omgang');
      await visit(page, 'demo-home');
      await openMenu(page);
      await go(page, page.getByRole('button', { name: 'English' }));
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await visit(page, 'demo-home-en');
      await go(page, page.locator('main a[href^="/mijn-omgang/"]').last());
      await visit(page, 'demo-case-en');
    } finally {
      await page.context().close();
    }
  });
});

describe('referrer: registers a family and follows it on "Mijn aanmeldingen"', () => {
  it('submits a registration, sees it waiting, then in intake', async () => {
    const page = await newPage(browser, DESKTOP);
    const coord = await newPage(browser, DESKTOP);
    try {
      await login(page, server.base, 'verwijzer@sociaalteam.example');
      await openMenu(page);
      await go(page, page.getByRole('link', { name: 'Mijn aanmeldingen' }));
      assert.equal(await page.locator('h1').textContent(), 'Mijn aanmeldingen');
      await visit(page, 'referrals-before');
      await go(page, page.locator('main').getByRole('link', { name: 'Nieuwe aanmelding' }));
      await visit(page, 'referrer-registration');
      await page.selectOption('select[name="programme_id"]', 'omgangshuis');
      await selectByText(page.locator('select[name="organisation_id"]'), 'Kwadraad');
      await page.check('input[name="registered_by"][value="professional"]');
      await page.selectOption('select[name="entry_route"]', 'referral');
      await page.fill('input[name="children[0].name"]', 'Mila Verwezen');
      await page.fill('input[name="children[0].birth_date"]', '2019-08-20');
      await page.fill('input[name="people[0].name"]', 'Sara Verwezen');
      await page.fill('input[name="people[0].email"]', 'sara.verwezen@voorbeeld.example');
      await page.fill('input[name="people[1].name"]', 'Joost Verwezen');
      await page.fill('textarea[name="request"]', 'Begeleide omgang na een lange periode zonder contact.');
      await go(page, page.getByRole('button', { name: 'Aanmelding versturen' }));
      assert.match(page.url(), /klaar=aanmelding/, await page.locator('main').textContent());
      const reference = (await page.locator('h1').textContent()).replace('Dossier', '').trim();
      assert.match(reference, /^\d{4}-\d+$/);
      await openMenu(page);
      await go(page, page.getByRole('link', { name: 'Mijn aanmeldingen' }));
      const card = page.locator('li.card', { hasText: reference });
      assert.match(await card.textContent(), /Mila Verwezen/);
      assert.match(await card.textContent(), /wacht op intake/);
      assert.match(await card.textContent(), /wachttijd 0 dagen/);
      assert.ok(!(await card.textContent()).includes('sara.verwezen@'), 'no contact details on the list');
      await visit(page, 'referrals');
      // The coordinator takes it into intake; the referrer sees the new status.
      await login(coord, server.base, 'coordinator@kwadraad.example');
      await openMenu(coord);
      await go(coord, coord.getByRole('link', { name: 'Aanmeldingen', exact: true }));
      await go(coord, coord.locator('tr', { hasText: reference }).getByRole('button', { name: /In behandeling nemen/ }));
      assert.match(await doneBanner(coord), /intake loopt/);
      await page.reload();
      assert.match(await page.locator('li.card', { hasText: reference }).textContent(), /Stand: intake/);
      await visit(page, 'referrals-intake');
    } finally {
      await page.context().close();
      await coord.context().close();
    }
  });
});

describe('an organisation invites its own referrers and partner staff', () => {
  it('explains each wrong field, keeps the input, sends, and the referrer accepts the link', async () => {
    const page = await newPage(browser, DESKTOP);
    const invited = await newPage(browser, PHONE);
    try {
      // The Sociaal Team's own administrator makes the team's accounts; a provider's
      // coordinator cannot make accounts of another organisation.
      await login(page, server.base, 'beheer@sociaalteam.example');
      await go(page, page.getByRole('link', { name: 'Uitnodigen', exact: true }));
      assert.equal(await page.locator('h1').textContent(), 'Verwijzers en partnerpersoneel uitnodigen');
      const orgs = await page.locator('select[name="organisation_id"] option').allTextContents();
      assert.ok(orgs.some((o) => /Sociaal/.test(o)), orgs.join('|'));
      assert.ok(!orgs.some((o) => /Timon|Kwadraad|Humanitas/.test(o)), orgs.join('|'));
      await visit(page, 'invite-staff');
      await page.getByLabel(/^Naam/).fill('Nina Nieuw');
      await page.getByLabel(/^E-mailadres/).fill('nina@sociaalteam');
      await go(page, page.getByRole('button', { name: 'Uitnodiging versturen' }));
      assert.match(await alertText(page), /Controleer de gemarkeerde velden/);
      assert.match(await fieldError(page, 'email'), /geen geldig e-mailadres/);
      assert.match(await fieldError(page, 'role'), /Kies de rol/);
      assert.match(await fieldError(page, 'organisation_id'), /Kies de organisatie/);
      assert.equal(await page.inputValue('input[name="name"]'), 'Nina Nieuw');
      assert.equal(await page.inputValue('input[name="email"]'), 'nina@sociaalteam');
      await visit(page, 'invite-staff-errors');
      // Partner staff at a Sociaal Team does not fit.
      await page.getByLabel(/^E-mailadres/).fill('nina@sociaalteam.example');
      await page.selectOption('select[name="role"]', 'partner_staff');
      await selectByText(page.locator('select[name="organisation_id"]'), 'Sociaal');
      await go(page, page.getByRole('button', { name: 'Uitnodiging versturen' }));
      assert.match(await fieldError(page, 'organisation_id'), /past niet bij de rol/);
      assert.equal(await page.inputValue('select[name="role"]'), 'partner_staff');
      await page.selectOption('select[name="role"]', 'referrer');
      await go(page, page.getByRole('button', { name: 'Uitnodiging versturen' }));
      assert.match(await doneBanner(page), /uitnodiging is verstuurd/);
      assert.match(await page.locator('tbody tr', { hasText: 'Nina Nieuw' }).textContent(), /verwijzer[\s\S]*verstuurd/);
      assert.equal(await page.locator('tbody tr').count(), 1);
      await visit(page, 'invite-staff-sent');
      // Nina accepts on her phone and is signed in as a referrer.
      const link = await invitationLink('nina@sociaalteam.example');
      await invited.goto(`${server.base}${link.path}`);
      assert.match(await invited.locator('main').textContent(), /account als verwijzer/);
      await visit(invited, 'accept-referrer');
      await invited.getByLabel(/^Nieuw wachtwoord \(/).fill(PARENT_PASSWORD);
      await invited.getByLabel(/^Nieuw wachtwoord nogmaals/).fill(PARENT_PASSWORD);
      await go(invited, invited.getByRole('button', { name: 'Account maken' }));
      assert.notEqual(new URL(invited.url()).pathname, '/uitnodiging');
      await invited.goto(`${server.base}/mijn-aanmeldingen`);
      assert.equal(await invited.locator('h1').textContent(), 'Mijn aanmeldingen');
      await page.reload();
      assert.match(await page.locator('tbody tr', { hasText: 'Nina Nieuw' }).textContent(), /aangenomen/);
    } finally {
      await page.context().close();
      await invited.context().close();
    }
  });
});
