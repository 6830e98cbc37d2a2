# omgang — Nederlandse teksten van de medewerkersomgeving (de standaardtaal).

## Algemeen
skip-link = Naar de inhoud
nav-label = Hoofdmenu
nav-home = Mijn werk
nav-waiting = Aanmeldingen
nav-register = Nieuwe aanmelding
nav-cases = Dossiers
sign-out = Uitloggen
footer-text = omgang — werkomgeving voor begeleide omgang. Alles wat u in een dossier bekijkt of wijzigt, wordt vastgelegd.
required = verplicht
error-prefix = Fout:
choose = Kies…
not-applicable = Niet van toepassing
alert-title = Dit lukte niet
alert-invalid = Controleer de gemarkeerde velden. Wat u invulde, staat er nog.
alert-forbidden = U mag deze stap in dit dossier niet zetten.
status = Status
phase = Fase
supervisor = Omgangsbegeleider
volunteer = vrijwilliger
parent = Ouder
outcome = Uitkomst
the-organisation = de organisatie
days = { $count ->
    [one] { $count } dag
   *[other] { $count } dagen
}
months = { $count ->
    [one] { $count } maand
   *[other] { $count } maanden
}
minutes = { $count } minuten
max-minutes = max. { $count } min.
age-years = { $count } jaar
due-on = uiterlijk { $date }
err-whole-number = Vul een heel getal in.
err-required = Vul dit veld in.
err-choose = Maak een keuze.

## Klaar-meldingen
done-aanmelding = De aanmelding is ontvangen. Het dossier staat hieronder.
done-intake-starten = De aanmelding is in behandeling genomen: de intake loopt.
done-intake-afronden = De intake is afgerond.
done-plan = De nieuwe versie van het plan is opgeslagen. Beide ouders moeten deze versie ondertekenen.
done-handtekening = De handtekening is vastgelegd.
done-sessie = De afspraak is gepland.
done-uitkomst = De uitkomst van de afspraak is vastgelegd.
done-instemming = De instemming is vastgelegd.
done-evaluatie = De evaluatie is vastgelegd.
done-melding = De melding is vastgelegd.
done-fase = Het traject is naar de volgende fase gegaan.
done-afsluiten = Het traject is afgesloten met een uitkomst.
done-nazorg-afsluiten = De nazorg is afgesloten; het dossier is gesloten.
done-begeleider = De omgangsbegeleider is toegewezen.
done-partner = De partnerorganisatie is bijgewerkt.
done-verslag = Het verslag is als concept opgeslagen.
done-goedkeuren = Het verslag is goedgekeurd.
done-teruggeven = Het verslag is teruggezet naar concept.
done-delen = Het verslag is gedeeld met beide ouders. Het kan nu alleen nog worden aangevuld.
done-aanvullen = De aanvulling is toegevoegd.
done-uitgelogd = U bent uitgelogd.

## Inloggen
login-title = Inloggen
login-intro = Log in met het e-mailadres en wachtwoord van uw organisatie.
login-email = E-mailadres
login-password = Wachtwoord
login-submit = Inloggen
login-failed = Het e-mailadres of wachtwoord klopt niet.

## Foutpagina's
error-notfound-title = Pagina niet gevonden
error-notfound-text = Deze pagina bestaat niet, of u heeft er geen toegang toe.
error-forbidden-title = Geen toegang
error-forbidden-text = U mag deze pagina niet bekijken. Denkt u dat dit niet klopt, neem dan contact op met uw coördinator.
error-csrf-title = Het formulier is verlopen
error-csrf-text = Om uw gegevens te beschermen is dit formulier niet verwerkt. Ga terug, laad de pagina opnieuw en probeer het nog eens.
error-internal-title = Er ging iets mis bij ons
error-internal-text = Probeer het straks opnieuw. Blijft het misgaan, neem dan contact op met de beheerder.
error-back-home = Naar Mijn werk

## Mijn werk
home-title = Mijn werk
home-greeting = Goedendag, { $name }.
home-today = Vandaag is het { $date }.
home-signals = Signalen
home-signals-hint = Het dringendste staat bovenaan. Klik op een dossier om het op te pakken.
home-no-signals = Er is niets te laat of bijna te laat.
home-no-signals-role = Signalen zijn er voor coördinatoren en omgangsbegeleiders.
home-more-signals = En nog { $count } signalen.
home-upcoming = Komende afspraken (14 dagen)
home-no-upcoming = Geen afspraken gepland in de komende twee weken.
home-to-report = Verslagen te schrijven
urgency-late = Te laat
urgency-due = Binnenkort

