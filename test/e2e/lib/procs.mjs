// Process-group, port and memory helpers shared by the e2e runner and `npm start`.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function groupAlive(pgid) {
  if (!pgid) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export function processAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

export function killGroup(pgid, signal) {
  if (!pgid) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM to the group, SIGKILL after graceMs; resolves true once the group is empty. */
export async function stopGroup(pgid, graceMs) {
  if (!groupAlive(pgid)) return true;
  killGroup(pgid, 'SIGTERM');
  for (const [signal, waitMs] of [[undefined, graceMs], ['SIGKILL', 5_000]]) {
    if (signal) killGroup(pgid, signal);
    const end = Date.now() + waitMs;
    while (groupAlive(pgid) && Date.now() < end) await sleep(100);
    if (!groupAlive(pgid)) return true;
  }
  return false;
}

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** HTTP status of a GET, 0 when nothing answers. */
export function httpStatus(url, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** PSS and RSS in bytes summed over this process and every member of `pgids`. */
export function memoryOf(pgids) {
  const groups = new Set(pgids.filter(Boolean));
  let pss = 0;
  let rss = 0;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (Number(name) !== process.pid) {
        const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
        const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        if (!groups.has(pgid)) continue;
      }
      const rollup = fs.readFileSync(`/proc/${name}/smaps_rollup`, 'utf8');
      pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
      rss += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {
      // the process went away
    }
  }
  return { pss, rss };
}
