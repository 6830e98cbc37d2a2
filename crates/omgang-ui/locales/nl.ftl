# omgang — Nederlandse teksten van de medewerkersomgeving (de standaardtaal).

## Algemeen
skip-link = Naar de inhoud
nav-label = Hoofdmenu
nav-home = Mijn werk
menu = Menu
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
done-meldcode = De stap van de meldcode is vastgelegd.
meldcode = Meldcode huiselijk geweld en kindermishandeling
meldcode-intro = Zorgen over de veiligheid van een kind? Loop de vijf stappen van de meldcode na, in volgorde, met datum. Bij stap 5 volgt zo nodig een melding bij Veilig Thuis of het Jeugdteam.
meldcode-step-n = Stap { $n }
meldcode-record = Stap { $n } vastleggen
meldcode-date-hint = Niet in de toekomst en niet vóór de vorige stap.
meldcode-note-signals = Welke signalen zijn er gezien of gehoord?
meldcode-note-consultation = Met wie is overlegd (collega, aandachtsfunctionaris, Veilig Thuis) en wat kwam eruit?
meldcode-note-conversation = Wat is er met de ouders besproken en hoe reageerden zij?
meldcode-note-weighing = Toelichting bij de weging
meldcode-note-decision = Toelichting bij het besluit
meldcode-decision = Besluit
meldcode-decision-report = Melden
meldcode-decision-help = Hulp bieden of organiseren
meldcode-decision-report_and_help = Melden en hulp bieden
meldcode-report-to-hint = Alleen bij melden: aan wie (meestal Veilig Thuis).
yes = Ja
no = Nee
done-fase = Het traject is naar de volgende fase gegaan.
done-afsluiten = Het traject is afgesloten met een uitkomst.
done-nazorg-afsluiten = De nazorg is afgesloten; het dossier is gesloten.
done-begeleider = De omgangsbegeleider is toegewezen.
done-partner = De partnerorganisatie is bijgewerkt.
done-verslag = Het verslag is als concept opgeslagen.
done-goedkeuren = Het verslag is goedgekeurd.
done-teruggeven = Het verslag is teruggegeven aan de schrijver, met de reden.
done-klaar = Het verslag staat klaar voor beoordeling; de coördinator ziet het bij Te beoordelen.
home-to-review = Te beoordelen
home-to-review-hint = Verslagen die klaarstaan voor beoordeling, de langst wachtende eerst.
report-review-link = Verslag beoordelen
waiting-for = wacht { $time }
report-by = door { $name }
report-ready = Klaar voor beoordeling
report-ready-hint = Klaar met schrijven? Zet het verslag klaar; de coördinator beoordeelt het en deelt het daarna met de ouders.
report-ready-since = Klaar voor beoordeling sinds { $date }.
report-review-ready = Het verslag staat klaar voor beoordeling sinds { $date }. Keur het goed als het neutraal en volledig is, of geef het terug met de reden.
report-returned-title = Teruggegeven door de coördinator
report-returned-on = Op { $date }:
report-return-reason = Reden van teruggeven
report-return-reason-hint = Wat moet de schrijver aanpassen? De schrijver ziet deze reden bij het verslag.
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
home-all-signals = Alle signalen bekijken, filteren op soort en urgentie ({ $count })
signals-title = Signalen
signals-back = Terug naar Mijn werk
signals-intro = Wat te laat is of binnenkort moet gebeuren in uw dossiers, het dringendste bovenaan.
signals-filter-urgency = Urgentie
signals-all-urgencies = Alle
signals-filter-kind = Soort signaal
signals-all-kinds = Alle soorten
signals-none = Geen signalen met deze keuze.
signals-caption = { $count } van { $all } signalen
signals-col-urgency = Urgentie
signals-col-signal = Signaal
signals-col-due = Uiterlijk
home-upcoming = Komende afspraken (14 dagen)
home-no-upcoming = Geen afspraken gepland in de komende twee weken.
home-to-report = Verslagen te schrijven
next-step = Volgende stap
home-changes = Wat is er veranderd
home-changes-since = Sinds { $date }: nieuwe aanmeldingen, afzeggingen door ouders, handtekeningen en verslagen die klaarstaan, in je dossiers.
home-no-changes = Niets nieuws sinds je laatste bezoek.
home-more-changes = En meer; open de dossiers voor de rest.
home-changes-seen = Alles gezien
done-gezien = De wijzigingen zijn als gezien gemarkeerd.
nav-changes = { $count } nieuw
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
attended = Aanwezig
field-attended = Wie waren er?
field-attended-hint = Alleen bij gehouden: vink aan wie er werkelijk was (ouders, kinderen, voogd, pleegouder). Vooraf aangevinkt: de kinderen en de uitwonende ouder.
child = kind
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
report-punctuality-visiting = Op tijd: uitwonende ouder ({ $name })
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
report-return = Teruggeven aan de schrijver
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