## Lijsten
waiting-title = Aanmeldingen
waiting-intro = De wachtlijst: aanmeldingen die nog niet in behandeling zijn, de langst wachtende eerst.
waiting-empty = Er wachten geen aanmeldingen.
waiting-caption = { $count ->
    [one] { $count } aanmelding wacht
   *[other] { $count } aanmeldingen wachten
}
take-into-intake = In behandeling nemen
cases-title = Dossiers
cases-empty = Geen dossiers gevonden.
cases-caption = { $count ->
    [one] { $count } dossier
   *[other] { $count } dossiers
}
filter-programme = Traject
filter-status = Status
filter-all-programmes = Alle trajecten
filter-all-open = Alle lopende
filter-apply = Toon
col-reference = Dossier
col-programme = Traject
col-children = Kinderen
col-registered-on = Aangemeld op
col-waiting = Wachttijd
col-status = Status
col-action = Actie
status-registered = Aangemeld
status-intake = Intake
status-plan = Plan
status-running = Loopt
status-follow_up = Nazorg
status-closed = Gesloten

## Nieuwe aanmelding
register-title = Nieuwe aanmelding
register-intro = Vul in wat u weet. Velden met ‘verplicht’ zijn nodig; de rest kan later.
register-programme = Traject en aanmelding
register-children = Kinderen
register-children-hint = Vul minstens één kind in. Lege regels worden overgeslagen.
register-child-n = Kind { $n }
register-people = Ouders en betrokkenen
register-people-hint = Vul minstens één ouder in. Een geheim adres wordt nooit aan de andere ouder getoond.
register-person-n = Persoon { $n }
register-more = Veiligheid en hulpvraag
register-submit = Aanmelding versturen
field-programme = Traject
field-provider = Aanbieder
field-registered-by = Aangemeld door
field-entry-route = Instroomroute
field-child-name = Naam van het kind
field-birth-date = Geboortedatum
field-name = Naam
field-role = Rol
field-email = E-mailadres
field-phone = Telefoonnummer
field-address = Adres
field-organisation = Organisatie
field-organisation-hint = Alleen voor professionals.
field-secret-address = Geheim adres (niet tonen aan de andere ouder)
field-secret-address-hint = Vul dan ook het adres in.
field-safety = Zorgen over veiligheid
field-safety-hint = Bijvoorbeeld huiselijk geweld, een contactverbod of spanning bij overdrachten.
field-request = Hulpvraag
registered-by-one_parent = Eén ouder
registered-by-both_parents = Beide ouders
registered-by-professional = Een professional
role-resident_parent = Verzorgende ouder
role-non_resident_parent = Uitwonende ouder
role-guardian = (Gezins)voogd
role-foster_carer = Pleegouder
role-case_director = Casusregisseur
role-referrer = Verwijzer
role-other = Andere betrokkene
entry-voluntary = Vrijwillig
entry-referral = Met verwijzing (indicatie)
entry-court_order = Rechterlijke uitspraak

## Dossier
case-title = Dossier { $reference }
case-toc = Onderdelen van het dossier
case-children-line = Kinderen
case-overview = Overzicht
case-progress = Voortgang volgens het traject
case-phases = Fasen
phase-current = huidige fase
phase-done = afgerond
progress-planned = { $count } gepland
case-steps = Stappen
case-no-steps = Er zijn nu geen stappen voor u in dit dossier.
case-people = Betrokkenen
case-sessions = Afspraken
case-reports = Verslagen
case-consents = Instemmingen
case-evaluations = Evaluaties
case-timeline = Tijdlijn
waiting-until-intake = tot de intake
intake-started = Intake gestart
intake-completed = Intake afgerond
running-since = Loopt sinds
max-duration = Maximale duur
follow-up-since = Nazorg sinds
closed-on = Gesloten op
born-on = geboren { $date }
secret-address = Geheim adres
secret-address-note = geheim voor de andere ouder
secret-address-hidden = Het adres is geheim en wordt hier niet getoond.

