# omgang — English texts of the staff interface (the second language).

## General
skip-link = Skip to content
nav-label = Main menu
nav-home = My work
menu = Menu
nav-waiting = Registrations
nav-register = New registration
nav-cases = Cases
sign-out = Sign out
footer-text = omgang — the work tool for supervised visitation. Everything you view or change in a case is logged.
required = required
error-prefix = Error:
choose = Choose…
not-applicable = Not applicable
alert-title = That did not work
alert-invalid = Check the marked fields. What you typed is still there.
alert-forbidden = You may not take this step in this case.
status = Status
phase = Phase
supervisor = Supervisor
volunteer = volunteer
parent = Parent
outcome = Outcome
the-organisation = the organisation
days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
months = { $count ->
    [one] { $count } month
   *[other] { $count } months
}
minutes = { $count } minutes
max-minutes = max. { $count } min.
age-years = { $count ->
    [one] { $count } year
   *[other] { $count } years
}
due-on = due { $date }
err-whole-number = Enter a whole number.
err-required = This field is required.
err-choose = Make a choice.

## Done messages
done-aanmelding = The registration was received. Its case is below.
done-intake-starten = The registration was taken on: the intake is running.
done-intake-afronden = The intake was completed.
done-plan = The new plan version was saved. Both parents must sign this version.
done-handtekening = The signature was recorded.
done-sessie = The appointment was planned.
done-uitkomst = The outcome of the appointment was recorded.
done-instemming = The consent was recorded.
done-evaluatie = The evaluation was recorded.
done-melding = The report to the authority was recorded.
done-meldcode = The meldcode step was recorded.
meldcode = Reporting code for domestic violence and child abuse (meldcode)
meldcode-intro = Worried about a child's safety? Take the meldcode's five steps, in order, with their dates. Step 5 may lead to a report to Veilig Thuis or the youth team.
meldcode-step-n = Step { $n }
meldcode-record = Record step { $n }
meldcode-date-hint = Not in the future and not before the previous step.
meldcode-note-signals = Which signals were seen or heard?
meldcode-note-consultation = Who was consulted (colleague, safeguarding officer, Veilig Thuis) and what came of it?
meldcode-note-conversation = What was discussed with the parents and how did they respond?
meldcode-note-weighing = Notes on the weighing
meldcode-note-decision = Notes on the decision
meldcode-decision = Decision
meldcode-decision-report = Report
meldcode-decision-help = Offer or organise help
meldcode-decision-report_and_help = Report and offer help
meldcode-report-to-hint = Only when reporting: to whom (usually Veilig Thuis).
yes = Yes
no = No
done-fase = The programme moved to the next phase.
done-afsluiten = The programme was ended with an outcome.
done-nazorg-afsluiten = The follow-up was closed; the case is closed.
done-begeleider = The supervisor was assigned.
done-partner = The partner organisation was updated.
done-verslag = The report was saved as a draft.
done-goedkeuren = The report was approved.
done-teruggeven = The report was returned to its author, with the reason.
done-klaar = The report is ready for review; the coordinator sees it under To review.
home-to-review = To review
home-to-review-hint = Reports ready for review, the longest waiting first.
report-review-link = Review report
waiting-for = waiting { $time }
report-by = by { $name }
report-ready = Ready for review
report-ready-hint = Done writing? Mark the report ready; the coordinator reviews it and then shares it with the parents.
report-ready-since = Ready for review since { $date }.
report-review-ready = The report has been ready for review since { $date }. Approve it when it is neutral and complete, or return it with the reason.
report-returned-title = Returned by the coordinator
report-returned-on = On { $date }:
report-return-reason = Reason for returning
report-return-reason-hint = What should the author change? The author sees this reason with the report.
done-delen = The report was released to both parents. It can now only be amended.
done-aanvullen = The amendment was added.
done-uitgelogd = You are signed out.

## Sign in
login-title = Sign in
login-intro = Sign in with your organisation's e-mail address and password.
login-email = E-mail address
login-password = Password
login-submit = Sign in
login-failed = The e-mail address or password is not correct.

## Error pages
error-notfound-title = Page not found
error-notfound-text = This page does not exist, or you have no access to it.
error-forbidden-title = No access
error-forbidden-text = You may not view this page. If you think this is wrong, contact your coordinator.
error-csrf-title = The form has expired
error-csrf-text = To protect your data this form was not processed. Go back, reload the page and try again.
error-internal-title = Something went wrong on our side
error-internal-text = Please try again later. If it keeps failing, contact the administrator.
error-back-home = Go to My work

## My work
home-title = My work
home-greeting = Hello, { $name }.
home-today = Today is { $date }.
home-signals = Signals
home-signals-hint = The most urgent first. Open a case to pick it up.
home-no-signals = Nothing is late or nearly late.
home-no-signals-role = Signals are for coordinators and supervisors.
home-more-signals = And { $count } more signals.
home-all-signals = See all signals, filter by kind and urgency ({ $count })
signals-title = Signals
signals-back = Back to My work
signals-intro = What is late or due soon in your cases, the most urgent first.
signals-filter-urgency = Urgency
signals-all-urgencies = All
signals-filter-kind = Kind of signal
signals-all-kinds = All kinds
signals-none = No signals for this choice.
signals-caption = { $count } of { $all } signals
signals-col-urgency = Urgency
signals-col-signal = Signal
signals-col-due = Due
home-upcoming = Upcoming appointments (14 days)
home-no-upcoming = No appointments planned in the next two weeks.
home-to-report = Reports to write
next-step = Next step
home-changes = What changed
home-changes-since = Since { $date }: new registrations, cancellations by parents, signatures and reports ready, in your cases.
home-no-changes = Nothing new since your last visit.
home-more-changes = And more; open the cases for the rest.
home-changes-seen = Mark all as seen
done-gezien = The changes were marked as seen.
nav-changes = { $count } new
urgency-late = Late
urgency-due = Due soon

