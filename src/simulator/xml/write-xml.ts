import { EM_NS, type Link, type Res, type Scalar, type Value } from './resource.js';

// XML 1.0 forbids most control characters, so they are dropped rather than escaped. Tabs and line ends are
// written as references inside attributes, as .NET's XML writer does: written raw, a parser must turn them into
// spaces (docs/em-protocol.md, "Empty and single-item elements").
// eslint-disable-next-line no-control-regex
const ATTR_SPECIAL = /[&<>"\u0000-\u001f]/;
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function escapeWith(text: string, attr: boolean): string {
  let out = '';
  for (const ch of text) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"' && attr) out += '&quot;';
    else if (attr && (ch === '\t' || ch === '\n' || ch === '\r')) out += `&#${ch.charCodeAt(0)};`;
    else if (ch < ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') continue;
    else out += ch;
  }
  return out;
}

/** Escapes an attribute value (fast path when nothing needs escaping). */
export function escapeAttr(value: Scalar): string {
  const text = String(value);
  return ATTR_SPECIAL.test(text) ? escapeWith(text, true) : text;
}

/** Escapes element text. */
export function escapeText(value: Scalar): string {
  const text = String(value);
  return TEXT_SPECIAL.test(text) ? escapeWith(text, false) : text;
}

function writeLink(link: Link, tag = 'Link'): string {
  let s = `<${tag} Rel="${escapeAttr(link.rel)}"`;
  if (link.type !== undefined) s += ` Type="${escapeAttr(link.type)}"`;
  s += ` Href="${escapeAttr(link.href)}"`;
  if (link.name !== undefined) s += ` Name="${escapeAttr(link.name)}"`;
  return `${s} />`;
}

function writeValue(name: string, value: Value): string {
  if (value === undefined) return '';
  if (value === null || value === '') return `<${name} />`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name} />`;
    let s = `<${name}>`;
    for (const item of value) s += writeElement(item, false);
    return `${s}</${name}>`;
  }
  if (typeof value === 'object') return writeElement(value, false);
  return `<${name}>${escapeText(value)}</${name}>`;
}

function writeElement(res: Res, root: boolean): string {
  let s = `<${res.tag}`;
  if (root) s += ` xmlns="${EM_NS}"`;
  for (const [name, value] of res.attrs) s += ` ${name}="${escapeAttr(value)}"`;
  const empty = !res.links && res.fields.length === 0 && !res.items?.length && !res.text;
  if (empty) return `${s} />`;
  s += '>';
  if (res.text) s += escapeText(res.text);
  if (res.links) {
    s += '<Links>';
    for (const link of res.links) s += writeLink(link);
    s += '</Links>';
  }
  for (const [name, value] of res.fields) s += writeValue(name, value);
  if (res.items) for (const item of res.items) s += writeElement(item, false);
  return `${s}</${res.tag}>`;
}

/** Serializes a response body: XML declaration plus the root element in the EM namespace. */
export function writeXml(res: Res): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${writeElement(res, true)}`;
}

/** A link-shaped element such as `<VmReplicaPointLink Rel=... />` (docs/em-protocol.md, "Cloud failover items"). */
export function linkElement(tag: string, link: Link): Res {
  const attrs: [string, string][] = [['Rel', link.rel]];
  if (link.type !== undefined) attrs.push(['Type', link.type]);
  attrs.push(['Href', link.href]);
  if (link.name !== undefined) attrs.push(['Name', link.name]);
  return { tag, attrs, fields: [] };
}
