// Token lifetimes and the secret, against a server configured with short lifetimes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, visitorToken } from './server.mjs';

let server;
const secret = 'test-secret-' + Math.random().toString(36).slice(2);
before(async () => {
  server = await startServer({ 'DirectLine:Secret': secret, 'DirectLine:TokenLifetime': '00:00:03', 'DirectLine:StreamUrlLifetime': '00:00:02' });
});
after(async () => { await server?.stop(); });

const wait = ms => new Promise(r => setTimeout(r, ms));

test('the secret generates conversation tokens; a token refreshes within its lifetime and expires after it', async () => {
  const generated = await fetch(`${server.domain}/tokens/generate`, {
    method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ user: { id: 'parent1' } })
  });
  assert.equal(generated.status, 200);
  const { token, conversationId, expires_in } = await generated.json();
  assert.equal(expires_in, 3);
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  assert.equal(claims.user, 'dl_parent1');
  assert.equal(claims.conv, conversationId);

  const refreshed = await fetch(`${server.domain}/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  assert.equal(refreshed.status, 200);
  assert.equal((await refreshed.json()).conversationId, conversationId);

  await wait(3500);
  const expired = await fetch(`${server.domain}/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  assert.equal(expired.status, 403);
  assert.equal((await expired.json()).error.code, 'TokenExpired');
});

test('a stream URL must be used soon after it is handed out', async () => {
  const { token } = await visitorToken(server);
  const { streamUrl } = await (await fetch(`${server.domain}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json();
  await wait(2500);
  const status = await new Promise(resolve => {
    const socket = new WebSocket(streamUrl);
    socket.on('unexpected-response', (_, response) => resolve(response.statusCode));
    socket.on('open', () => { socket.close(); resolve(101); });
    socket.on('error', () => {});
  });
  assert.equal(status, 403);
});

test('tokens/generate refuses anything but the secret', async () => {
  const r = await fetch(`${server.domain}/tokens/generate`, { method: 'POST', headers: { Authorization: 'Bearer not-the-secret' } });
  assert.equal(r.status, 403);
  assert.equal((await fetch(`${server.domain}/tokens/generate`, { method: 'POST' })).status, 403);
});

test('the widget token endpoint is rate limited per visitor address', async () => {
  const statuses = [];
  for (let i = 0; i < 12; i++) statuses.push((await fetch(`${server.base}/api/webchat/token`, { method: 'POST' })).status);
  assert.ok(statuses.includes(429), `expected a 429 among ${statuses}`);
});