## Beheer (administration), public registration, print views
nav-beheer = Beheer
bh-title = Beheer
bh-intro = Gebruikers en rollen, omgangsbegeleiders en vrijwilligers, locaties en ruimtes, en trajecten van uw organisatie.
bh-back = Terug naar Beheer
bh-users-title = Gebruikers en rollen
bh-users-count = { $count ->
    [one] { $count } gebruiker
   *[other] { $count } gebruikers
}
bh-users-caption = { $count ->
    [one] { $count } gebruiker van uw organisatie
   *[other] { $count } gebruikers van uw organisatie
}
bh-staff-title = Begeleiders en vrijwilligers
bh-staff-count = { $count ->
    [one] { $count } begeleider
   *[other] { $count } begeleiders
}
bh-staff-warnings = { $count ->
    [one] { $count } aandachtspunt
   *[other] { $count } aandachtspunten
}
bh-staff-caption = { $count ->
    [one] { $count } omgangsbegeleider of vrijwilliger
   *[other] { $count } omgangsbegeleiders en vrijwilligers
}
bh-staff-intro = VOG, training en beschikbaarheid per week. Een vrijwilliger is alleen in te zetten met een geldige VOG en afgeronde training.
bh-staff-empty = Uw organisatie heeft nog geen omgangsbegeleiders of vrijwilligers.
bh-locations-title = Locaties en ruimtes
bh-locations-count = { $count ->
    [one] { $count } locatie
   *[other] { $count } locaties
}
bh-locations-intro = Waar omgangen plaatsvinden: de ruimtes (huiselijke kamer, grote ruimte voor balspelen), de ingangen, en de tussentijd tussen het brengen door de ene ouder en de komst van de andere.
bh-locations-empty = Er zijn nog geen locaties.
bh-programmes-title = Trajecten
bh-programmes-count = { $count ->
    [one] { $count } traject
   *[other] { $count } trajecten
}
bh-programmes-intro = De ingebouwde trajecten en de eigen trajecten van uw organisatie. Zet een traject open voor het aanmeldformulier op de website.
bh-programmes-caption = { $count ->
    [one] { $count } traject
   *[other] { $count } trajecten
}
bh-you = u
bh-active = Actief
bh-inactive = Uitgeschakeld
bh-change = Wijzigen
bh-save = Opslaan
bh-yes = ja
bh-no = nee
bh-user-add = Gebruiker toevoegen
bh-user-add-submit = Gebruiker toevoegen
bh-user-change = Gebruiker wijzigen
bh-field-password = Eerste wachtwoord
bh-field-password-hint = Minstens 12 tekens. De gebruiker stelt bij de eerste keer inloggen de tweestapsverificatie in.
bh-field-vog = VOG afgegeven op
bh-field-vog-hint = Alleen voor vrijwilligers en begeleiders.
bh-field-training = Training afgerond op
bh-field-lang = Taal
bh-field-active = Actief (kan inloggen)
bh-field-active-hint = Uitschakelen meldt deze gebruiker ook overal af.
bh-self-hint = Uw eigen rol en account kunt u niet wijzigen of uitschakelen; vraag een andere beheerder.
bh-availability = Beschikbaarheid per week
bh-availability-none = Niet opgegeven
bh-availability-hint = Eén tijdvak per dag. Laat een dag leeg als de begeleider dan niet beschikbaar is.
bh-vog-training = VOG en training
bh-vog-valid-until = geldig tot { $date }
bh-from = Van
bh-until = Tot
bh-weekday-1 = Maandag
bh-weekday-2 = Dinsdag
bh-weekday-3 = Woensdag
bh-weekday-4 = Donderdag
bh-weekday-5 = Vrijdag
bh-weekday-6 = Zaterdag
bh-weekday-7 = Zondag
bh-field-margin = Tussentijd bij aankomst en vertrek
bh-field-margin-hint = In minuten: hoe lang de ouders na elkaar komen en gaan als ze elkaar niet mogen ontmoeten.
bh-entrances = Ingangen
bh-entrances-hint = Eén ingang per regel, bijvoorbeeld "Voordeur" en "Tuindeur (achterom)".
bh-rooms = Ruimtes
bh-rooms-empty = Deze locatie heeft nog geen ruimtes.
bh-location-edit = Locatie wijzigen
bh-location-open = Locatie bekijken
bh-location-agenda = Agenda van deze locatie
bh-location-add = Locatie toevoegen
bh-location-add-submit = Locatie toevoegen
bh-location-details = Gegevens van de locatie
bh-room-agenda = agenda
bh-room-add = Ruimte toevoegen
bh-room-add-submit = Ruimte toevoegen
bh-field-room-type = Soort ruimte
bh-field-room-type-hint = Een grote ruimte is geschikt voor bijvoorbeeld balspelen.
bh-room-type-homely = huiselijke kamer
bh-room-type-large = grote ruimte (spel)
bh-room-type-office = spreekkamer
bh-programme-kind = Soort
bh-built-in = ingebouwd
bh-own = eigen traject
bh-public-form = Aanmeldformulier website
bh-public-open = Open
bh-public-closed = Dicht
bh-public-close = Sluiten
bh-public-open-action = Openzetten
bh-programme-upload = Eigen traject toevoegen
bh-programme-upload-intro = Een traject is een TOML-bestand met dezelfde velden als de ingebouwde trajecten. Controleer het eerst; fouten worden per bestand, veld en reden getoond.
bh-programme-file = TOML-bestand kiezen
bh-programme-file-hint = Het bestand wordt in het tekstvak hieronder geladen. Zonder JavaScript: plak de inhoud in het tekstvak.
bh-programme-filename = Bestandsnaam
bh-programme-filename-hint = Voor de foutmeldingen, bijvoorbeeld mijn-traject.toml.
bh-programme-source = Definitie (TOML)
bh-programme-problems-caption = Problemen in de definitie
bh-problem-file = Bestand
bh-problem-field = Veld
bh-problem-reason = Reden
bh-programme-check = Alleen controleren
bh-programme-add = Controleren en toevoegen
bh-programme-empty = Kies een bestand of plak de definitie.
bh-programme-invalid = De definitie is niet in orde. Hieronder staat per veld wat er mis is; wat u invulde, staat er nog.
bh-programme-problems = { $count ->
    [one] De definitie heeft { $count } probleem; zie de tabel.
   *[other] De definitie heeft { $count } problemen; zie de tabel.
}
bh-programme-check-ok = De definitie van traject '{ $id }' is in orde.
bh-programme-id = Kenmerk
bh-programme-ages = Leeftijd kinderen (jaar)
bh-programme-document = Plan
bh-programme-locations = Plaatsen van omgang
bh-programme-volunteers = Vrijwilligers
bh-programme-volunteers-yes = ja, met een VOG van hoogstens { $months } maanden oud
bh-programme-same-supervisor = Steeds dezelfde begeleider
bh-programme-kinds = Soorten afspraken
bh-programme-phases = Fasen
bh-kind = Soort
bh-max-minutes = Max. minuten
bh-count = Aantal
bh-at-most = hoogstens { $n }
bh-about = ongeveer { $n }
bh-needs-signed-plan = Getekend plan nodig
bh-needs-report = Verslag nodig
done-gebruiker = De gebruiker is toegevoegd.
done-gebruiker-gewijzigd = De gebruiker is gewijzigd.
done-begeleider-opgeslagen = VOG, training en beschikbaarheid zijn opgeslagen.
done-locatie = De locatie is toegevoegd. Voeg hieronder de ruimtes toe.
done-locatie-opgeslagen = De locatie is opgeslagen.
done-ruimte = De ruimte is toegevoegd.
done-traject = Het traject is toegevoegd.
done-traject-open = Het traject staat open voor het aanmeldformulier.
done-traject-dicht = Het traject is gesloten voor het aanmeldformulier.
filter-referrer = Verwijzer
filter-all-referrers = Alle verwijzers
referrer-public = Aanmeldformulier website
referrer-none = Zonder verwijzer
pub-title = Aanmelden voor begeleide omgang
pub-intro = Meld hier een gezin aan, als ouder of als professional. U hoeft niet in te loggen. De organisatie neemt daarna contact met u op.
pub-none-open = Op dit moment kunt u zich hier niet aanmelden. Neem contact op met de organisatie.
pub-honeypot = Laat dit veld leeg
pub-where = Waar meldt u aan?
pub-field-choice = Organisatie en traject
pub-field-choice-hint = Weet u het niet zeker? Kies het traject dat het best past; de organisatie kijkt met u mee.
pub-entry-route-hint = Vrijwillig, met een verwijzing (indicatie), of omdat de rechter het heeft bepaald.
pub-people-hint = De ouders en eventueel de professional die aanmeldt. Kruis "geheim adres" aan als de andere ouder het adres niet mag weten.
pub-privacy = Wij gebruiken deze gegevens alleen om de aanmelding te behandelen.
pub-submit = Aanmelding versturen
pub-received-title = Aanmelding verstuurd
pub-received = Dank u. Uw aanmelding is ontvangen.
pub-received-next = De organisatie neemt contact met u op. U hoeft nu niets meer te doen.
pub-another = Nog een gezin aanmelden
pub-throttled = Er zijn vanaf dit adres te veel aanmeldingen verstuurd. Probeer het over een uur opnieuw, of neem contact op met de organisatie.
print-button = Afdrukken
print-hint = Of gebruik Ctrl+P. Het menu en de knoppen worden niet afgedrukt.
print-version = Versie
print-signatures = Handtekeningen
print-printed-on = Afgedrukt op { $date }.
print-session = Afspraak
print-released = Gedeeld op
print-plan-link = Afdrukken
download-pdf = PDF downloaden
end-report-pdf = Eindverslag downloaden (PDF)
print-report-link = Afdrukken