step-start-intake-text = Neem de aanmelding in behandeling; u wordt de coördinator van dit dossier.
step-complete-intake = Intake afronden
field-eligible = Past het traject bij dit gezin?
eligible-yes = Ja, passend: door naar het plan
eligible-no = Nee, niet passend: het dossier sluit
field-intake-notes = Aantekeningen van de intake
field-not-eligible-reason = Reden (als het niet passend is)
field-not-eligible-reason-hint = Verplicht als het traject niet passend is.
step-assign-supervisor = Omgangsbegeleider toewijzen
step-assign-partner = Partnerorganisatie koppelen
step-assign = Toewijzen
partner-organisation = Partnerorganisatie
partner-none = Geen
step-advance = Naar de volgende fase
step-end = Traject afsluiten met een uitkomst
step-end-submit = Traject afsluiten
outcome-ouderschapsplan = Ouderschapsplan gemaakt
outcome-unsupervised_contact = Omgang zonder begeleiding
outcome-follow_up_help = Vervolghulp
outcome-stopped_early = Voortijdig gestopt
outcome-reported = Gemeld (Jeugdteam, Veilig Thuis, …)
field-handed-to = Overgedragen aan
field-handed-to-hint = Bij vervolghulp: wie pakt het op?
field-stop-reason = Reden van stoppen
field-stop-reason-hint = Bij voortijdig stoppen.
field-reported-to = Gemeld aan
field-end-summary = Samenvatting
step-close-follow-up = Nazorg afsluiten
step-escalate = Melding doen (Jeugdteam, Veilig Thuis, …)
field-date = Datum
field-escalation-reason = Reden van de melding

## Plan
plan-version = Versie { $version }
plan-signed-by-all = Door beide ouders ondertekend
plan-not-signed-by-all = Nog niet door beide ouders ondertekend
plan-signatures = Handtekeningen onder versie { $version }
signature = Handtekening
signed-on = Getekend op { $date }
not-signed = Nog niet getekend
method-paper = op papier
method-portal = in het portaal
record-paper-signature = Handtekening op papier vastleggen
plan-goals = Doelen
plan-house-rules = Huisregels
plan-house-rules-hint = Eén regel per regel. Ingevuld vanuit het traject; pas aan waar nodig.
plan-visit-agreements = Afspraken over de omgang (frequentie, duur, plaats)
plan-handover-agreements = Afspraken over de overdracht
plan-parent-conversations = Oudergesprekken
plan-child-guidance = Begeleiding van het kind
plan-work-agreements = Werkafspraken
plan-evaluation-moments = Evaluatiemomenten
evaluation-moment-n = Evaluatiemoment { $n }
max-duration-months = Maximale duur in maanden
plan-parents-meet = Ouders ontmoeten elkaar
plan-parents-must-not-meet = De ouders mogen elkaar niet tegenkomen (gespreide aankomst en vertrek)
plan-parents-may-meet = Geen bezwaar
plan-older-versions = Eerdere versies
plan-none = Er is nog geen plan.
plan-write = Plan schrijven
plan-new-version = Nieuwe versie van het plan schrijven
plan-save = Plan opslaan
one-per-line = Eén per regel.

## Afspraken
sessions-none = Er zijn nog geen afspraken.
session-state-planned = Gepland
session-state-held = Gehouden
session-state-cancelled = Afgezegd
session-state-no_show = Niet verschenen
cancelled-by = Afgezegd door { $who }
cancelled-late = te laat afgezegd
no-show-by = Niet verschenen: { $who }
record-outcome = Uitkomst vastleggen
field-by = Wie zegde af of kwam niet?
field-by-hint = Alleen bij afgezegd of niet verschenen.
field-cancel-reason = Reden van afzeggen
field-notes = Aantekeningen
plan-session = Afspraak plannen
field-session-kind = Soort afspraak
field-starts-at = Datum en begintijd
field-starts-at-hint = Nederlandse tijd.
field-minutes = Duur in minuten
field-location-kind = Plaats
field-location-description = Omschrijving van de plaats
field-location-description-hint = Bij een speeltuin of andere locatie. Nooit het adres van een ouder.
field-home-of = Bij een ouder thuis: welke ouder
no-supervisor = Geen omgangsbegeleider

## Instemmingen en evaluaties
consents-hint = Omgang buiten het omgangshuis kan alleen als beide ouders hebben ingestemd.
consents-none = Nog geen instemmingen vastgelegd.
consent-given = Stemt in
consent-not-given = Stemt niet in
record-consent = Instemming vastleggen
field-consent-given = Stemt deze ouder in met omgang buiten het omgangshuis?
evaluations-none = Nog geen evaluaties.
evaluation-kind-interim = Tussenevaluatie
evaluation-kind-end = Eindevaluatie
agreement-reached = Overeenstemming bereikt
next-steps = Vervolgstappen
escalations = Meldingen
record-evaluation = Evaluatie vastleggen
field-evaluation-kind = Soort evaluatie
field-evaluation-summary = Samenvatting van de evaluatie

