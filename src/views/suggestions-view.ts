import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { truncate } from './format/truncate.js';
import { actions, button, section } from './blocks.js';
import { finishView } from './finish-view.js';
import { PICK_SUGGESTION } from './ids.js';

/** A name close to what was asked, and the command that shows it. */
export interface Suggestion {
  name: string;
  kind: 'job' | 'policy' | 'plan' | 'vm';
  command: string;
}

const NOUNS: Record<Suggestion['kind'], string> = {
  job: 'job',
  policy: 'CDP policy',
  plan: 'failover plan',
  vm: 'VM',
};

/** Options of buildSuggestionsView. */
export interface SuggestionsViewOptions {
  /** The kinds that were asked for: one kind names the miss (`No VM named …`) even with no suggestion. */
  kinds?: readonly Suggestion['kind'][];
}

/** At most this many suggestions become buttons. */
export const MAX_SUGGESTIONS = 5;

/** `No job named X. Did you mean:` with up to 5 PICK_SUGGESTION buttons (value = the command to run). */
export function buildSuggestionsView(
  query: string,
  suggestions: Suggestion[],
  opts: SuggestionsViewOptions = {},
): SlackMessage {
  const noun = nounFor(opts.kinds ?? [], suggestions);
  const asked = escapeMrkdwn(truncate(query, 200));
  const picks = suggestions.slice(0, MAX_SUGGESTIONS);
  const intro = picks.length ? `No ${noun} named *${asked}*. Did you mean:` : `No ${noun} named *${asked}*.`;
  const buttons = picks.map((s) => button(PICK_SUGGESTION, `${s.name} (${s.kind})`, { value: s.command }));
  const names = picks.map((s) => escapeMrkdwn(truncate(s.name, 100))).join(', ');
  const blocks = [section(intro, 'intro'), ...(buttons.length ? [actions(buttons, 'suggestions')] : [])];
  return finishView(picks.length ? `${intro} ${names}` : intro, blocks);
}

/** The asked kind when one was asked, else the suggestions' kind when they share one, else `job`. */
function nounFor(asked: readonly Suggestion['kind'][], suggestions: Suggestion[]): string {
  const kinds = new Set(asked.length === 1 ? asked : suggestions.map((s) => s.kind));
  const only = kinds.size === 1 ? [...kinds][0] : undefined;
  return only ? NOUNS[only] : 'job';
}
