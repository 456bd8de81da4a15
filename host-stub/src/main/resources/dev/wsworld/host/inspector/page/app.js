// The inspector's page. Everything the host sends is data: names and values arrive already escaped
// and cut the way the console shows them, and go into the page with textContent only.
import { el, clear, byId } from './dom.js';
import { prettyJson, formatTime, hexFromBase64, count } from './view.js';

const MAX_EVENTS = 2000;
const MAX_LOG = 50;
const PAGE = 500;

const token = new URLSearchParams(location.search).get('token') ?? '';
const state = {
  world: null,
  epoch: 0,
  nodes: new Map(), // slot path -> { li, kids (ul), open }
  selected: null, // component id
  client: false,
  fields: new Map(), // field name -> { row, current, input, error }
  componentFilter: null,
  events: [], // { data, li }
  paused: false,
  held: [],
  heldDropped: 0,
  missed: 0,
  refs: new Map(), // ref -> what to do with the result
  nextRef: 1,
  prompts: new Map(), // id -> dialog
  revealing: null,
};
let socket;

// ------------------------------------------------------------------ the connection to the host

function connect() {
  socket = new WebSocket(`ws://${location.host}/socket?token=${encodeURIComponent(token)}`);
  socket.addEventListener('open', () => setLink('live', 'live'));
  socket.addEventListener('close', () => setLink('down', 'disconnected: reload the page to reconnect'));
  socket.addEventListener('message', (message) => handle(JSON.parse(message.data)));
}

function setLink(kind, text) {
  const link = byId('link');
  link.className = `link ${kind}`;
  link.textContent = text;
  document.body.dataset.link = kind;
}

function send(request) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(request));
}

/** Runs a console command through the host; `then` gets {ok, error, lines}. */
function command(words, then) {
  const ref = state.nextRef++;
  state.refs.set(ref, then ?? (() => {}));
  send({ op: 'command', ref, world: state.world, words });
}

function handle(m) {
  if (m.epoch !== undefined && m.epoch !== state.epoch && m.op !== 'watching') return;
  switch (m.op) {
    case 'host': return showHost(m);
    case 'watching': return watching(m);
    case 'slot': return showListing(m);
    case 'gone': return gone(m.path);
    case 'revealed': return revealed(m.path);
    case 'results': return showResults(m);
    case 'selected': return selected(m);
    case 'fields': return showFields(m);
    case 'connection': return showConnection(m);
    case 'events': return showEvents(m);
    case 'result': return result(m);
    case 'error': return log(m.text, true);
    default: return undefined;
  }
}

function result(m) {
  const then = state.refs.get(m.ref);
  state.refs.delete(m.ref);
  for (const line of m.lines) log(line, false);
  if (!m.ok) log(m.error, true);
  if (then) then(m);
}

function log(text, error) {
  const list = byId('log');
  list.prepend(el('li', { className: error ? 'error' : '', text }));
  while (list.children.length > MAX_LOG) list.lastChild.remove();
}

// ------------------------------------------------------------------ the host: worlds, prompts, lists

function showHost(m) {
  const picker = byId('world');
  const names = m.worlds.map((w) => w.name);
  clear(picker);
  for (const world of m.worlds) {
    const option = el('option', { text: world.shown });
    option.value = world.name;
    picker.append(option);
  }
  if (state.world !== null && names.includes(state.world)) {
    picker.value = state.world;
  } else if (names.length > 0) {
    picker.value = names[0];
    send({ op: 'watch', world: names[0] });
  }
  showPrompts(m.prompts, m.answers);
  const grants = byId('grants');
  clear(grants);
  for (const grant of m.grants) {
    grants.append(el('li', { className: 'grant' },
      el('span', { text: `${grant.shown} ${grant.answer}` }),
      el('button', { type: 'button', text: 'Revoke',
        on: { click: () => command(['revoke', grant.user, grant.hostPort]) } })));
  }
  if (m.grants.length === 0) grants.append(el('li', { className: 'note', text: 'none' }));
  const plugins = byId('plugins');
  clear(plugins);
  for (const plugin of m.plugins) {
    plugins.append(el('li', { className: 'plugin' },
      el('span', { text: `${plugin.shown} ${plugin.version} ${plugin.state}` }),
      el('button', { type: 'button', text: 'Reload',
        on: { click: () => command(['plugin', 'reload', plugin.id]) } })));
  }
  const problems = byId('problems');
  clear(problems);
  for (const problem of m.problems) problems.append(el('li', { className: 'error', text: problem }));
}