## Lists
waiting-title = Registrations
waiting-intro = The waiting list: registrations not yet taken on, longest waiting first.
waiting-empty = No registrations are waiting.
waiting-caption = { $count ->
    [one] { $count } registration waiting
   *[other] { $count } registrations waiting
}
take-into-intake = Take into intake
cases-title = Cases
cases-empty = No cases found.
cases-caption = { $count ->
    [one] { $count } case
   *[other] { $count } cases
}
filter-programme = Programme
filter-status = Status
filter-all-programmes = All programmes
filter-all-open = All open
filter-apply = Show
col-reference = Case
col-programme = Programme
col-children = Children
col-registered-on = Registered on
col-waiting = Waiting time
col-status = Status
col-action = Action
status-registered = Registered
status-intake = Intake
status-plan = Plan
status-running = Running
status-follow_up = Follow-up
status-closed = Closed

## New registration
register-title = New registration
register-intro = Fill in what you know. Fields marked ‘required’ are needed; the rest can wait.
register-programme = Programme and registration
register-children = Children
register-children-hint = Enter at least one child. Empty rows are skipped.
register-child-n = Child { $n }
register-people = Parents and others involved
register-people-hint = Enter at least one parent. A secret address is never shown to the other parent.
register-person-n = Person { $n }
register-more = Safety and request
register-submit = Send registration
field-programme = Programme
field-provider = Provider
field-registered-by = Registered by
field-entry-route = Entry route
field-child-name = Child's name
field-birth-date = Date of birth
field-name = Name
field-role = Role
field-email = E-mail address
field-phone = Phone number
field-address = Address
field-organisation = Organisation
field-organisation-hint = Professionals only.
field-secret-address = Secret address (never show to the other parent)
field-secret-address-hint = Then fill in the address too.
field-safety = Safety concerns
field-safety-hint = For example domestic violence, a restraining order or tension at handovers.
field-request = Request for help
registered-by-one_parent = One parent
registered-by-both_parents = Both parents
registered-by-professional = A professional
role-resident_parent = Resident parent
role-non_resident_parent = Non-resident parent
role-guardian = Guardian
role-foster_carer = Foster carer
role-case_director = Case director
role-referrer = Referrer
role-other = Other
entry-voluntary = Voluntary
entry-referral = With a referral
entry-court_order = Court order

## Case
case-title = Case { $reference }
case-toc = Parts of the case
case-children-line = Children
case-overview = Overview
case-progress = Progress under the programme
case-phases = Phases
phase-current = current phase
phase-done = done
progress-planned = { $count } planned
case-steps = Steps
case-no-steps = There are no steps for you in this case now.
case-people = People
case-sessions = Appointments
case-reports = Reports
case-consents = Consents
case-evaluations = Evaluations
case-timeline = Timeline
waiting-until-intake = until the intake
intake-started = Intake started
intake-completed = Intake completed
running-since = Running since
max-duration = Maximum duration
follow-up-since = Follow-up since
closed-on = Closed on
born-on = born { $date }
secret-address = Secret address
secret-address-note = secret from the other parent
secret-address-hidden = The address is secret and not shown here.

step-start-intake-text = Take the registration on; you become the coordinator of this case.
step-complete-intake = Complete the intake
field-eligible = Does the programme fit this family?
eligible-yes = Yes, eligible: on to the plan
eligible-no = No, not eligible: the case closes
field-intake-notes = Intake notes
field-not-eligible-reason = Reason (when not eligible)
field-not-eligible-reason-hint = Required when the programme does not fit.
step-assign-supervisor = Assign a supervisor
step-assign-partner = Link a partner organisation
step-assign = Assign
partner-organisation = Partner organisation
partner-none = None
step-advance = Move to the next phase
step-end = End the programme with an outcome
step-end-submit = End the programme
outcome-ouderschapsplan = Parenting plan made
outcome-unsupervised_contact = Contact without supervision
outcome-follow_up_help = Follow-up help
outcome-stopped_early = Stopped early
outcome-reported = Reported (Jeugdteam, Veilig Thuis, …)
field-handed-to = Handed over to
field-handed-to-hint = For follow-up help: who takes it on?
field-stop-reason = Reason for stopping
field-stop-reason-hint = When stopping early.
field-reported-to = Reported to
field-end-summary = Summary
step-close-follow-up = Close the follow-up
step-escalate = Report to an authority (Jeugdteam, Veilig Thuis, …)
field-date = Date
field-escalation-reason = Reason for the report

