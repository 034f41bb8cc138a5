import type { ServerResponse } from 'node:http';
import { BOM, writeJson } from '../json/write-json.js';
import type { Res } from '../xml/resource.js';
import { errorJson, errorRes } from '../xml/serialize-service.js';
import { writeXml } from '../xml/write-xml.js';

/** XML unless the first media type of Accept is application/json (docs/em-protocol.md, "JSON and its oddities"). */
export function wantsJson(accept: string | undefined): boolean {
  const first = (accept ?? '').split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first === 'application/json';
}

/** XML Content-Type; the exact EM value is not captured (docs/em-protocol.md, "Content type and Location header"). */
export const XML_TYPE = 'application/xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Serializes a body in the negotiated format; `bom` prefixes JSON with a UTF-8 BOM (old EM versions). */
export function serialize(body: Res, json: boolean, bom = false): { text: string; type: string } {
  if (!json) return { text: writeXml(body), type: XML_TYPE };
  return { text: (bom ? BOM : '') + writeJson(body), type: JSON_TYPE };
}

/** Serializes an EM Error body. */
export function serializeError(
  status: number,
  message: string,
  json: boolean,
  bom = false,
): { text: string; type: string } {
  if (json) return { text: (bom ? BOM : '') + JSON.stringify(errorJson(status, message)), type: JSON_TYPE };
  return { text: writeXml(errorRes(status, message)), type: XML_TYPE };
}

/** Writes status, headers and body; returns the body's byte count. */
export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text: string | undefined,
  type?: string,
): number {
  const bytes = text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
  const all: Record<string, string | number> = { Server: 'Microsoft-HTTPAPI/2.0', ...headers };
  if (text !== undefined && type) all['Content-Type'] = type;
  all['Content-Length'] = bytes;
  res.writeHead(status, all);
  res.end(text);
  return bytes;
}