## Portal (ouders, verwijzers, uitnodigingen)
nav-portal = Mijn omgang
nav-referrals = Mijn aanmeldingen
portal-title = Mijn omgang
portal-no-cases = Er is nog geen dossier aan uw account gekoppeld.
portal-to-sign = Te ondertekenen
portal-sign-plan-of = Het plan van { $title } lezen en ondertekenen
portal-upcoming = Komende afspraken
portal-times-drop-off = U brengt het kind om { $at }
portal-times-pick-up = U haalt het kind op om { $at }
portal-times-arrive = U komt om { $at }
portal-times-leave = U vertrekt om { $at }
portal-place = Plaats
portal-case-name = { $programme } voor { $children }
portal-entrance = Uw ingang: { $entrance }
portal-bring-drop_off_pick_up = Geef mee wat uw kind nodig heeft, zoals drinken, iets te eten of een knuffel.
portal-bring-arrive_leave = Neem gerust iets mee om samen te doen, zoals een spel of een boek; cadeaus en snoep in overleg met de begeleider.
portal-cancel-in-time = Kunt u niet? Zeg dan uiterlijk { $hours } uur van tevoren af met de knop hieronder; later afzeggen telt als te laat afgezegd.
footer-text-parent = Vragen over een afspraak of over het plan? Neem contact op met de coördinator van uw traject. Wat u hier bekijkt of doet, wordt vastgelegd.
and = en
portal-open-case = Naar { $title }
portal-no-upcoming = Er staan geen afspraken gepland.
portal-my-cases = Mijn dossiers
portal-back-home = ← Terug naar Mijn omgang
portal-children = Kinderen
portal-age = { $age } jaar
portal-staggered = De ouders komen op verschillende tijden, zodat u elkaar niet ziet. Houd u aan uw eigen tijden.
portal-cancel-link = Afzeggen
portal-past = Eerdere afspraken
portal-late = te laat afgezegd
portal-plan = Plan
portal-plan-version = Versie { $version }
portal-plan-goals = Doelen
portal-plan-house-rules = Huisregels
portal-plan-visits = Afspraken over de omgang
portal-plan-handover = Brengen en halen
portal-plan-conversations = Oudergesprekken
portal-plan-work = Werkafspraken
portal-signed-on = U ondertekende deze versie op { $when }.
portal-sign-agree = Ik heb versie { $version } van het plan gelezen en ga ermee akkoord.
portal-sign-agree-required = Vink aan dat u het plan gelezen hebt en ermee akkoord gaat.
portal-sign-submit = Plan ondertekenen
portal-signed-by-all = Beide ouders hebben deze versie ondertekend.
portal-no-plan = Er is nog geen plan.
portal-reports = Verslagen
portal-amendment = Aanvulling
portal-no-reports = Er zijn nog geen verslagen gedeeld.
portal-my-details = Mijn gegevens
portal-name = Naam
portal-email = E-mail
portal-phone = Telefoon
portal-address = Adres
portal-address-secret = Geheim; alleen bekend bij de coördinator.
portal-details-hint = Klopt er iets niet? Neem contact op met de coördinator.
portal-others = Anderen in dit dossier
portal-cancel-title = Afspraak afzeggen
portal-back-case = ← Terug naar het dossier
portal-notice = Zeg af tot { $hours } uur van tevoren. Later afzeggen wordt vastgelegd als te laat (huisregels).
portal-cancel-late = Deze afspraak begint binnen de afzegtermijn: uw afzegging wordt vastgelegd als te laat.
portal-cancel-reason = Reden van afzeggen
portal-cancel-reason-hint = De coördinator en de begeleider lezen de reden; de andere ouder niet.
portal-cancel-submit = Afspraak afzeggen
portal-cancel-not-possible = Deze afspraak kan niet meer worden afgezegd.
accept-title = Uitnodiging aannemen
accept-intro = Welkom { $name }. Kies een wachtwoord voor uw account ({ $email }).
accept-role = U krijgt een account als { $role }.
accept-two-factor = Daarna stelt u de tweestapsverificatie in met een app op uw telefoon.
accept-password = Nieuw wachtwoord
accept-password-hint = Minstens 12 tekens en niet makkelijk te raden: geen veelgebruikt wachtwoord, niet uw naam of e-mailadres. Tip: vier of meer losse woorden.
accept-password-again = Nieuw wachtwoord nogmaals
accept-submit = Account maken
accept-invalid = Deze uitnodiging is verlopen of al gebruikt. Vraag de coördinator om een nieuwe.
accept-to-login = Naar inloggen
invite-title = Uitnodigen voor het ouderportaal — { $reference }
invite-back = ← Terug naar het dossier
invite-intro = De persoon krijgt een e-mail met een link die zeven dagen en één keer werkt, en kiest daarmee een wachtwoord.
invite-person = Persoon
invite-choose = Kies een persoon
invite-email = E-mailadres
invite-email-hint = Leeg laten: het adres uit het dossier.
invite-lang = Taal
invite-submit = Uitnodiging versturen
invite-list = Uitnodigingen
invite-status = Stand
invite-expires = Geldig tot
invite-status-pending = verstuurd
invite-status-accepted = aangenomen
invite-status-expired = verlopen
invite-status-linked = gekoppeld aan bestaand account
invite-none = Nog geen uitnodigingen.
referrals-title = Mijn aanmeldingen
referrals-new = Nieuwe aanmelding
referrals-children = Kinderen
referrals-status = Stand
referrals-stage-registered = wacht op intake
referrals-stage-intake = intake
referrals-stage-plan = intake
referrals-stage-running = loopt
referrals-stage-follow_up = loopt (nazorg)
referrals-stage-closed = afgesloten
referrals-registered = Aangemeld op { $date }
referrals-waiting = wachttijd { $days } dagen
referrals-end-report = Eindverslag
referrals-none = U hebt nog geen gezinnen aangemeld.
done-ondertekend = U hebt het plan ondertekend.
done-afgezegd = De afspraak is afgezegd.
done-welkom = Uw account is klaar. Welkom bij omgang.
done-uitgenodigd = De uitnodiging is verstuurd.
case-invitations = Ouders uitnodigen voor het portaal
field-room = Ruimte
field-room-hint = Een ruimte van een van uw locaties (om dubbele boekingen te zien).
no-room = Geen ruimte gekozen
plan-warnings-alert = Kijk eerst naar de waarschuwingen. Wat u invulde, staat er nog; ga door met de knop bij de waarschuwingen of pas het aan.
plan-warnings-title = Let op bij deze afspraak:
bh-programme-kinds-caption = Per soort afspraak: duur, aantal en voorwaarden
nav-invite-staff = Uitnodigen
staff-invite-title = Verwijzers en partnerpersoneel uitnodigen
staff-invite-intro = De persoon krijgt een e-mail met een link die zeven dagen en één keer werkt, kiest daarmee een wachtwoord en stelt daarna de tweestapsverificatie in.
staff-invite-parents-hint = Ouders, voogden en pleegouders nodigt u uit vanuit hun dossier.
staff-invite-name = Naam
staff-invite-email = E-mailadres
staff-invite-role = Rol
staff-invite-role-referrer = Verwijzer
staff-invite-role-partner_staff = Medewerker van een partnerorganisatie
staff-invite-organisation = Organisatie
staff-invite-organisation-hint = Een verwijzer werkt bij een verwijzer of gemeente, partnerpersoneel bij een partnerorganisatie.
staff-invite-org-kind-referrer = verwijzer
staff-invite-org-kind-municipality = gemeente
staff-invite-org-kind-partner = partnerorganisatie
staff-invite-lang = Taal
staff-invite-submit = Uitnodiging versturen
staff-invite-list = Door u verstuurde uitnodigingen
staff-invite-none = U hebt nog niemand uitgenodigd.
staff-invite-no-organisations = Er zijn nog geen organisaties van verwijzers of partners. Een beheerder voegt ze toe.
done-uitgenodigd-professional = De uitnodiging is verstuurd.

