/**
 * The dashboard's stylesheet and page script, served by the emulator itself (no CDN, works
 * offline). The script follows `GET /_emulator/dashboard/live` (server-sent events) and, on
 * each change, fetches the page again and swaps the `data-live` sections that differ; it sends
 * the `data-action` forms as JSON to the actions, which the control API's guard protects.
 * @module
 */

/** The stylesheet: readable at 1280×800 and on a phone-width window. */
export const DASHBOARD_CSS = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6475; --line: #d6dae3; --bg: #fff; --panel: #f5f7fa; --accent: #3558d6; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #a3abbb; --line: #39404d; --bg: #161a21; --panel: #1f242d; --accent: #8aa4ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { background: var(--panel); border-bottom: 1px solid var(--line); }
nav { display: flex; justify-content: space-between; align-items: center; max-width: 1200px; margin: 0 auto; padding: .6rem 1rem; }
nav a { font-weight: 600; color: var(--fg); text-decoration: none; }
#live-status { font-size: .85rem; color: var(--muted); }
main { max-width: 1200px; margin: 0 auto; padding: 0 1rem 4rem; }
h1 { font-size: 1.5rem; margin: 1.2rem 0 .6rem; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
h3 { font-size: .95rem; margin: .8rem 0 .3rem; color: var(--muted); }
section { border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: 1rem 0; background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
code, pre { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code.id, a.id { word-break: break-all; }
td .id { display: inline-block; min-width: 12ch; max-width: 24rem; }
pre { background: var(--panel); padding: .5rem; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
.empty { color: var(--muted); margin: .3rem 0; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; background: var(--panel); border: 1px solid var(--line); font-size: .8rem; }
.badge-available, .badge-delivered, .badge-live, .badge-started, .badge-ACTIVE { border-color: #2f9e5b; color: #2f9e5b; }
.badge-failed, .badge-dropped, .badge-HANGUP { border-color: #c94040; color: #c94040; }
form.action { display: flex; flex-wrap: wrap; gap: .5rem .8rem; align-items: flex-end; padding: .5rem 0; }
form.inline { display: inline; }
.field { display: flex; flex-direction: column; gap: .15rem; }
.field label { font-size: .85rem; color: var(--muted); }
.field.check { flex-direction: row; align-items: center; gap: .35rem; }
input, select { font: inherit; padding: .3rem .45rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); min-width: 0; }
button { font: inherit; padding: .3rem .8rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
form.inline button { padding: .1rem .5rem; font-size: .85rem; }
.buttons { display: inline-flex; gap: .3rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: .5rem 1.5rem; }
.filter { display: flex; gap: .5rem; align-items: flex-end; margin: 1rem 0 -.5rem; }
ol.feed { list-style: none; padding: 0; margin: 0; max-height: 28rem; overflow-y: auto; }
ol.feed li { padding: .25rem 0; border-bottom: 1px solid var(--line); font-size: .9rem; word-break: break-word; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
figure { display: inline-block; margin: .3rem 1rem .3rem 0; }
video { width: 320px; max-width: 100%; background: #000; border-radius: 6px; }
#action-result { display: block; position: sticky; bottom: 0; background: var(--panel); border-top: 1px solid var(--line); padding: .4rem 1rem; font-size: .9rem; min-height: 1.8rem; }
#action-result:empty { display: none; }
#action-result.error { color: #c94040; }
@media (max-width: 640px) { body { font-size: 14px; } section { padding: .6rem; } th, td { padding: .3rem; } }
`;

/** The page script (plain ES2020, no build). */
export const DASHBOARD_JS = `
(() => {
  'use strict';
  const base = '/_emulator/dashboard';
  const status = document.getElementById('live-status');
  const result = document.getElementById('action-result');
  let running = false;
  let again = false;

  async function refresh() {
    if (running) { again = true; return; }
    running = true;
    try {
      const response = await fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      for (const fresh of page.querySelectorAll('[data-live]')) {
        const current = document.getElementById(fresh.id);
        if (current && current.outerHTML !== fresh.outerHTML) current.replaceWith(document.importNode(fresh, true));
      }
    } catch (error) {
      // The emulator may be gone; the live feed says so.
    } finally {
      running = false;
      if (again) { again = false; refresh(); }
    }
  }

  function say(text, isError) {
    result.textContent = text;
    result.classList.toggle('error', !!isError);
  }

  async function act(action, body) {
    const response = await fetch(base + '/actions/' + action, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let json = {};
    try { json = text ? JSON.parse(text) : {}; } catch (error) { json = { message: text }; }
    if (!response.ok) throw new Error(json.message || ('HTTP ' + response.status));
    return json;
  }

  function formBody(form) {
    const body = {};
    for (const element of form.elements) {
      if (!element.name) continue;
      if (element.type === 'checkbox') { if (element.checked) body[element.name] = true; continue; }
      if (element.value === '') continue;
      body[element.name] = element.type === 'number' ? Number(element.value) : element.value;
    }
    return body;
  }

  document.addEventListener('submit', async (event) => {
    const form = event.target.closest('form[data-action]');
    if (!form) return;
    event.preventDefault();
    const action = form.dataset.action;
    try {
      const answer = await act(action, formBody(form));
      const ids = Object.entries(answer).filter(([key]) => /Id$|^id$/.test(key)).map(([key, value]) => key + ' ' + value);
      say(action + ': done' + (ids.length ? ' (' + ids.join(', ') + ')' : ''));
      if (action === 'create-session' && answer.sessionId) {
        location.assign(base + '/sessions/' + encodeURIComponent(answer.sessionId));
        return;
      }
    } catch (error) {
      say(action + ': ' + error.message, true);
    }
    refresh();
  });

  async function exportLine(apiKey) {
    const { apiUrl, apiSecret } = await act('credentials', { apiKey });
    return 'export OPENTOK_API_URL=' + apiUrl + ' OPENTOK_API_KEY=' + apiKey + ' OPENTOK_API_SECRET=' + apiSecret;
  }

  document.addEventListener('click', async (event) => {
    const reveal = event.target.closest('[data-reveal]');
    const copy = event.target.closest('[data-copy]');
    const apiKey = (reveal && reveal.dataset.reveal) || (copy && copy.dataset.copy);
    if (!apiKey) return;
    try {
      const line = await exportLine(apiKey);
      const code = document.querySelector('[data-export="' + CSS.escape(apiKey) + '"]');
      if (reveal && code) code.textContent = line;
      if (copy) {
        try { await navigator.clipboard.writeText(line); say('Copied the export line.'); }
        catch (error) { if (code) code.textContent = line; say('Copy was refused: select the line to copy it.', true); }
      }
    } catch (error) {
      say(error.message, true);
    }
  });

  if (typeof EventSource === 'function') {
    const live = new EventSource(base + '/live');
    live.addEventListener('open', () => { status.textContent = 'live'; });
    live.addEventListener('error', () => { status.textContent = 'reconnecting…'; });
    live.addEventListener('change', () => refresh());
  }
})();
`;