## Plan
plan-version = Version { $version }
plan-signed-by-all = Signed by both parents
plan-not-signed-by-all = Not yet signed by both parents
plan-signatures = Signatures of version { $version }
signature = Signature
signed-on = Signed on { $date }
not-signed = Not signed yet
method-paper = on paper
method-portal = in the portal
record-paper-signature = Record a paper signature
plan-goals = Goals
plan-house-rules = House rules
plan-house-rules-hint = One rule per line. Filled in from the programme; change where needed.
plan-visit-agreements = Visit agreements (frequency, length, place)
plan-handover-agreements = Handover agreements
plan-parent-conversations = Parent conversations
plan-child-guidance = Guidance of the child
plan-work-agreements = Work agreements
plan-evaluation-moments = Evaluation moments
evaluation-moment-n = Evaluation moment { $n }
max-duration-months = Maximum duration in months
plan-parents-meet = Parents meeting
plan-parents-must-not-meet = The parents must not meet (staggered arrival and departure)
plan-parents-may-meet = No objection
plan-older-versions = Earlier versions
plan-none = There is no plan yet.
plan-write = Write the plan
plan-new-version = Write a new version of the plan
plan-save = Save the plan
one-per-line = One per line.

## Appointments
sessions-none = No appointments yet.
session-state-planned = Planned
session-state-held = Held
session-state-cancelled = Cancelled
session-state-no_show = No-show
cancelled-by = Cancelled by { $who }
cancelled-late = cancelled late
no-show-by = Did not come: { $who }
attended = Attended
field-attended = Who came?
field-attended-hint = Only when held: tick who was actually there (parents, children, guardian, foster carer). Ticked beforehand: the children and the visiting parent.
child = child
record-outcome = Record the outcome
field-by = Who cancelled or did not come?
field-by-hint = Only for cancelled or no-show.
field-cancel-reason = Reason for cancelling
field-notes = Notes
plan-session = Plan an appointment
field-session-kind = Kind of appointment
field-starts-at = Date and start time
field-starts-at-hint = Dutch time.
field-minutes = Length in minutes
field-location-kind = Place
field-location-description = Description of the place
field-location-description-hint = For a playground or other location. Never a parent's address.
field-home-of = At a parent's home: which parent
no-supervisor = No supervisor

## Consents and evaluations
consents-hint = Visits outside the contact centre need the consent of both parents.
consents-none = No consents recorded yet.
consent-given = Consents
consent-not-given = Does not consent
record-consent = Record a consent
field-consent-given = Does this parent consent to visits outside the contact centre?
evaluations-none = No evaluations yet.
evaluation-kind-interim = Interim evaluation
evaluation-kind-end = End evaluation
agreement-reached = Agreement reached
next-steps = Next steps
escalations = Reports to authorities
record-evaluation = Record an evaluation
field-evaluation-kind = Kind of evaluation
field-evaluation-summary = Summary of the evaluation

## Reports
report = Report
report-title = Report
report-write = Write the report
report-continue = Finish the report
report-open = Open the report
report-state-draft = Draft
report-state-approved = Approved
report-state-released = Released to the parents
report-state-none = Not written yet
written-by = written by { $who }
amendments-count = { $count ->
    [one] { $count } amendment
   *[other] { $count } amendments
}
back-to-case = Back to case { $reference }
report-neutral-hint = Write neutrally and factually: what you saw and heard, without judgement. After review the report is shared with both parents.
report-course = Course of the visit
report-course-hint = What happened, in order?
report-child-reactions = The child's reactions
report-interaction = Interaction between parent and child
report-agreements-kept = Were the agreements kept?
report-punctuality-resident = On time: resident parent ({ $name })
report-punctuality-visiting = On time: visiting parent ({ $name })
report-incidents = Incidents
report-incidents-hint = Leave empty if nothing happened.
report-save-draft = Save as draft
report-not-yet = There is no report of this appointment yet.
report-amendments = Amendments
report-review = Review by the coordinator
report-review-draft = The report is a draft. Approve it when it is neutral and complete.
report-review-approved = The report is approved. Release it to both parents, or return it to draft.
report-review-released = Released to the parents on { $date }. A released report is never changed, only amended.
report-approve = Approve
report-release = Release to both parents
report-return = Return to its author
report-amendment = Amendment
report-amend = Add the amendment

## Two-factor sign-in
login-code = Code from your authenticator app
login-code-hint = Only once you have set up the second step. A recovery code works too.
login-code-needed = Also enter the code from your authenticator app (or a recovery code), and your password again.
tf-title = Set up the second sign-in step
tf-intro = For case files about children you sign in with two steps: your password and a code from an app on your phone.
tf-step-scan = Scan the QR code with an authenticator app (for example FreeOTP or Google Authenticator).
tf-step-code = Enter the six-digit code the app shows.
tf-qr-label = QR code to scan with the authenticator app
tf-manual = Cannot scan? Enter these details in the app:
tf-code = Six-digit code
tf-confirm = Confirm
tf-retry = The code was not right. Try the newest code from the app, or start again.
tf-restart = Start again with a new QR code
tf-done = The second step is set up. You are signed in.
tf-recovery-title = Recovery codes
tf-recovery-text = Keep these codes somewhere safe. Each works once instead of the code from the app, when you lose your phone. They are shown only once.

