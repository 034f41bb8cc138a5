import type { EmClient } from './client.js';
import { EmError } from './errors.js';
import { queryResultItems } from './mappers/documents.js';
import { mapPagingInfo } from './mappers/envelopes.js';
import { asNode } from './mappers/fields.js';
import { buildQueryPath, type QuerySpec } from './query.js';
import { ErrorCode } from '../shared/errors.js';
import type { XmlNode } from './xml.js';

/** One raw item of a query page: its element name and node, for the estate mappers. */
export interface RawItem {
  element: string;
  node: XmlNode;
}

/**
 * Runs a query and returns up to `limit` raw items in EM's order, following `Next` links verbatim and stopping
 * like `EmClient.pages` does (docs/em-protocol.md, "Paging"). The estate types are not in `EmDocument`, so
 * their mappers need the nodes.
 */
export async function queryRaw(client: EmClient, spec: QuerySpec, limit: number): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let target: string | undefined = buildQueryPath(spec);
  // The same guard as EmClient.pages: a self-linking or endless Next stops the query (docs/em-protocol.md,
  // "Limits the client enforces").
  const guard = client.pagingGuard(spec.type);
  while (target !== undefined && items.length < limit) {
    guard(target);
    const document = await client.getXml(target);
    if (document.root !== 'QueryResult') {
      throw new EmError(
        ErrorCode.EmParse,
        `expected a QueryResult for ${spec.type}, got <${document.root}>`,
        {
          request: `GET query?type=${spec.type}`,
        },
      );
    }
    const page = rawItems(document.node);
    items.push(...page);
    const paging = mapPagingInfo(document.node);
    const last = paging.next === undefined || paging.pageNum >= paging.pagesCount || page.length === 0;
    target = last ? undefined : paging.next;
  }
  return items.slice(0, limit);
}

/** The items of a QueryResult or of an entity-format collection (`<Repositories><Repository>...`). */
export function rawItems(node: XmlNode): RawItem[] {
  return queryResultItems(node).flatMap(([element, values]) =>
    values
      .map((value) => asNode(value))
      .filter((item): item is XmlNode => item !== undefined)
      .map((item) => ({ element, node: item })),
  );
}

/** The child items of an entity-format collection body (`<Jobs><Job/>...</Jobs>`). */
export function collectionItems(node: XmlNode): RawItem[] {
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@_') && key !== '#text')
    .flatMap(([element, value]) =>
      (Array.isArray(value) ? value : [value])
        .map((item) => asNode(item))
        .filter((item): item is XmlNode => item !== undefined)
        .map((item) => ({ element, node: item })),
    );
}
