// Starts the real CampusCompanion web host (the build's own output) on a free loopback port for a test file.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

export function webDll() {
  const configuration = process.env.CC_CONFIGURATION || 'Debug';
  const dll = join(repo, 'src', 'CampusCompanion.Web', 'bin', configuration, 'net10.0', 'CampusCompanion.Web.dll');
  if (!existsSync(dll)) throw new Error(`Build the solution first: ${dll} is missing`);
  return dll;
}

/** Starts a server; `settings` become --Key value arguments (e.g. {'DirectLine:TokenLifetime': '00:00:02'}). */
export async function startServer(settings = {}) {
  const port = await freePort();
  const args = [webDll(), '--urls', `http://127.0.0.1:${port}`, '--Logging:LogLevel:Default', 'Warning'];
  for (const [key, value] of Object.entries(settings)) args.push(`--${key}`, String(value));
  const child = spawn('dotnet', args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', d => { output += d; });
  child.stderr.on('data', d => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output}`);
    try {
      const r = await fetch(`${base}/api/webchat/config`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error(`server did not start: ${output}`); }
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    base,
    domain: `${base}/v3/directline`,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
    }
  };
}

/** A per-visitor token from the widget's endpoint, as the page gets it. */
export async function visitorToken(server) {
  const r = await fetch(`${server.base}/api/webchat/token`, { method: 'POST' });
  if (!r.ok) throw new Error(`token endpoint answered ${r.status}`);
  return r.json();
}
