import Fuse from 'fuse.js';
import { UsageError } from '../shared/errors.js';
import { COMMAND_NAMES, type Subcommand } from './registry.js';

/** The longest `/veeam` text we read; Slack allows more, but no real name is this long. */
export const MAX_COMMAND_LENGTH = 500;

/** Every subcommand name, in registry order. */
export const SUBCOMMANDS: readonly Subcommand[] = COMMAND_NAMES;

/** A parsed `/veeam` line: the subcommand and the rest of the text, trimmed, outer quotes removed. */
export interface ParsedCommand {
  name: Subcommand;
  /** The argument text as typed (inner spaces kept). */
  rest: string;
}

/** Splits `/veeam <subcommand> <arguments>`; an empty text means `help`; an unknown word gets a guess. */
export function parseCommand(rawText: string): ParsedCommand {
  const text = normalizeSpaces(rawText);
  if (text.length > MAX_COMMAND_LENGTH) {
    throw new UsageError(`That command is too long (over ${MAX_COMMAND_LENGTH} characters)`);
  }
  if (text === '') return { name: 'help', rest: '' };
  const space = text.indexOf(' ');
  const word = (space === -1 ? text : text.slice(0, space)).toLowerCase();
  const rest = space === -1 ? '' : text.slice(space + 1).trim();
  const name = SUBCOMMANDS.find((candidate) => candidate === word);
  if (!name) {
    const guess = subcommandSearch.search(word.slice(0, 40))[0]?.item;
    throw new UsageError(
      `Unknown subcommand "${word.slice(0, 40)}"${guess ? `; did you mean \`${guess}\`?` : ''}`,
    );
  }
  return { name, rest };
}

const subcommandSearch = new Fuse([...SUBCOMMANDS], { threshold: 0.4 });

/** Slack sends non-breaking and other unicode spaces from phones; treat them as spaces. */
function normalizeSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu, ' ').trim();
}