## Agenda
nav-agenda = Agenda
agenda-title = Agenda
agenda-week = Week from { $from } to { $to }
agenda-weeks = Weeks
agenda-prev = Previous week
agenda-next = Next week
agenda-this-week = This week
agenda-everyone = Everyone
agenda-count = { $count ->
    [one] { $count } appointment this week.
   *[other] { $count } appointments this week.
}
agenda-conflicts = { $count ->
    [one] { $count } appointment clashes with another of the same supervisor.
   *[other] { $count } appointments clash with another of the same supervisor.
}
agenda-today = today
agenda-free = Free.
agenda-double-booked = Double-booked
report-autosaved = Draft saved automatically at {"{"}time{"}"}.
report-autosave-failed = Saving automatically failed; use the "Save as draft" button.

## Beheer (administration), public registration, print views
nav-beheer = Administration
bh-title = Administration
bh-intro = Users and roles, supervisors and volunteers, locations and rooms, and your organisation's programmes.
bh-back = Back to Administration
bh-users-title = Users and roles
bh-users-count = { $count ->
    [one] { $count } user
   *[other] { $count } users
}
bh-users-caption = { $count ->
    [one] { $count } user of your organisation
   *[other] { $count } users of your organisation
}
bh-staff-title = Supervisors and volunteers
bh-staff-count = { $count ->
    [one] { $count } supervisor
   *[other] { $count } supervisors
}
bh-staff-warnings = { $count ->
    [one] { $count } point of attention
   *[other] { $count } points of attention
}
bh-staff-caption = { $count ->
    [one] { $count } supervisor or volunteer
   *[other] { $count } supervisors and volunteers
}
bh-staff-intro = VOG, training and weekly availability. A volunteer can only be assigned with a valid VOG and completed training.
bh-staff-empty = Your organisation has no supervisors or volunteers yet.
bh-locations-title = Locations and rooms
bh-locations-count = { $count ->
    [one] { $count } location
   *[other] { $count } locations
}
bh-locations-intro = Where visits take place: the rooms (homely room, large room for ball games), the entrances, and the margin between one parent's drop-off and the other parent's arrival.
bh-locations-empty = There are no locations yet.
bh-programmes-title = Programmes
bh-programmes-count = { $count ->
    [one] { $count } programme
   *[other] { $count } programmes
}
bh-programmes-intro = The built-in programmes and your organisation's own. Open a programme for the registration form on the website.
bh-programmes-caption = { $count ->
    [one] { $count } programme
   *[other] { $count } programmes
}
bh-you = you
bh-active = Active
bh-inactive = Deactivated
bh-change = Change
bh-save = Save
bh-yes = yes
bh-no = no
bh-user-add = Add a user
bh-user-add-submit = Add user
bh-user-change = Change user
bh-field-password = First password
bh-field-password-hint = At least 12 characters. The user sets up two-step verification at the first sign-in.
bh-field-vog = VOG issued on
bh-field-vog-hint = Only for volunteers and supervisors.
bh-field-training = Training completed on
bh-field-lang = Language
bh-field-active = Active (can sign in)
bh-field-active-hint = Deactivating also ends all of this user's sessions.
bh-self-hint = You cannot change or deactivate your own role and account; ask another administrator.
bh-availability = Weekly availability
bh-availability-none = Not given
bh-availability-hint = One slot a day. Leave a day empty when the supervisor is not available.
bh-vog-training = VOG and training
bh-vog-valid-until = valid until { $date }
bh-from = From
bh-until = Until
bh-weekday-1 = Monday
bh-weekday-2 = Tuesday
bh-weekday-3 = Wednesday
bh-weekday-4 = Thursday
bh-weekday-5 = Friday
bh-weekday-6 = Saturday
bh-weekday-7 = Sunday
bh-field-margin = Margin at arrival and departure
bh-field-margin-hint = In minutes: how far apart the parents come and go when they must not meet.
bh-entrances = Entrances
bh-entrances-hint = One entrance a line, for example "Front door" and "Garden door (back)".
bh-rooms = Rooms
bh-rooms-empty = This location has no rooms yet.
bh-location-edit = Change location
bh-location-open = View location
bh-location-agenda = Agenda of this location
bh-location-add = Add a location
bh-location-add-submit = Add location
bh-location-details = Location details
bh-room-agenda = agenda
bh-room-add = Add a room
bh-room-add-submit = Add room
bh-field-room-type = Kind of room
bh-field-room-type-hint = A large room suits ball games, for example.
bh-room-type-homely = homely room
bh-room-type-large = large room (games)
bh-room-type-office = office
bh-programme-kind = Kind
bh-built-in = built in
bh-own = own programme
bh-public-form = Website registration form
bh-public-open = Open
bh-public-closed = Closed
bh-public-close = Close
bh-public-open-action = Open
bh-programme-upload = Add your own programme
bh-programme-upload-intro = A programme is a TOML file with the same fields as the built-in ones. Check it first; problems are shown by file, field and reason.
bh-programme-file = Choose a TOML file
bh-programme-file-hint = The file is loaded into the text box below. Without JavaScript: paste its contents into the text box.
bh-programme-filename = File name
bh-programme-filename-hint = For the messages, for example my-programme.toml.
bh-programme-source = Definition (TOML)
bh-programme-problems-caption = Problems in the definition
bh-problem-file = File
bh-problem-field = Field
bh-problem-reason = Reason
bh-programme-check = Only check
bh-programme-add = Check and add
bh-programme-empty = Choose a file or paste the definition.
bh-programme-invalid = The definition is not right. Below, each field says what is wrong; what you entered is still there.
bh-programme-problems = { $count ->
    [one] The definition has { $count } problem; see the table.
   *[other] The definition has { $count } problems; see the table.
}
bh-programme-check-ok = The definition of programme '{ $id }' is fine.
bh-programme-id = Identifier
bh-programme-ages = Age of the children (years)
bh-programme-document = Plan
bh-programme-locations = Places of visits
bh-programme-volunteers = Volunteers
bh-programme-volunteers-yes = yes, with a VOG at most { $months } months old
bh-programme-same-supervisor = Always the same supervisor
bh-programme-kinds = Kinds of sessions
bh-programme-phases = Phases
bh-kind = Kind
bh-max-minutes = Max. minutes
bh-count = Number
bh-at-most = at most { $n }
bh-about = about { $n }
bh-needs-signed-plan = Signed plan needed
bh-needs-report = Report needed
done-gebruiker = The user has been added.
done-gebruiker-gewijzigd = The user has been changed.
done-begeleider-opgeslagen = VOG, training and availability have been saved.
done-locatie = The location has been added. Add its rooms below.
done-locatie-opgeslagen = The location has been saved.
done-ruimte = The room has been added.
done-traject = The programme has been added.
done-traject-open = The programme is open for the registration form.
done-traject-dicht = The programme is closed for the registration form.
filter-referrer = Referrer
filter-all-referrers = All referrers
referrer-public = Website registration form
referrer-none = No referrer
pub-title = Register for supervised visitation
pub-intro = Register a family here, as a parent or as a professional. You do not need to sign in. The organisation will contact you afterwards.
pub-none-open = You cannot register here at the moment. Please contact the organisation.
pub-honeypot = Leave this field empty
pub-where = Where do you register?
pub-field-choice = Organisation and programme
pub-field-choice-hint = Not sure? Choose the programme that fits best; the organisation will look at it with you.
pub-entry-route-hint = Voluntary, with a referral, or because a court decided so.
pub-people-hint = The parents and, if any, the professional who registers. Tick "secret address" if the other parent must not know the address.
pub-privacy = We use these details only to handle the registration.
pub-submit = Send registration
pub-received-title = Registration sent
pub-received = Thank you. Your registration has been received.
pub-received-next = The organisation will contact you. There is nothing more you need to do now.
pub-another = Register another family
pub-throttled = Too many registrations have been sent from this address. Please try again in an hour, or contact the organisation.
print-button = Print
print-hint = Or use Ctrl+P. The menu and the buttons are not printed.
print-version = Version
print-signatures = Signatures
print-printed-on = Printed on { $date }.
print-session = Session
print-released = Shared on
print-plan-link = Print
download-pdf = Download PDF
end-report-pdf = Download the end report (PDF)
print-report-link = Print