## Wachtwoord vergeten / nieuw wachtwoord (password.rs)
login-forgot = Wachtwoord vergeten?
done-wachtwoord = Uw nieuwe wachtwoord is ingesteld. Log ermee in; u bent overal elders uitgelogd.
pw-forgot-title = Wachtwoord vergeten
pw-forgot-intro = Vul het e-mailadres van uw account in. Wij sturen u een link waarmee u een nieuw wachtwoord instelt. De link werkt één keer, een uur lang.
pw-forgot-submit = Stuur mij een link
pw-forgot-sent = Als er een account is met dit e-mailadres, ontvangt u binnen enkele minuten een e-mail met een link.
pw-forgot-sent-more = Open de link binnen een uur. Geen e-mail gekregen? Kijk ook in uw map met ongewenste e-mail, of vraag de beheerder van uw organisatie om hulp.
pw-to-login = Terug naar inloggen
pw-err-email = Vul een volledig e-mailadres in, bijvoorbeeld naam@organisatie.nl.
pw-new-title = Nieuw wachtwoord instellen
pw-new-intro = Kies een nieuw wachtwoord. Daarna bent u op alle apparaten uitgelogd en logt u in met het nieuwe wachtwoord.
pw-new-password = Nieuw wachtwoord
pw-new-hint = Minstens 12 tekens en niet makkelijk te raden: geen veelgebruikt wachtwoord, niet uw naam of e-mailadres. Tip: vier of meer losse woorden met spaties ertussen.
pw-new-submit = Wachtwoord instellen
pw-new-invalid = Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.
pw-new-ask-again = Nieuwe link aanvragen
pw-err-again-missing = Vul het nieuwe wachtwoord nogmaals in.
pw-err-again-differs = De twee wachtwoorden zijn niet gelijk. Typ hetzelfde wachtwoord twee keer.

