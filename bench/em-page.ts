import type { SimProcess } from './sim-process.js';

/** GETs one EM API path with a fresh logon (raw body, no parsing): the bytes the bot's parser would get. */
export async function fetchRawEm(sim: SimProcess, path: string): Promise<string> {
  const basic = Buffer.from(`${sim.user}:${sim.password}`).toString('base64');
  const logon = await fetch(`${sim.url}sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}` },
    signal: AbortSignal.timeout(10_000),
  });
  await logon.text();
  const token = logon.headers.get('x-restsvcsessionid');
  if (!token) throw new Error(`simulator logon failed: ${logon.status}`);
  const res = await fetch(`${sim.url}${path}`, {
    headers: { 'X-RestSvcSessionId': token },
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return body;
}
