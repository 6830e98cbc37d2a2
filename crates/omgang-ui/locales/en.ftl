# omgang — English texts of the staff interface (the second language).

## General
skip-link = Skip to content
nav-label = Main menu
nav-home = My work
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
done-fase = The programme moved to the next phase.
done-afsluiten = The programme was ended with an outcome.
done-nazorg-afsluiten = The follow-up was closed; the case is closed.
done-begeleider = The supervisor was assigned.
done-partner = The partner organisation was updated.
done-verslag = The report was saved as a draft.
done-goedkeuren = The report was approved.
done-teruggeven = The report was returned to draft.
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
home-upcoming = Upcoming appointments (14 days)
home-no-upcoming = No appointments planned in the next two weeks.
home-to-report = Reports to write
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
report-return = Return to draft
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
