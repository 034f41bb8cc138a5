import type { Link, Res, Value } from '../xml/resource.js';

/** The UTF-8 BOM that older EM versions put before JSON bodies; off by default (EM 10+ clients choke on it). */
export const BOM = '\ufeff';
const TRAILING = new Set(['Name', 'UID', 'Href', 'Type']);

function linkJson(link: Link): Record<string, string> {
  const out: Record<string, string> = { Rel: link.rel, Href: link.href };
  if (link.name !== undefined) out.Name = link.name;
  if (link.type !== undefined) out.Type = link.type;
  return out;
}

function valueJson(value: Value): unknown {
  if (value === null || value === '') return null;
  if (Array.isArray(value)) return value.map(resJson);
  if (typeof value === 'object') return resJson(value as Res);
  return value;
}

/**
 * EM's JSON shape (docs/em-protocol.md, "JSON and its oddities"): derived-type fields first, then Name, UID, Links, Href, Type;
 * empty scalars become null (docs/em-protocol.md, "JSON details"); a list becomes `{listKey: [...]}`.
 */
export function resJson(res: Res): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of res.attrs) if (!TRAILING.has(name)) out[name] = value;
  if (res.text !== undefined) out.Value = res.text;
  for (const [name, value] of res.fields) {
    if (value === undefined) continue;
    const prev = out[name];
    // Repeated elements (`<Days>` x 7) become one array.
    if (prev === undefined) out[name] = valueJson(value);
    else out[name] = [...(Array.isArray(prev) ? prev : [prev]), valueJson(value)];
  }
  if (res.items) out[res.listKey ?? res.tag] = res.items.map(resJson);
  const attr = (name: string): unknown => res.attrs.find(([n]) => n === name)?.[1];
  if (attr('Name') !== undefined) out.Name = attr('Name');
  if (attr('UID') !== undefined) out.UID = attr('UID');
  if (res.links) out.Links = res.links.map(linkJson);
  if (attr('Href') !== undefined) out.Href = attr('Href');
  if (attr('Type') !== undefined) out.Type = attr('Type');
  return out;
}

/** Serializes a response body as JSON (no BOM; the caller adds it when asked). */
export function writeJson(res: Res): string {
  return JSON.stringify(resJson(res));
}