function showPrompts(prompts, answers) {
  const box = byId('prompts');
  const open = new Set(prompts.map((p) => p.id));
  for (const [id, dialog] of state.prompts) {
    if (!open.has(id)) { dialog.remove(); state.prompts.delete(id); }
  }
  for (const prompt of prompts) {
    if (state.prompts.has(prompt.id)) continue;
    const error = el('p', { className: 'error' });
    const buttons = el('div', { className: 'buttons' });
    for (const word of answers) {
      const label = word.charAt(0).toUpperCase() + word.slice(1);
      buttons.append(el('button', { type: 'button', text: label, data: { answer: word },
        on: { click: () => command(['answer', String(prompt.id), word], (r) => {
          error.textContent = r.ok ? '' : r.error;
        }) } }));
    }
    const dialog = el('dialog', { className: 'prompt', data: { prompt: String(prompt.id) } },
      el('h2', { text: `Consent #${prompt.id}: ${prompt.user} is asked to allow a connection` }),
      el('p', { className: 'destination', text: `to ${prompt.destination}, in world ${prompt.shownWorld}` }),
      el('p', { className: 'summary', text: prompt.summary }),
      buttons, error);
    box.append(dialog);
    dialog.show();
    state.prompts.set(prompt.id, dialog);
  }
}

// ------------------------------------------------------------------ one world: the slot tree

function watching(m) {
  state.epoch = m.epoch;
  state.world = m.world;
  byId('world').value = m.world;
  state.nodes.clear();
  const tree = byId('tree');
  clear(tree);
  state.nodes.set('', { li: null, kids: tree, open: true });
  clear(byId('results'));
  byId('search-info').textContent = '';
  state.events = [];
  clear(byId('events'));
  state.held = [];
  state.missed = 0;
  byId('missed').textContent = '';
  setComponentFilter(null);
  selected({ component: null });
  send({ op: 'open', path: '' });
  const search = byId('search').value;
  if (search) send({ op: 'search', text: search });
}

function showListing(m) {
  const node = state.nodes.get(m.path);
  if (!node || !node.open) return;
  if (!node.kids) { node.listing = m; return; } // revealed, drawn when its parent's listing comes
  if (node.li) fillComponents(node.li.querySelector(':scope > ul.components'), m.components);
  const kids = node.kids;
  const keep = new Map();
  for (const child of m.children) {
    const known = state.nodes.get(child.path);
    if (known && known.li && known.li.parentNode === kids) keep.set(child.path, known);
  }
  for (const [path, known] of state.nodes) {
    if (known.li && known.li.parentNode === kids && !keep.has(path)) forget(path);
  }
  clear(kids);
  for (const child of m.children) {
    const known = keep.get(child.path);
    const li = known ? known.li : slotItem(child);
    if (known) {
      li.querySelector(':scope > .row > .slot-name').textContent = child.name;
      setToggle(li, child.children, known.open);
      fillComponents(li.querySelector(':scope > ul.components'), child.components);
    }
    kids.append(li);
  }
  if (m.total > m.children.length) {
    kids.append(el('li', { className: 'more' },
      el('button', { type: 'button', text: `show ${Math.min(PAGE, m.total - m.children.length)} more of ${m.total}`,
        on: { click: () => send({ op: 'open', path: m.path, limit: m.children.length + PAGE }) } })));
  }
  if (m.total === 0 && m.path !== '') kids.append(el('li', { className: 'note', text: 'no child slots' }));
  if (state.revealing) highlight(state.revealing);
}