## Privacy: wie keek in dit dossier (privacy.rs)
nav-privacy = Privacy
privacy-title = Wie keek in een dossier?
privacy-intro = Het logboek laat zien wie een dossier bekeek of wijzigde, wanneer, vanaf welk adres, en of dat mocht. Zoek op dossiernummer of op persoon. Elke vraag hier wordt zelf ook vastgelegd.
privacy-by-case = Op dossier
privacy-reference = Dossiernummer
privacy-reference-hint = Bijvoorbeeld 2026-00012.
privacy-by-person = Op persoon: wat bekeek deze persoon?
privacy-person = E-mailadres van de persoon
privacy-person-hint = Alleen de dossiers van uw eigen organisatie.
privacy-show = Toon het logboek
privacy-back = Nieuwe zoekvraag
privacy-case-title = Logboek van dossier { $reference }
privacy-case-intro = Alle regels over dit dossier, de oudste eerst. Tijden in Nederlandse tijd.
privacy-person-title = Wat bekeek { $name }?
privacy-person-intro = { $email }, { $role } bij { $organisation }. De dossiers van uw organisatie, de nieuwste eerst. Tijden in Nederlandse tijd.
privacy-truncated = Alleen de nieuwste 500 regels staan hier.
privacy-caption = Logboek
privacy-when = Wanneer
privacy-who = Wie
privacy-case = Dossier
privacy-action = Wat
privacy-result = Mocht het?
privacy-address = Adres
privacy-allowed = Toegestaan
privacy-refused = Geweigerd
privacy-nobody = Niet ingelogd of het systeem
privacy-what-else = Wat bekeek deze persoon nog meer?
privacy-none = Er staan nog geen regels in het logboek.
privacy-err-case = Er is geen dossier met dit nummer waarvan u het logboek mag inzien.
privacy-err-person = Er is geen account met dit e-mailadres.
privacy-person-forbidden = Alleen de beheerder van de organisatie mag opvragen wat één persoon bekeek.
privacy-action-read = dossier bekeken
privacy-action-read-timeline = tijdlijn bekeken
privacy-action-read-audit = logboek bekeken
privacy-action-read-signals = signalen bekeken
privacy-action-read-agenda = agenda bekeken
privacy-action-read-invitations = uitnodigingen bekeken
privacy-action-portal-read = bekeken in Mijn omgang
privacy-action-list-cases = in een lijst getoond
privacy-action-register = aangemeld
privacy-action-start-intake = intake gestart
privacy-action-complete-intake = intake afgerond
privacy-action-assign = toegewezen
privacy-action-write-plan = plan geschreven
privacy-action-record-signature = handtekening vastgelegd
privacy-action-sign-own-plan = plan ondertekend
privacy-action-plan-session = afspraak gepland
privacy-action-record-outcome = uitkomst vastgelegd
privacy-action-cancel-session = afspraak afgezegd
privacy-action-record-consent = instemming vastgelegd
privacy-action-advance-phase = volgende fase
privacy-action-write-report = verslag geschreven
privacy-action-review-report = verslag beoordeeld
privacy-action-amend-report = verslag aangevuld
privacy-action-record-evaluation = evaluatie vastgelegd
privacy-action-record-escalation = melding vastgelegd
privacy-action-end = traject afgesloten
privacy-action-close-follow-up = nazorg afgesloten
privacy-action-invite = uitnodiging verstuurd
session-staggered = Gescheiden tijden: brengen {$drop_off}, uitwonende ouder {$start}–{$end}, halen {$pick_up}.
privacy-export = Inzageverzoek beantwoorden
privacy-export-intro = Alles wat uw organisatie over één persoon bewaart, zoals die persoon het mag zien: eigen gegevens, afspraken met de eigen tijden, plannen en handtekeningen, vrijgegeven verslagen, de eigen handelingen en wie het dossier bekeek. Nooit de gegevens of het adres van een ander, en geen interne notities. Het verzoek zelf wordt vastgelegd.
privacy-export-email = E-mailadres van wie om inzage vraagt
privacy-export-hint = Het adres dat in het dossier of bij het account staat.
privacy-export-download = Download het overzicht (JSON)
privacy-err-export = Vul een geldig e-mailadres in.
privacy-export-forbidden = Alleen de beheerder van de organisatie beantwoordt een inzageverzoek.
person-edit = Gegevens van { $name } wijzigen
person-address-hint = Leeg laten als het adres niet bekend is.
person-secret = Adres geheim voor de andere ouder
person-secret-hint = Dan wordt het adres versleuteld bewaard en alleen aan coördinatoren getoond; afspraken bij deze ouder thuis kunnen niet meer, en al geplande afspraken daar worden gesignaleerd.
person-save = Gegevens opslaan
done-persoon = De gegevens zijn opgeslagen.
search-title = Zoeken
search-label = Zoek een gezin
search-placeholder = Naam of dossiernummer
search-hint = Een deel van de naam van een kind of ouder (hoofdletters en accenten maken niet uit), een dossiernummer zoals 2026-00032, of een organisatie.
search-button = Zoeken
search-none = Geen dossier gevonden met “{ $q }” onder de dossiers die u mag inzien.
search-caption = { $count ->
    [one] 1 dossier met “{ $q }”
   *[other] { $count } dossiers met “{ $q }”
}
search-more = Alleen de eerste { $count } staan hier; maak de zoekvraag preciezer.
col-family = Gezin
nav-figures = Cijfers
figures-title = Cijfers { $year }
figures-intro-funder = Geanonimiseerde cijfers van de trajecten die u financiert of waarvoor uw organisatie verwees, naar het kwartaal van aanmelding. Nooit een naam; een cel die op minder dan { $min } gezinnen rust, staat er als “< { $min }”.
figures-intro-org = Geanonimiseerde cijfers van uw organisatie, naar het kwartaal van aanmelding. Een cel die op minder dan { $min } gezinnen rust, staat er als “< { $min }”, net als voor financiers.
figures-year = Jaar van aanmelding
figures-csv = Download als CSV
figures-all = Alle trajecten samen
figures-per-programme = Per traject
figures-chart-caption = Aanmeldingen per kwartaal; een gestippelde balk rust op minder dan { $min } gezinnen. De getallen staan in de tabel.
figures-none = Geen aanmeldingen in dit jaar.
figures-period = Periode
figures-registrations = Aanmeldingen
figures-to-intake = Dagen tot intake (mediaan)
figures-to-first-visit = Dagen van intake tot eerste omgang (mediaan)
figures-duration = Duur in dagen (mediaan, afgesloten)
figures-held = Gehouden afspraken
figures-cancelled-parent = Afgezegd door een ouder
figures-cancelled-org = Afgezegd door de organisatie
figures-no-shows = Niet verschenen
error-unavailable-title = Even niet bereikbaar
error-unavailable-text = De gegevens zijn op dit moment niet bereikbaar. Probeer het over een paar seconden opnieuw; er is niets verloren gegaan.
cases-caption-paged = { $count ->
    [one] 1 dossier
   *[other] { $count } dossiers
}, pagina { $page } van { $pages }; klik op een kolomkop om te sorteren
pager-label = Pagina's
pager-prev = ‹ Vorige
pager-next = Volgende ›
pager-page = Pagina { $page } van { $pages }