## Verslagen
report = Verslag
report-title = Verslag
report-write = Verslag schrijven
report-continue = Verslag afmaken
report-open = Verslag openen
report-state-draft = Concept
report-state-approved = Goedgekeurd
report-state-released = Gedeeld met de ouders
report-state-none = Nog niet geschreven
written-by = geschreven door { $who }
amendments-count = { $count ->
    [one] { $count } aanvulling
   *[other] { $count } aanvullingen
}
back-to-case = Terug naar dossier { $reference }
report-neutral-hint = Schrijf neutraal en feitelijk: wat u zag en hoorde, zonder oordeel. Het verslag wordt na controle met beide ouders gedeeld.
report-course = Verloop van de omgang
report-course-hint = Wat gebeurde er, in volgorde?
report-child-reactions = Reacties van het kind
report-interaction = Interactie tussen ouder en kind
report-agreements-kept = Zijn de afspraken nagekomen?
report-punctuality-resident = Op tijd: verzorgende ouder ({ $name })
report-punctuality-visiting = Op tijd: bezoekende ouder ({ $name })
report-incidents = Incidenten
report-incidents-hint = Laat leeg als er niets gebeurde.
report-save-draft = Opslaan als concept
report-not-yet = Er is nog geen verslag van deze afspraak.
report-amendments = Aanvullingen
report-review = Controle door de coördinator
report-review-draft = Het verslag is een concept. Keur het goed als het neutraal en volledig is.
report-review-approved = Het verslag is goedgekeurd. Deel het met beide ouders, of zet het terug naar concept.
report-review-released = Gedeeld met de ouders op { $date }. Een gedeeld verslag wordt niet meer gewijzigd, alleen aangevuld.
report-approve = Goedkeuren
report-release = Delen met beide ouders
report-return = Terug naar concept
report-amendment = Aanvulling
report-amend = Aanvulling toevoegen

## Tweestapsverificatie
login-code = Code uit uw authenticator-app
login-code-hint = Alleen als u de tweede stap al heeft ingesteld. Een herstelcode mag ook.
login-code-needed = Vul ook de code uit uw authenticator-app in (of een herstelcode), en opnieuw uw wachtwoord.
tf-title = Tweede stap van het inloggen instellen
tf-intro = Voor dossiers over kinderen logt u in met twee stappen: uw wachtwoord en een code uit een app op uw telefoon.
tf-step-scan = Scan de QR-code met een authenticator-app (bijvoorbeeld FreeOTP of Google Authenticator).
tf-step-code = Vul de code van zes cijfers in die de app laat zien.
tf-qr-label = QR-code om te scannen met de authenticator-app
tf-manual = Lukt scannen niet? Voer deze gegevens in de app in:
tf-code = Code van zes cijfers
tf-confirm = Bevestigen
tf-retry = De code klopte niet. Probeer de nieuwste code uit de app, of begin opnieuw.
tf-restart = Opnieuw beginnen met een nieuwe QR-code
tf-done = De tweede stap is ingesteld. U bent ingelogd.
tf-recovery-title = Herstelcodes
tf-recovery-text = Bewaar deze codes op een veilige plek. Elke code werkt één keer in plaats van de code uit de app, als u uw telefoon kwijt bent. Ze worden maar één keer getoond.

## Agenda
nav-agenda = Agenda
agenda-title = Agenda
agenda-week = Week van { $from } tot en met { $to }
agenda-weeks = Weken
agenda-prev = Vorige week
agenda-next = Volgende week
agenda-this-week = Deze week
agenda-everyone = Iedereen
agenda-count = { $count ->
    [one] { $count } afspraak deze week.
   *[other] { $count } afspraken deze week.
}
agenda-conflicts = { $count ->
    [one] { $count } afspraak botst met een andere van dezelfde begeleider.
   *[other] { $count } afspraken botsen met een andere van dezelfde begeleider.
}
agenda-today = vandaag
agenda-free = Vrij.
agenda-double-booked = Dubbel geboekt
report-autosaved = Concept automatisch opgeslagen om {"{"}time{"}"}.
report-autosave-failed = Automatisch opslaan lukte niet; gebruik de knop "Opslaan als concept".