function slotItem(child) {
  const li = el('li', { className: 'slot', data: { path: child.path } });
  const toggle = el('button', { type: 'button', className: 'toggle', on: { click: () => toggleSlot(child.path) } });
  const name = el('span', { className: 'slot-name', text: child.name });
  li.append(el('div', { className: 'row' }, toggle, name), el('ul', { className: 'components' }));
  const pending = state.nodes.get(child.path);
  const node = { li, kids: null, open: false };
  state.nodes.set(child.path, node);
  setToggle(li, child.children, false);
  fillComponents(li.querySelector(':scope > ul.components'), child.components);
  if (pending && pending.pending) {
    // a slot being revealed: open, with its listing if it came first
    node.open = true;
    node.kids = el('ul', { className: 'children' });
    li.append(node.kids);
    setToggle(li, 1, true);
    if (pending.listing) queueMicrotask(() => showListing(pending.listing));
  }
  return li;
}

function setToggle(li, children, open) {
  const toggle = li.querySelector(':scope > .row > .toggle');
  toggle.textContent = children === 0 ? '·' : open ? '▾' : '▸';
  toggle.disabled = children === 0;
  toggle.title = children === 0 ? 'no child slots' : `${children} child slot${children === 1 ? '' : 's'}`;
}

function fillComponents(list, components) {
  if (!list) return;
  clear(list);
  for (const c of components) {
    const item = el('li', { className: 'component', data: { component: c.id },
      text: `#${c.number} ${c.type}${c.inert ? ' (inert)' : ''}`,
      on: { click: () => select(c.id) } });
    if (c.id === state.selected) item.classList.add('selected');
    list.append(item);
  }
}

function toggleSlot(path) {
  const node = state.nodes.get(path);
  if (!node) return;
  if (node.open) {
    closeSlot(path);
    send({ op: 'close', path });
  } else {
    openSlot(path);
  }
}

function openSlot(path) {
  const node = state.nodes.get(path);
  if (!node || node.open) return;
  node.open = true;
  node.kids = el('ul', { className: 'children' }, el('li', { className: 'note', text: 'loading…' }));
  node.li.append(node.kids);
  setToggle(node.li, 1, true);
  send({ op: 'open', path });
}

function closeSlot(path) {
  const node = state.nodes.get(path);
  if (!node || !node.open) return;
  for (const [other, known] of state.nodes) {
    if (other.startsWith(`${path}/`) && known.open) send({ op: 'close', path: other });
    if (other.startsWith(`${path}/`)) state.nodes.delete(other);
  }
  node.open = false;
  node.kids.remove();
  node.kids = null;
  setToggle(node.li, 1, false);
}

function forget(path) {
  for (const other of [...state.nodes.keys()]) {
    if (other === path || other.startsWith(`${path}/`)) state.nodes.delete(other);
  }
}

function gone(path) {
  const node = state.nodes.get(path);
  if (node && node.li) node.li.remove();
  forget(path);
}

function highlight(path) {
  const node = state.nodes.get(path);
  if (!node || !node.li) return;
  for (const old of document.querySelectorAll('.slot.revealed')) old.classList.remove('revealed');
  node.li.classList.add('revealed');
  node.li.scrollIntoView({ block: 'nearest' });
  state.revealing = null;
}

function reveal(path) {
  state.revealing = path;
  // the page marks the ancestors open; the host sends their listings
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const ancestor = parts.slice(0, i).join('/');
    const node = state.nodes.get(ancestor);
    if (node && !node.open) {
      node.open = true;
      node.kids = el('ul', { className: 'children' });
      node.li.append(node.kids);
      setToggle(node.li, 1, true);
    } else if (!node) {
      state.nodes.set(ancestor, { li: null, kids: null, open: true, pending: true });
    }
  }
  send({ op: 'reveal', path });
}

function revealed(path) {
  // ancestors that were not drawn yet when reveal was asked are attached as their listings come
  for (const [p, node] of state.nodes) {
    if (node.pending) state.nodes.delete(p);
  }
  highlight(path);
}

function showResults(m) {
  const list = byId('results');
  clear(list);
  byId('search-info').textContent = m.matches > m.results.length
    ? `${m.matches} slots match; the first ${m.results.length}:` : `${m.matches} slot${m.matches === 1 ? '' : 's'} match`;
  for (const r of m.results) {
    list.append(el('li', {}, el('button', { type: 'button', className: 'result', text: r.shown,
      on: { click: () => reveal(r.path) } })));
  }
}