plan-anyway = Toch plannen
confirm-anyway = Toch doorgaan
confirm-advance-anyway = Toch naar de volgende fase
confirm-end-anyway = Toch afsluiten
confirm-reason = Reden om toch door te gaan
confirm-reason-hint = Wordt vastgelegd in het dossier. Nodig waar de waarschuwing erom vraagt.
field-participant = Met wie
field-participant-hint = Bij een apart intakegesprek: de ouder met wie het is. Bij een kindgesprek: het kind.
intake-missing-title = De intake is klaar als deze gesprekken zijn gehouden:
intake-plan-link = Plan ze hieronder bij Afspraken
role-residential_group = Woongroep
field-holds-authority = Voogd met gezag
field-holds-authority-hint = Alleen voor een (gezins)voogd die het gezag heeft: tekent het plan van aanpak mee.
session-brought-by = Brengt en haalt: {$name}.
signed-day = getekend op {$day}
field-signed-on = Getekend op
field-signed-on-hint = Leeg: vandaag. Een handtekening op papier die later wordt vastgelegd, krijgt de dag waarop getekend is (nooit in de toekomst).
field-supervisor-change-reason = Reden van de wissel
field-supervisor-change-reason-hint = Dit traject houdt dezelfde omgangsbegeleider; een andere begeleider alleen met een reden, die wordt vastgelegd.
supervisor-history = Omgangsbegeleiders van dit dossier
supervisor-instead-of = in plaats van {$name}

