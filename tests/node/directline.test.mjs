// Drives the running server with Microsoft's own Direct Line client, botframework-directlinejs, unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import XMLHttpRequest from 'xhr2';
import directline from 'botframework-directlinejs';
import { startServer, visitorToken } from './server.mjs';

// DirectLineJS is a browser library: give it the browser globals it expects.
globalThis.XMLHttpRequest = XMLHttpRequest;
globalThis.WebSocket = WebSocket;
const { DirectLine, ConnectionStatus } = directline;

let server;
before(async () => { server = await startServer({ 'DirectLine:KeepAliveInterval': '00:00:01' }); });
after(async () => { await server?.stop(); });

const sequence = id => Number(id.split('|')[1]);

/** Collects every activity a client sees, and waits for conditions on them. */
function watch(client) {
  const seen = [];
  const waiters = [];
  const subscription = client.activity$.subscribe(a => {
    seen.push(a);
    for (const w of [...waiters]) if (w.check()) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  });
  return {
    seen,
    until(predicate, what, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const w = { check: () => predicate(seen), resolve };
        if (w.check()) return resolve();
        waiters.push(w);
        setTimeout(() => reject(new Error(`timed out waiting for ${what}; saw ${JSON.stringify(seen.map(a => [a.id, a.type, a.text]))}`)), ms);
      });
    },
    stop: () => subscription.unsubscribe()
  };
}

function post(client, activity) {
  return new Promise((resolve, reject) => client.postActivity(activity).subscribe(resolve, reject));
}

const botTexts = seen => seen.filter(a => a.type === 'message' && a.from.role === 'bot').map(a => a.text);

async function conversationOver(webSocket) {
  const { token } = await visitorToken(server);
  const client = new DirectLine({ token, domain: server.domain, webSocket, pollingInterval: 200 });
  const log = watch(client);
  const id = await post(client, { type: 'message', from: { id: 'ignored-by-server', name: 'Sara' }, text: 'hoi', channelData: { clientActivityID: 'c-1', audience: 'student' } });
  assert.match(id, /\|0000001$/);
  await log.until(s => botTexts(s).includes('Waar zal ik je mee helpen?'), 'the welcome menu');
  const echo = log.seen.find(a => a.id === id);
  assert.equal(echo.channelData.clientActivityID, 'c-1', 'the echo carries the client activity id');
  assert.equal(echo.from.role, 'user');
  assert.ok(echo.from.id.startsWith('dl_'), 'the token decides the user id');
  assert.ok(log.seen.filter(a => a.from.role === 'bot').every(a => a.id && a.timestamp && a.conversation.id === echo.conversation.id));
  const menu = log.seen.findLast(a => a.text === 'Waar zal ik je mee helpen?');
  assert.ok(menu.suggestedActions.actions.length >= 4, 'the menu offers the journeys');
  assert.ok(menu.suggestedActions.actions.every(a => a.type === 'imBack'), 'menu buttons are imBack');

  await post(client, { type: 'message', from: { id: 'x' }, text: menu.suggestedActions.actions[0].value });
  await log.until(s => botTexts(s).some(t => t.startsWith('Wat is voor jou de belangrijkste reden')), 'the first reflection question');
  const ids = log.seen.map(a => sequence(a.id));
  assert.deepEqual(ids, [...new Set(ids)], 'no duplicates');
  log.stop();
  client.end();
}

test('a conversation over the WebSocket stream', () => conversationOver(true));

test('the same conversation over polling', () => conversationOver(false));

test('reconnecting with the last watermark gets exactly what was missed', async () => {
  const { token, conversationId } = await visitorToken(server);
  const first = new DirectLine({ token, domain: server.domain, webSocket: true });
  const log1 = watch(first);
  await post(first, { type: 'message', from: { id: 'x' }, text: 'hallo', channelData: { audience: 'student' } });
  await log1.until(s => botTexts(s).includes('Waar zal ik je mee helpen?'), 'the menu');
  const lastSeen = Math.max(...log1.seen.map(a => sequence(a.id)));
  log1.stop();
  first.end();

  // While this client is away, the conversation goes on (another tab posts).
  const missed = await fetch(`${server.domain}/conversations/${conversationId}/activities`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'x' }, text: '1' })
  });
  assert.equal(missed.status, 200);

  const second = new DirectLine({ token, conversationId, watermark: String(lastSeen), domain: server.domain, webSocket: true });
  const log2 = watch(second);
  await log2.until(s => botTexts(s).some(t => t.startsWith('Wat is voor jou de belangrijkste reden')), 'the missed reply');
  const received = log2.seen.map(a => sequence(a.id));
  assert.ok(received.every(n => n > lastSeen), `no duplicates of what was seen before (${received})`);
  assert.deepEqual(received, Array.from({ length: received.length }, (_, i) => lastSeen + 1 + i), 'nothing missed, in order');
  log2.stop();
  second.end();
});