let searchTimer;
function searchChanged() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    const text = byId('search').value;
    if (text) {
      send({ op: 'search', text });
    } else {
      clear(byId('results'));
      byId('search-info').textContent = '';
    }
  }, 150);
}

// ------------------------------------------------------------------ the selected component

function select(id) {
  send({ op: 'select', component: id });
  setComponentFilter(id);
}

function selected(m) {
  state.selected = m.component;
  state.client = Boolean(m.client);
  state.fields.clear();
  for (const old of document.querySelectorAll('.component.selected')) old.classList.remove('selected');
  const body = byId('fields').querySelector('tbody');
  clear(body);
  byId('fields').hidden = m.component === null;
  byId('connection').hidden = !(m.component !== null && m.client);
  for (const id of ['send-error', 'node-error']) byId(id).textContent = '';
  if (m.component === null) {
    byId('component-title').textContent = 'No component selected';
    return;
  }
  byId('component-title').textContent = `${m.shown} ${m.type}${m.inert ? ' (inert: no running plugin provides it)' : ''}`;
  for (const item of document.querySelectorAll('.component')) {
    if (item.dataset.component === m.component) item.classList.add('selected');
  }
}

function showFields(m) {
  if (m.component !== state.selected) return;
  const body = byId('fields').querySelector('tbody');
  if (m.all) { clear(body); state.fields.clear(); }
  for (const f of m.fields) {
    let row = state.fields.get(f.name);
    if (!row) {
      row = fieldRow(f);
      state.fields.set(f.name, row);
      body.append(row.tr);
    }
    row.current.textContent = f.value;
    if (row.input && document.activeElement !== row.input && !row.edited) row.input.value = f.value;
  }
}

function fieldRow(f) {
  const tr = el('tr', { data: { field: f.name } });
  const current = el('span', { className: 'current' });
  const cell = el('td', { className: 'value' }, current);
  const row = { tr, current, input: null, error: null, edited: false };
  if (!f.readOnly) {
    const input = el('input', { className: 'edit', title: `new value of ${f.shownName}` });
    const error = el('span', { className: 'error' });
    const apply = () => {
      const component = state.selected;
      command(['set', component, f.name, input.value], (r) => {
        error.textContent = r.ok ? '' : r.error;
        if (r.ok) row.edited = false;
      });
    };
    input.addEventListener('input', () => { row.edited = true; });
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') apply(); });
    cell.append(el('div', { className: 'editor' }, input,
      el('button', { type: 'button', className: 'set', text: 'Set', on: { click: apply } }), error));
    row.input = input;
    row.error = error;
  }
  tr.append(el('td', { className: 'name', text: f.shownName }), el('td', { className: 'type', text: f.type }), cell);
  return row;
}

function showConnection(m) {
  if (m.component !== state.selected) return;
  const badge = byId('badge');
  badge.textContent = m.state;
  badge.className = `badge state-${m.state.toLowerCase().replace(/[^a-z]/g, '')}`;
  byId('conn-user').textContent = m.user || '-';
  byId('conn-role').textContent = m.role || '-';
  byId('conn-subprotocol').textContent = m.subprotocol === undefined || m.subprotocol === null
    ? '-' : m.subprotocol === '' ? '(none)' : m.subprotocol;
  byId('conn-compression').textContent = m.compressed === undefined || m.compressed === null
    ? '-' : m.compressed ? 'permessage-deflate' : 'off';
  byId('conn-in').textContent = `${count(m.messagesIn, 'message')}, ${count(m.bytesIn, 'byte')}`;
  byId('conn-out').textContent = `${count(m.messagesOut, 'message')}, ${count(m.bytesOut, 'byte')}`;
  byId('conn-close').textContent = m.closeCode === undefined || m.closeCode === null
    ? '-' : `${m.closeCode} ${m.closeReason ?? ''}`;
  byId('conn-error').textContent = m.lastError || '-';
}

function nodeCommand(words, errorId) {
  const id = state.selected;
  if (!id) return;
  byId(errorId).textContent = '';
  command(words(id), (r) => { byId(errorId).textContent = r.ok ? '' : r.error; });
}