## Portal (parents, referrers, invitations)
nav-portal = My visits
nav-referrals = My registrations
portal-title = My visits
portal-no-cases = No case is linked to your account yet.
portal-to-sign = To sign
portal-sign-plan-of = Read and sign the plan of { $title }
portal-upcoming = Upcoming appointments
portal-times-drop-off = You bring the child at { $at }
portal-times-pick-up = You collect the child at { $at }
portal-times-arrive = You arrive at { $at }
portal-times-leave = You leave at { $at }
portal-place = Place
portal-case-name = { $programme } for { $children }
portal-entrance = Your entrance: { $entrance }
portal-bring-drop_off_pick_up = Bring what your child needs, such as a drink, a snack or a cuddly toy.
portal-bring-arrive_leave = Feel free to bring something to do together, such as a game or a book; presents and sweets in agreement with the supervisor.
portal-cancel-in-time = Cannot make it? Cancel at least { $hours } hours beforehand with the button below; cancelling later counts as a late cancellation.
footer-text-parent = Questions about an appointment or the plan? Contact the coordinator of your programme. What you view or do here is recorded.
and = and
portal-open-case = Go to { $title }
portal-no-upcoming = No appointments are planned.
portal-my-cases = My cases
portal-back-home = ← Back to My visits
portal-children = Children
portal-age = { $age } years
portal-staggered = The parents come at different times so that you do not meet. Keep to your own times.
portal-cancel-link = Cancel
portal-past = Earlier appointments
portal-late = cancelled late
portal-plan = Plan
portal-plan-version = Version { $version }
portal-plan-goals = Goals
portal-plan-house-rules = House rules
portal-plan-visits = Visit agreements
portal-plan-handover = Bringing and collecting
portal-plan-conversations = Parent conversations
portal-plan-work = Working agreements
portal-signed-on = You signed this version on { $when }.
portal-sign-agree = I have read version { $version } of the plan and agree to it.
portal-sign-agree-required = Tick that you have read the plan and agree to it.
portal-sign-submit = Sign the plan
portal-signed-by-all = Both parents signed this version.
portal-no-plan = There is no plan yet.
portal-reports = Reports
portal-amendment = Amendment
portal-no-reports = No reports have been shared yet.
portal-my-details = My details
portal-name = Name
portal-email = E-mail
portal-phone = Phone
portal-address = Address
portal-address-secret = Secret; only the coordinator knows it.
portal-details-hint = Is something wrong? Contact the coordinator.
portal-others = Others in this case
portal-cancel-title = Cancel an appointment
portal-back-case = ← Back to the case
portal-notice = Cancel at least { $hours } hours ahead. Later cancellations are recorded as late (house rules).
portal-cancel-late = This appointment starts within the notice period: your cancellation is recorded as late.
portal-cancel-reason = Reason for cancelling
portal-cancel-reason-hint = The coordinator and the supervisor read the reason; the other parent does not.
portal-cancel-submit = Cancel the appointment
portal-cancel-not-possible = This appointment can no longer be cancelled.
accept-title = Accept the invitation
accept-intro = Welcome { $name }. Choose a password for your account ({ $email }).
accept-role = You get an account as { $role }.
accept-two-factor = Then you set up two-step verification with an app on your phone.
accept-password = New password
accept-password-hint = At least 12 characters and not easy to guess: no commonly used password, not your name or e-mail address. Tip: four or more unrelated words.
accept-password-again = New password again
accept-submit = Make the account
accept-invalid = This invitation has expired or was used already. Ask the coordinator for a new one.
accept-to-login = To sign-in
invite-title = Invite to the parent portal — { $reference }
invite-back = ← Back to the case
invite-intro = The person gets an e-mail with a link that works once, for seven days, to choose a password.
invite-person = Person
invite-choose = Choose a person
invite-email = E-mail address
invite-email-hint = Leave empty: the address in the case.
invite-lang = Language
invite-submit = Send the invitation
invite-list = Invitations
invite-status = State
invite-expires = Valid until
invite-status-pending = sent
invite-status-accepted = accepted
invite-status-expired = expired
invite-status-linked = linked to an existing account
invite-none = No invitations yet.
referrals-title = My registrations
referrals-new = New registration
referrals-children = Children
referrals-status = State
referrals-stage-registered = waiting for intake
referrals-stage-intake = intake
referrals-stage-plan = intake
referrals-stage-running = running
referrals-stage-follow_up = running (follow-up)
referrals-stage-closed = ended
referrals-registered = Registered on { $date }
referrals-waiting = waiting time { $days } days
referrals-end-report = End report
referrals-none = You have not registered any families yet.
done-ondertekend = You signed the plan.
done-afgezegd = The appointment is cancelled.
done-welkom = Your account is ready. Welcome to omgang.
done-uitgenodigd = The invitation was sent.
case-invitations = Invite parents to the portal
field-room = Room
field-room-hint = A room at one of your locations (to see double bookings).
no-room = No room chosen
plan-warnings-alert = Look at the warnings first. What you entered is still there; go ahead with the button by the warnings, or change it.
plan-warnings-title = Please note about this session:
bh-programme-kinds-caption = Per kind of session: length, number and conditions
nav-invite-staff = Invite
staff-invite-title = Invite referrers and partner staff
staff-invite-intro = The person gets an e-mail with a link that works once, for seven days, chooses a password with it and then sets up two-step verification.
staff-invite-parents-hint = You invite parents, guardians and foster carers from their case.
staff-invite-name = Name
staff-invite-email = E-mail address
staff-invite-role = Role
staff-invite-role-referrer = Referrer
staff-invite-role-partner_staff = Partner organisation staff
staff-invite-organisation = Organisation
staff-invite-organisation-hint = A referrer works at a referrer or municipality, partner staff at a partner organisation.
staff-invite-org-kind-referrer = referrer
staff-invite-org-kind-municipality = municipality
staff-invite-org-kind-partner = partner organisation
staff-invite-lang = Language
staff-invite-submit = Send invitation
staff-invite-list = Invitations you sent
staff-invite-none = You have not invited anyone yet.
staff-invite-no-organisations = There are no referrer or partner organisations yet. An administrator adds them.
done-uitgenodigd-professional = The invitation has been sent.

