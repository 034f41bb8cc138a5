import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src/simulator/index.js';

/** 2025-11-20T12:00:00Z: a fixed scenario start so runs are comparable. */
import { START } from '../../helpers/time.js';

export { START };

/** Starts a small, deterministic simulator on 127.0.0.1:0 with a manual clock and no live scenario. */
export function startTestSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ history: 500, live: false, clock: { manual: true, startTime: START }, ...options });
}

export const basic = (user = 'demo', password = 'demo'): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Logs on and returns the token. */
export async function logon(sim: RunningSimulator): Promise<string> {
  const res = await fetch(`${sim.url}sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: basic() },
  });
  if (res.status !== 201) throw new Error(`logon failed: ${res.status}`);
  return res.headers.get('x-restsvcsessionid') ?? '';
}

/** GET below /api/ with a token; returns status, headers and text. */
export async function apiGet(
  sim: RunningSimulator,
  path: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${sim.url}${path}`, { headers: { 'X-RestSvcSessionId': token, ...headers } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** A JSON call to the control API. */
export async function control(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sim.origin}/_sim/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