function sendMessage() {
  const kind = byId('send-kind').value;
  const text = byId('send-text').value;
  if (kind === 'text') {
    nodeCommand((id) => ['send', id, 'text', text], 'send-error');
    return;
  }
  let hex = text.replace(/\s+/g, '');
  if (kind === 'base64') {
    try {
      hex = hexFromBase64(text);
    } catch (e) {
      byId('send-error').textContent = 'expected base64 bytes like AP8Q, not that';
      return;
    }
  }
  nodeCommand((id) => ['send', id, 'binary', hex], 'send-error');
}

// ------------------------------------------------------------------ the event stream

function showEvents(m) {
  if (m.missed > 0) {
    state.missed += m.missed;
    byId('missed').textContent = `${count(state.missed, 'event')} missed: the page fell behind`;
  }
  for (const e of m.events) {
    if (state.paused) {
      state.held.push(e);
      if (state.held.length > MAX_EVENTS) { state.held.shift(); state.heldDropped++; }
    } else {
      addEvent(e);
    }
  }
  showHeld();
}

function addEvent(e) {
  const data = el('pre', { className: 'data', text: byId('pretty').checked ? prettyJson(e.data) : e.data });
  const li = el('li', { className: `event event-${e.name.replace(/[^A-Za-z]/g, '')}`, data: { component: e.component },
    title: 'show this component', on: { click: () => eventClicked(e) } },
  el('span', { className: 'time', text: `${formatTime(e.timeMs)} · tick ${e.tick}` }),
  el('span', { className: 'source', text: e.shownComponent }),
  el('span', { className: 'name', text: e.name }),
  data);
  const entry = { e, li, data };
  li.hidden = !matches(e);
  state.events.push(entry);
  byId('events').append(li);
  if (state.events.length > MAX_EVENTS) state.events.shift().li.remove();
}

function eventClicked(e) {
  select(e.component);
  reveal(e.slot);
}

function matches(e) {
  const slot = byId('filter-slot').value.toLowerCase();
  const name = byId('filter-name').value.toLowerCase();
  const text = byId('filter-text').value.toLowerCase();
  return (state.componentFilter === null || e.component === state.componentFilter)
    && (!slot || e.shownSlot.toLowerCase().includes(slot))
    && (!name || e.name.toLowerCase().includes(name))
    && (!text || e.data.toLowerCase().includes(text) || e.shownComponent.toLowerCase().includes(text));
}

function refilter() {
  for (const entry of state.events) entry.li.hidden = !matches(entry.e);
}

function setComponentFilter(id) {
  state.componentFilter = id;
  byId('component-filter').hidden = id === null;
  byId('component-filter-name').textContent = id === null ? '' : id;
  refilter();
}

function showHeld() {
  byId('paused-count').textContent = state.paused && state.held.length > 0
    ? `${count(state.held.length + state.heldDropped, 'new event')} held` : '';
}

function togglePause() {
  state.paused = !state.paused;
  byId('pause').textContent = state.paused ? 'Resume' : 'Pause';
  if (!state.paused) {
    for (const e of state.held) addEvent(e);
    state.held = [];
    state.heldDropped = 0;
  }
  showHeld();
}

function rePretty() {
  const pretty = byId('pretty').checked;
  for (const entry of state.events) entry.data.textContent = pretty ? prettyJson(entry.e.data) : entry.e.data;
}

// ------------------------------------------------------------------ wiring

byId('world').addEventListener('change', (e) => send({ op: 'watch', world: e.target.value }));
byId('search').addEventListener('input', searchChanged);
for (const id of ['filter-slot', 'filter-name', 'filter-text']) byId(id).addEventListener('input', refilter);
byId('component-filter-clear').addEventListener('click', () => setComponentFilter(null));
byId('pause').addEventListener('click', togglePause);
byId('pretty').addEventListener('change', rePretty);
byId('connect').addEventListener('click', () => nodeCommand((id) => ['connect', id], 'node-error'));
byId('disconnect').addEventListener('click', () => nodeCommand((id) => ['disconnect', id], 'node-error'));
byId('send').addEventListener('click', sendMessage);
connect();