## Forgotten password / new password (password.rs)
login-forgot = Forgot your password?
done-wachtwoord = Your new password is set. Sign in with it; you have been signed out everywhere else.
pw-forgot-title = Forgotten password
pw-forgot-intro = Enter the e-mail address of your account. We will send you a link to set a new password. The link works once, for an hour.
pw-forgot-submit = Send me a link
pw-forgot-sent = If there is an account with this e-mail address, you will receive an e-mail with a link within a few minutes.
pw-forgot-sent-more = Open the link within an hour. No e-mail? Look in your junk mail folder too, or ask your organisation's administrator for help.
pw-to-login = Back to sign in
pw-err-email = Enter a complete e-mail address, for example name@organisation.nl.
pw-new-title = Set a new password
pw-new-intro = Choose a new password. You will then be signed out on every device and sign in with the new password.
pw-new-password = New password
pw-new-hint = At least 12 characters and not easy to guess: no commonly used password, not your name or e-mail address. Tip: four or more unrelated words with spaces between them.
pw-new-submit = Set password
pw-new-invalid = This link has expired or was used already. Ask for a new link.
pw-new-ask-again = Ask for a new link
pw-err-again-missing = Enter the new password again.
pw-err-again-differs = The two passwords differ. Type the same password twice.

## Privacy: who looked at this case (privacy.rs)
nav-privacy = Privacy
privacy-title = Who looked at a case?
privacy-intro = The audit log shows who viewed or changed a case, when, from which address, and whether that was allowed. Search by case reference or by person. Every question asked here is recorded too.
privacy-by-case = By case
privacy-reference = Case reference
privacy-reference-hint = For example 2026-00012.
privacy-by-person = By person: what did this person look at?
privacy-person = The person's e-mail address
privacy-person-hint = Only your own organisation's cases.
privacy-show = Show the audit log
privacy-back = New search
privacy-case-title = Audit log of case { $reference }
privacy-case-intro = Every line about this case, oldest first. Times in Dutch time.
privacy-person-title = What did { $name } look at?
privacy-person-intro = { $email }, { $role } at { $organisation }. Your organisation's cases, newest first. Times in Dutch time.
privacy-truncated = Only the newest 500 lines are shown.
privacy-caption = Audit log
privacy-when = When
privacy-who = Who
privacy-case = Case
privacy-action = What
privacy-result = Allowed?
privacy-address = Address
privacy-allowed = Allowed
privacy-refused = Refused
privacy-nobody = Not signed in, or the system
privacy-what-else = What else did this person look at?
privacy-none = There are no lines in the audit log yet.
privacy-err-case = There is no case with this reference whose audit log you may see.
privacy-err-person = There is no account with this e-mail address.
privacy-person-forbidden = Only the organisation's administrator may ask what one person looked at.
privacy-action-read = viewed the case
privacy-action-read-timeline = viewed the timeline
privacy-action-read-audit = viewed the audit log
privacy-action-read-signals = viewed signals
privacy-action-read-agenda = viewed the agenda
privacy-action-read-invitations = viewed invitations
privacy-action-portal-read = viewed in the parent portal
privacy-action-list-cases = shown in a list
privacy-action-register = registered
privacy-action-start-intake = started the intake
privacy-action-complete-intake = completed the intake
privacy-action-assign = assigned
privacy-action-write-plan = wrote the plan
privacy-action-record-signature = recorded a signature
privacy-action-sign-own-plan = signed the plan
privacy-action-plan-session = planned a session
privacy-action-record-outcome = recorded an outcome
privacy-action-cancel-session = cancelled a session
privacy-action-record-consent = recorded consent
privacy-action-advance-phase = next phase
privacy-action-write-report = wrote a report
privacy-action-review-report = reviewed a report
privacy-action-amend-report = amended a report
privacy-action-record-evaluation = recorded an evaluation
privacy-action-record-escalation = recorded an escalation
privacy-action-end = ended the programme
privacy-action-close-follow-up = closed the follow-up
privacy-action-invite = sent an invitation
session-staggered = Staggered times: drop-off {$drop_off}, visiting parent {$start}–{$end}, pick-up {$pick_up}.
privacy-export = Answer an access request
privacy-export-intro = Everything your organisation holds about one person, as that person may see it: their own details, sessions with their own times, plans and signatures, released reports, their own actions and who looked at the case. Never someone else's details or address, and no internal notes. The request itself is logged.
privacy-export-email = E-mail address of the person asking
privacy-export-hint = The address in the case or of the account.
privacy-export-download = Download the overview (JSON)
privacy-err-export = Fill in a valid e-mail address.
privacy-export-forbidden = Only the organisation's administrator answers an access request.
person-edit = Change the details of { $name }
person-address-hint = Leave empty if the address is not known.
person-secret = Address secret from the other parent
person-secret-hint = The address is then stored encrypted and shown to coordinators only; no sessions at this parent's home any more, and sessions already planned there are signalled.
person-save = Save the details
done-persoon = The details were saved.
search-title = Search
search-label = Find a family
search-placeholder = Name or case number
search-hint = Part of a child's or parent's name (capitals and accents do not matter), a case number such as 2026-00032, or an organisation.
search-button = Search
search-none = No case found with “{ $q }” among the cases you may see.
search-caption = { $count ->
    [one] 1 case with “{ $q }”
   *[other] { $count } cases with “{ $q }”
}
search-more = Only the first { $count } are shown; make the search more precise.
col-family = Family
nav-figures = Figures
figures-title = Figures { $year }
figures-intro-funder = Anonymised figures of the programmes you fund or your organisation referred to, by quarter of registration. Never a name; a cell resting on fewer than { $min } families shows as “< { $min }”.
figures-intro-org = Anonymised figures of your organisation, by quarter of registration. A cell resting on fewer than { $min } families shows as “< { $min }”, as for funders.
figures-year = Year of registration
figures-csv = Download as CSV
figures-all = All programmes together
figures-per-programme = Per programme
figures-chart-caption = Registrations per quarter; a dashed bar rests on fewer than { $min } families. The numbers are in the table.
figures-none = No registrations in this year.
figures-period = Period
figures-registrations = Registrations
figures-to-intake = Days to intake (median)
figures-to-first-visit = Days from intake to first visit (median)
figures-duration = Duration in days (median, closed)
figures-held = Sessions held
figures-cancelled-parent = Cancelled by a parent
figures-cancelled-org = Cancelled by the organisation
figures-no-shows = No-shows
error-unavailable-title = Unavailable for a moment
error-unavailable-text = The data cannot be reached right now. Try again in a few seconds; nothing was lost.
cases-caption-paged = { $count ->
    [one] 1 case
   *[other] { $count } cases
}, page { $page } of { $pages }; select a column heading to sort
pager-label = Pages
pager-prev = ‹ Previous
pager-next = Next ›
pager-page = Page { $page } of { $pages }

