import type { SlackMessage } from '../views/format/block-kit.js';
import { buildSuggestionsView } from '../views/suggestions-view.js';
import type { CatalogEntry, CatalogKind } from './catalog.js';
import type { CommandDeps } from './types.js';

/**
 * Finds the catalog entry a user meant (case-insensitive exact match); when there is none, the answer is
 * the closest names as buttons that run `<subcommand> <name>`.
 */
export async function resolveName(
  name: string,
  kinds: readonly CatalogKind[],
  subcommand: string,
  deps: Pick<CommandDeps, 'catalog'>,
): Promise<{ entry: CatalogEntry } | { suggestions: SlackMessage }> {
  const exact = await deps.catalog.find(name, kinds);
  const entry = exact.find((e) => e.name === name) ?? exact[0];
  if (entry) return { entry };
  const closest = await deps.catalog.suggest(name, kinds);
  return {
    suggestions: buildSuggestionsView(
      name,
      closest.map((e) => ({ name: e.name, kind: e.kind, command: `${subcommand} ${e.name}` })),
    ),
  };
}
