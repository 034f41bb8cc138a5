import type { SlackMessage } from '../views/format/block-kit.js';
import { buildSuggestionsView } from '../views/suggestions-view.js';
import type { CatalogEntry, CatalogKind } from './catalog.js';
import type { CommandDeps } from './types.js';

/** How a command text names a catalog entry by its ref instead of its name: `status uid:<ref>`. */
const REF_PREFIX = 'uid:';

/** The command text that shows this entry: by its short ref, so a name of any length fits a button. */
export function commandFor(subcommand: string, entry: Pick<CatalogEntry, 'ref'>): string {
  return `${subcommand} ${REF_PREFIX}${entry.ref}`;
}

/**
 * Finds the catalog entry a user meant: `uid:<ref>` (what suggestion buttons send) names it by its ref,
 * anything else is a name (case-insensitive exact match). When there is none, the answer is the closest
 * names as buttons that run `<subcommand> uid:<ref>`.
 */
export async function resolveName(
  name: string,
  kinds: readonly CatalogKind[],
  subcommand: string,
  deps: Pick<CommandDeps, 'catalog'>,
): Promise<{ entry: CatalogEntry } | { suggestions: SlackMessage }> {
  const byRef = name.startsWith(REF_PREFIX)
    ? await deps.catalog.byRef(name.slice(REF_PREFIX.length), kinds)
    : undefined;
  if (byRef) return { entry: byRef };
  const exact = await deps.catalog.find(name, kinds);
  const entry = exact.find((e) => e.name === name) ?? exact[0];
  if (entry) return { entry };
  const closest = await deps.catalog.suggest(name, kinds);
  return {
    suggestions: buildSuggestionsView(
      name,
      closest.map((e) => ({ name: e.name, kind: e.kind, command: commandFor(subcommand, e) })),
      { kinds },
    ),
  };
}

/** True when the text names a catalog entry by ref (a suggestion button) rather than by name. */
export function isRef(text: string): boolean {
  return text.startsWith(REF_PREFIX);
}
