import type { RunningSimulator } from '../../../src/simulator/index.js';
import { basic } from './sim-helpers.js';
import { plain } from './xml-shape.js';

/** Logs on as `user` and returns the token. */
export async function logonAs(sim: RunningSimulator, user: string, password = user): Promise<string> {
  const res = await fetch(`${sim.url}sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: basic(user, password) },
  });
  if (res.status !== 201) throw new Error(`logon as ${user} failed: ${res.status}`);
  return res.headers.get('x-restsvcsessionid') ?? '';
}

/** A call below /api/ with a token; XML bodies are parsed with the plain parser. */
export async function call(
  sim: RunningSimulator,
  method: string,
  path: string,
  token: string,
  accept = 'application/xml',
): Promise<{ status: number; text: string; xml: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'X-RestSvcSessionId': token, Accept: accept },
  });
  const text = await res.text();
  const xml = text.startsWith('<')
    ? (plain.parse(text) as Record<string, unknown>)
    : ({} as Record<string, unknown>);
  return { status: res.status, text, xml };
}

/** A job or plan from an entity list: guid, name and type. */
export interface Target {
  guid: string;
  name: string;
  jobType: string;
}

/** Jobs (`jobs`) or plans (`cloud/cloudFailoverPlans`) as entities. */
export async function targets(
  sim: RunningSimulator,
  token: string,
  path: string,
  tag: string,
): Promise<Target[]> {
  const { xml } = await call(sim, 'GET', `${path}?format=Entity`, token);
  const root = Object.entries(xml).find(([k, v]) => !k.startsWith('?') && typeof v === 'object')?.[1];
  const found = (root as Record<string, unknown>)[tag];
  const items = (Array.isArray(found) ? found : [found]) as Record<string, unknown>[];
  return items.map((i) => ({
    guid: String(i.UID).split(':').pop() ?? '',
    name: String(i.Name),
    jobType: String(i.JobType ?? ''),
  }));
}

/** A Task body's element values. */
export interface TaskView {
  id: string;
  state: string;
  operation: string;
  success?: string;
  message?: string;
  links: { Rel: string; Href: string; Type?: string }[];
}

/** Reads a `Task` from a parsed XML body. */
export function taskOf(xml: Record<string, unknown>): TaskView {
  const t = xml.Task as Record<string, unknown>;
  const result = t.Result as Record<string, unknown> | undefined;
  const links = ((t.Links as Record<string, unknown>).Link ?? []) as TaskView['links'];
  return {
    id: String(t.TaskId),
    state: String(t.State),
    operation: String(t.Operation),
    ...(result ? { success: String(result.Success), message: String(result.Message) } : {}),
    links,
  };
}

/** The root element `tag` of a parsed body (unwrapping the plain parser's arrays). */
export function rootOf(xml: Record<string, unknown>, tag: string): Record<string, unknown> {
  const value = xml[tag];
  return (Array.isArray(value) ? value[0] : value) as Record<string, unknown>;
}