plan-anyway = Plan anyway
confirm-anyway = Go ahead anyway
confirm-advance-anyway = Move to the next phase anyway
confirm-end-anyway = Close anyway
confirm-reason = Reason to go ahead anyway
confirm-reason-hint = Recorded in the case. Needed where the warning asks for it.
field-participant = With whom
field-participant-hint = For a separate intake: the parent it is with. For a child conversation: the child.
intake-missing-title = The intake is complete once these sessions were held:
intake-plan-link = Plan them below under Sessions
role-residential_group = Residential group
field-holds-authority = Guardian with authority
field-holds-authority-hint = Only for a guardian who holds parental authority: signs the plan of approach too.
session-brought-by = Brings and collects: {$name}.
signed-day = signed on {$day}
field-signed-on = Signed on
field-signed-on-hint = Empty: today. A paper signature recorded later carries the day it was signed (never in the future).
field-supervisor-change-reason = Reason for the change
field-supervisor-change-reason-hint = This programme keeps the same supervisor; another one only with a reason, which is recorded.
supervisor-history = Supervisors of this case
supervisor-instead-of = instead of {$name}

## Week planning (issue 13)
nav-planning = Week planning
wp-title = Week planning
wp-week = Week
wp-week-hint = Year and week number, for example 2026-W11.
wp-week-show = Show week
wp-requests = What this week needs
wp-requests-intro = { $count ->
    [one] { $count } appointment goes into the planning. What is planned already stays; a request you drop is not planned.
   *[other] { $count } appointments go into the planning. What is planned already stays; a request you drop is not planned.
}
wp-requests-empty = No running cases need an appointment this week.
wp-col-case = Case
wp-col-kind = Appointment
wp-col-minutes = Minutes
wp-col-need = Why
wp-col-windows = Family can come
wp-col-supervisor = Supervisor so far
wp-col-last-time = Last time
wp-col-action = Action
wp-col-day = Day
wp-col-times = Times
wp-col-room = Room
wp-col-reason = Reason
wp-fixed = Planned already ({ $when }): stays.
wp-fixed-badge = planned already
wp-dropped = dropped
wp-windows-default = default
wp-drop = Drop
wp-restore = Take back
wp-seconds = Time limit in seconds
wp-seconds-hint = The planner works at most this long (1 to { $max } seconds) and then shows its best proposal.
wp-run = Plan the week
wp-proposal = Proposal
wp-proposal-summary = { $placed } of { $requests } appointments placed (time limit { $seconds } s).
wp-continuity-count = { $count ->
    [one] { $count } appointment gets another supervisor than so far.
   *[other] { $count } appointments get another supervisor than so far.
}
wp-accept-all = { $count ->
    [one] Accept { $count } appointment
   *[other] Accept all { $count } appointments
}
wp-accept-one = Accept
wp-confirm = Plan anyway
wp-confirm-reason = Why anyway?
wp-grid = Days and rooms
wp-per-supervisor = Per supervisor
wp-volunteer = volunteer
wp-staggered = resident parent brings { $drop_off }, collects { $pick_up }
wp-continuity-lost = another supervisor (was { $previous })
wp-no-rooms = This organisation has no rooms yet; add them under Administration, Locations.
wp-nothing-placed = Nothing placed yet.
wp-unplaced = Not placed
wp-all-placed = Everything is placed.
wp-status-planned = Planned.
wp-status-already_planned = Was planned already.
wp-status-needs_confirmation = Confirm first.
wp-status-refused = Not possible:
wp-status-not_in_run = Not in this proposal.
case-windows = When the family can come
case-windows-default = Nothing given yet; the week planning assumes: { $windows }.
case-windows-edit = Change the times
case-windows-hint = The times the family can come (for example Wednesday afternoon, Saturday morning); the week planning plans the appointments within them. Leave everything empty for the default times.
case-windows-row = Time slot { $n }
case-windows-day = Day
case-windows-save = Save the times
done-tijdvakken = The family's times are saved.
bh-weekly-minutes = Minutes a week for the week planning
bh-weekly-minutes-hint = How many minutes the week planning fills at most, for example 960 for 16 hours. Empty: the default (now { $minutes }).
bh-opening-hours = Opening hours
bh-opening-hours-hint = When the location is open; the week planning plans only within these hours. Leave everything empty for the default (Monday to Friday 09:00–21:00, Saturday 09:00–17:00).
bh-opening-hours-save = Save the opening hours
done-openingstijden-opgeslagen = The opening hours are saved.
wp-location = Location
wp-all-locations = All locations
wp-add = Add an appointment
wp-add-what = Case and appointment
wp-add-minutes = Minutes
wp-add-minutes-hint = Empty: the usual length.
wp-add-submit = Add to this week
portal-windows = When you can come
portal-windows-default = You have not given any yet; the planning assumes: { $windows }.
portal-windows-edit = Give your times
portal-windows-hint = When the family can come, for example Wednesday afternoon and Saturday morning. The coordinator plans the appointments within them and may change the times. Leave everything empty for the default times.
done-tijden = Your times are saved.
