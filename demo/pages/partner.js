// Partner site: the widget's language switch and the "Eventi del widget" log.
// External file, no inline script or style, text only (textContent, never innerHTML): it runs
// unchanged under the strict-CSP page (strict-csp.html loads it too).
const EVENTS = ['cassa-ready', 'cassa-step-change', 'cassa-order-complete', 'cassa-error'];
// The log survives the trip to the payment page and back (same tab only).
const STORAGE_KEY = `demo-event-log:${location.pathname}`;

const checkout = document.getElementById('checkout');
const log = document.getElementById('event-log');
const empty = document.getElementById('event-log-empty');

function loadEntries() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
  } catch {
    return [];
  }
}
let entries = loadEntries();

function saveEntries() {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // Storage full or disabled: the log still shows this page's events.
  }
}

function render(entry) {
  const item = document.createElement('li');
  item.dataset.event = entry.name;
  const head = document.createElement('div');
  head.className = 'event-head';
  const name = document.createElement('code');
  name.className = 'event-name';
  name.textContent = entry.name;
  const time = document.createElement('time');
  time.dateTime = entry.at;
  time.textContent = new Date(entry.at).toLocaleTimeString('it-IT');
  head.append(name, time);
  const detail = document.createElement('pre');
  detail.className = 'event-detail';
  detail.textContent = entry.detail;
  item.append(head, detail);
  log.append(item);
  empty.hidden = true;
}

function record(event) {
  const entry = {
    name: event.type,
    at: new Date().toISOString(),
    detail: JSON.stringify(event.detail, null, 2),
  };
  entries.push(entry);
  saveEntries();
  render(entry);
}

entries.forEach(render);
for (const name of EVENTS) document.addEventListener(name, record);

document.getElementById('clear-log').addEventListener('click', () => {
  entries = [];
  saveEntries();
  log.replaceChildren();
  empty.hidden = false;
});

// The chosen language is the page's: remembered for the tab, so the widget comes back from the
// payment provider's page (a full page load) in the language the buyer chose.
const LOCALE_KEY = 'demo-partner-locale';
const buttons = [...document.querySelectorAll('.lang button[data-locale]')];
function useLocale(locale) {
  checkout?.setAttribute('locale', locale);
  for (const other of buttons) {
    other.setAttribute('aria-pressed', String(other.dataset.locale === locale));
  }
  sessionStorage.setItem(LOCALE_KEY, locale);
}
for (const button of buttons) {
  button.addEventListener('click', () => useLocale(button.dataset.locale));
}
const remembered = sessionStorage.getItem(LOCALE_KEY);
if (remembered === 'it' || remembered === 'en') useLocale(remembered);