test('a token for one conversation cannot touch another', async () => {
  const a = await visitorToken(server);
  const b = await visitorToken(server);
  const start = await fetch(`${server.domain}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${b.token}` } });
  assert.equal(start.status, 201);
  for (const [method, path, body] of [
    ['GET', `/conversations/${b.conversationId}/activities`],
    ['POST', `/conversations/${b.conversationId}/activities`, JSON.stringify({ type: 'message', text: 'hi' })],
    ['GET', `/conversations/${b.conversationId}?watermark=`]
  ]) {
    const r = await fetch(server.domain + path, { method, body, headers: { Authorization: `Bearer ${a.token}`, 'Content-Type': 'application/json' } });
    assert.equal(r.status, 403, `${method} ${path}`);
    assert.ok((await r.json()).error.code);
  }
  const client = new DirectLine({ token: a.token, conversationId: b.conversationId, domain: server.domain, webSocket: false });
  const status = await new Promise((resolve, reject) => {
    client.connectionStatus$.subscribe(s => {
      if (s === ConnectionStatus.FailedToConnect || s === ConnectionStatus.ExpiredToken) resolve(s);
    });
    client.activity$.subscribe(() => reject(new Error('received an activity of another conversation')), () => {});
    setTimeout(() => reject(new Error('the client was not refused')), 10_000);
  });
  assert.ok([ConnectionStatus.FailedToConnect, ConnectionStatus.ExpiredToken].includes(status));
  client.end();
});

test('bad input gets the right 4xx with a clear body, and the server keeps serving', async () => {
  const { token, conversationId } = await visitorToken(server);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  assert.equal((await fetch(`${server.domain}/conversations`, { method: 'POST', headers })).status, 201);
  const cases = [
    [`/conversations/${conversationId}/activities`, '{"type":"message"', 400, 'BadArgument'],
    [`/conversations/${conversationId}/activities`, '{"text":"no type"}', 400, 'MissingProperty'],
    [`/conversations/${conversationId}/activities`, JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }), 413, 'MessageSizeTooBig'],
    [`/conversations/${conversationId}/upload?userId=u`, 'x', 400, 'NotSupported']
  ];
  for (const [path, body, status, code] of cases) {
    const r = await fetch(server.domain + path, { method: 'POST', headers, body });
    assert.equal(r.status, status, path);
    assert.equal((await r.json()).error.code, code);
  }
  const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  assert.equal((await fetch(`${server.domain}/conversations/${conversationId}/activities`, { headers: { Authorization: `Bearer ${forged}` } })).status, 403);
  assert.equal((await fetch(`${server.domain}/conversations/${conversationId}/activities`)).status, 401);
  const unknown = await visitorToken(server);
  assert.equal((await fetch(`${server.domain}/conversations/${unknown.conversationId}/activities`, { headers: { Authorization: `Bearer ${unknown.token}` } })).status, 404);
  assert.equal((await fetch(`${server.domain}/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status, 403);
  const ok = await fetch(`${server.domain}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'hoi' }) });
  assert.equal(ok.status, 200);
});

test('the stream replays, pushes valid activity sets and sends empty keep-alives', async () => {
  const { token } = await visitorToken(server);
  const started = await (await fetch(`${server.domain}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json();
  assert.match(started.streamUrl, /^ws:\/\//);
  await fetch(`${server.domain}/conversations/${started.conversationId}/activities`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'hoi' })
  });
  const frames = [];
  const socket = new WebSocket(started.streamUrl);
  await new Promise((resolve, reject) => {
    socket.on('message', data => { frames.push(data.toString()); if (frames.some(f => f === '')) resolve(); });
    socket.on('error', reject);
    setTimeout(() => reject(new Error('no keep-alive within 5 s')), 5000);
  });
  socket.send('');
  socket.close();
  const sets = frames.filter(f => f !== '').map(f => JSON.parse(f));
  assert.ok(sets.length >= 1);
  for (const set of sets) {
    assert.ok(Array.isArray(set.activities));
    assert.equal(typeof set.watermark, 'string');
  }
  assert.equal(sets[0].activities[0].text, 'hoi', 'replays what was posted before the socket opened');
  assert.ok(!sets.flatMap(s => s.activities).some(a => a.type === 'conversationUpdate'));
});
