// omgang — small progressive enhancements. Every page works without this script.
//
// The visit report (form[data-autosave]) is saved as a draft while the supervisor types:
// a few seconds after the last keystroke the form is posted in the background, exactly as
// the "Opslaan als concept" button would, and a status line says when it was saved.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var status = document.getElementById('autosave-status');
  var timer = null;
  var dirty = false;
  var saving = false;
  var DELAY = 4000;

  function hhmm() {
    var d = new Date();
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  function save() {
    if (saving || !dirty) return;
    saving = true;
    dirty = false;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', redirect: 'follow' })
      .then(function (r) {
        if (r.ok && r.url.indexOf('klaar=verslag') !== -1) {
          say((form.getAttribute('data-saved') || '').replace('{time}', hhmm()));
        } else {
          dirty = true;
          say(form.getAttribute('data-failed') || '');
        }
      })
      .catch(function () {
        dirty = true;
        say(form.getAttribute('data-failed') || '');
      })
      .then(function () { saving = false; });
  }

  form.addEventListener('input', function () {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  });
})();

// Print buttons (button[data-print]) and loading a chosen TOML file into the programme form.
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('button[data-print]'), function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
  var file = document.querySelector('input[data-toml-file]');
  if (!file || !window.FileReader) return;
  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    if (!f) return;
    var form = file.form;
    var reader = new FileReader();
    reader.onload = function () {
      var source = form.querySelector('textarea[name="source"]');
      var name = form.querySelector('input[name="filename"]');
      if (source) source.value = String(reader.result || '');
      if (name) name.value = f.name;
    };
    reader.readAsText(f);
  });
})();

// The phone's menu button: the menu (navigation, language, sign-out) folds behind it on narrow
// screens; it says whether it is open (aria-expanded) and Escape closes it.
(function () {
  'use strict';
  document.documentElement.classList.add('has-js');
  var button = document.querySelector('.menu-button');
  var menu = document.getElementById('site-menu');
  if (!button || !menu) return;
  button.hidden = false;
  function set(open) {
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    menu.classList.toggle('site-menu--open', open);
  }
  button.addEventListener('click', function () {
    set(button.getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      set(false);
      button.focus();
    }
  });
})();

// After a refused form the page comes back with that form open, what was typed and the
// messages next to the fields: bring that form into view and put the cursor in the first
// field to correct (the alert at the top still reads out what is wrong).
(function () {
  'use strict';
  var mark = document.querySelector('details[open] .error-msg, details[open] .notice, main .field--error');
  if (!mark) return;
  var form = mark.closest('details') || mark.closest('form') || mark;
  form.scrollIntoView({ block: 'start' });
  var field = form.querySelector('[aria-invalid="true"], .field--error input, .field--error select, .field--error textarea');
  if (field && field.focus) field.focus({ preventScroll: true });
})();

// The weekly planner: the run form is sent by the script, which meanwhile asks twice a
// second how far the planner is (`/weekplanning/voortgang/{ticket}`) and shows the time used
// and the best proposal so far; when the run is stored it opens the proposal. A browser may
// hold back the page's own requests while a form navigation is pending, hence no plain submit.
// Without script (or when the server answers with a page instead of the proposal) the form is
// sent as usual.
(function () {
  'use strict';
  var form = document.querySelector('form[data-planner-run]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var box = form.querySelector('.wp-progress');
  var bar = box.querySelector('progress');
  var text = box.querySelector('.wp-progress-text');
  var url = form.getAttribute('data-planner-run');
  var done = false;
  var show = function (p) {
    bar.max = p.limit_ms;
    bar.value = p.elapsed_ms;
    var line = box.getAttribute('data-running')
      .replace('{e}', String(Math.round(p.elapsed_ms / 1000)))
      .replace('{l}', String(Math.round(p.limit_ms / 1000)));
    if (p.best_score !== null && p.best_score !== undefined) {
      line += '; ' + box.getAttribute('data-best')
        .replace('{s}', p.best_score.toLocaleString('nl-NL'))
        .replace('{n}', p.iterations.toLocaleString('nl-NL'));
    }
    text.textContent = p.running ? line : box.getAttribute('data-done');
  };
  var poll = function () {
    if (done) return;
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (p && !done) show(p);
        window.setTimeout(poll, 500);
      })
      .catch(function () { window.setTimeout(poll, 1000); });
  };
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    box.hidden = false;
    window.setTimeout(poll, 300);
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', redirect: 'follow' })
      .then(function (r) {
        done = true;
        if (r.ok && r.redirected) {
          text.textContent = box.getAttribute('data-done');
          window.location.assign(r.url);
        } else {
          form.submit();
        }
      })
      .catch(function () { done = true; form.submit(); });
  });
})();