## Weekplanning (issue 13)
nav-planning = Weekplanning
wp-title = Weekplanning
wp-week = Week
wp-week-hint = Jaar en weeknummer, bijvoorbeeld 2026-W11.
wp-week-show = Toon week
wp-requests = Wat deze week nodig heeft
wp-requests-intro = { $count ->
    [one] { $count } afspraak gaat mee in de planning. Wat al gepland is blijft staan; een verzoek dat u laat vallen, plant de planner niet.
   *[other] { $count } afspraken gaan mee in de planning. Wat al gepland is blijft staan; een verzoek dat u laat vallen, plant de planner niet.
}
wp-requests-empty = Geen lopende dossiers die deze week een afspraak nodig hebben.
wp-col-case = Dossier
wp-col-kind = Afspraak
wp-col-minutes = Minuten
wp-col-need = Waarom
wp-col-windows = Gezin kan
wp-col-supervisor = Begeleider tot nu toe
wp-col-last-time = Vorige keer
wp-col-action = Actie
wp-col-day = Dag
wp-col-times = Tijden
wp-col-room = Ruimte
wp-col-reason = Reden
wp-fixed = Al gepland ({ $when }): blijft staan.
wp-fixed-badge = al gepland
wp-dropped = valt weg
wp-windows-default = standaard
wp-drop = Laat vallen
wp-restore = Neem weer mee
wp-seconds = Rekentijd in seconden
wp-seconds-hint = De planner rekent hoogstens zo lang (1 tot { $max } seconden) en toont dan het beste voorstel.
wp-run = Plan de week
wp-proposal = Voorstel
wp-proposal-summary = { $placed } van { $requests } afspraken ingepland (rekentijd { $seconds } s).
wp-continuity-count = { $count ->
    [one] Bij { $count } afspraak komt een andere begeleider dan tot nu toe.
   *[other] Bij { $count } afspraken komt een andere begeleider dan tot nu toe.
}
wp-accept-all = { $count ->
    [one] Neem { $count } afspraak over
   *[other] Neem alle { $count } afspraken over
}
wp-accept-one = Neem over
wp-confirm = Toch plannen
wp-confirm-reason = Waarom toch?
wp-grid = Dagen en ruimtes
wp-per-supervisor = Per begeleider
wp-volunteer = vrijwilliger
wp-staggered = verzorgende ouder brengt { $drop_off }, haalt op { $pick_up }
wp-continuity-lost = andere begeleider (was { $previous })
wp-no-rooms = Deze organisatie heeft nog geen ruimtes; voeg ze toe onder Beheer, Locaties.
wp-nothing-placed = Nog niets ingepland.
wp-unplaced = Niet ingepland
wp-all-placed = Alles is ingepland.
wp-status-planned = Gepland.
wp-status-already_planned = Was al gepland.
wp-status-needs_confirmation = Eerst bevestigen.
wp-status-refused = Kan niet:
wp-status-not_in_run = Niet in dit voorstel.
case-windows = Wanneer het gezin kan
case-windows-default = Nog niets doorgegeven; de weekplanning gaat uit van: { $windows }.
case-windows-edit = Tijden wijzigen
case-windows-hint = De tijden waarop het gezin kan komen (bijvoorbeeld woensdagmiddag, zaterdagochtend); de weekplanning plant de afspraken daarbinnen. Laat alles leeg voor de standaardtijden.
case-windows-row = Tijdvak { $n }
case-windows-day = Dag
case-windows-save = Tijden opslaan
done-tijdvakken = De tijden van het gezin zijn opgeslagen.
bh-weekly-minutes = Minuten per week voor de weekplanning
bh-weekly-minutes-hint = Hoeveel minuten de weekplanning hoogstens vult, bijvoorbeeld 960 voor 16 uur. Leeg: de standaard (nu { $minutes }).
bh-opening-hours = Openingstijden
bh-opening-hours-hint = Wanneer de locatie open is; de weekplanning plant alleen binnen deze tijden. Laat alles leeg voor de standaard (maandag tot en met vrijdag 09:00–21:00, zaterdag 09:00–17:00).
bh-opening-hours-save = Openingstijden opslaan
done-openingstijden-opgeslagen = De openingstijden zijn opgeslagen.
wp-location = Locatie
wp-all-locations = Alle locaties
wp-add = Een afspraak toevoegen
wp-add-what = Dossier en afspraak
wp-add-minutes = Minuten
wp-add-minutes-hint = Leeg: de gebruikelijke duur.
wp-add-submit = Voeg toe aan deze week
portal-windows = Wanneer u kunt
portal-windows-default = U heeft nog niets doorgegeven; de planning gaat uit van: { $windows }.
portal-windows-edit = Geef uw tijden door
portal-windows-hint = Wanneer het gezin kan komen, bijvoorbeeld woensdagmiddag en zaterdagochtend. De coördinator plant de afspraken daarbinnen en kan de tijden aanpassen. Laat alles leeg voor de standaardtijden.
done-tijden = Uw tijden zijn doorgegeven.
