import Fuse from 'fuse.js';
import { AppError, ErrorCode } from '../shared/errors.js';

/** The longest `/veeam` text we read; Slack allows more, but no real name is this long. */
export const MAX_COMMAND_LENGTH = 500;

export const SUBCOMMANDS = [
  'help',
  'status',
  'vm',
  'session',
  'failover',
  'cdp',
  'failures',
  'running',
  'subscribe',
  'subscriptions',
  'unsubscribe',
  'mute',
  'unmute',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** A parsed `/veeam` line: the subcommand and the rest of the text, trimmed, outer quotes removed. */
export interface ParsedCommand {
  name: Subcommand;
  /** The argument text as typed (inner spaces kept). */
  rest: string;
}

/** Splits `/veeam <subcommand> <arguments>`; an empty text means `help`. */
export function parseCommand(rawText: string): ParsedCommand {
  const text = normalizeSpaces(rawText);
  if (text.length > MAX_COMMAND_LENGTH) {
    throw usageError(`That command is too long (over ${MAX_COMMAND_LENGTH} characters)`);
  }
  if (text === '') return { name: 'help', rest: '' };
  const space = text.indexOf(' ');
  const word = (space === -1 ? text : text.slice(0, space)).toLowerCase();
  const rest = space === -1 ? '' : text.slice(space + 1).trim();
  const name = SUBCOMMANDS.find((candidate) => candidate === word);
  if (!name) {
    const guess = subcommandSearch.search(word.slice(0, 40))[0]?.item;
    throw usageError(
      `Unknown subcommand "${word.slice(0, 40)}"${guess ? `; did you mean \`${guess}\`?` : ''}`,
    );
  }
  return { name, rest };
}

const subcommandSearch = new Fuse([...SUBCOMMANDS], { threshold: 0.4 });

/** Removes one pair of surrounding quotes (straight or curly, as phones type them) from a name. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  const match = /^["“”'‘’](.*)["“”'‘’]$/su.exec(trimmed);
  return (match ? (match[1] ?? '') : trimmed).trim();
}

/**
 * Splits `key:value` options (`job:"SQL *" level:failed`), values optionally quoted; returns the options
 * and any words that were not options.
 */
export function parseOptions(text: string): { options: Map<string, string>; words: string[] } {
  const options = new Map<string, string>();
  const words: string[] = [];
  const pattern = /([A-Za-z]+):(?:"([^"]*)"|“([^”]*)”|(\S+))|"([^"]*)"|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    const [, key, quoted, curly, bare, quotedWord, word] = match;
    if (key !== undefined) options.set(key.toLowerCase(), quoted ?? curly ?? bare ?? '');
    else words.push(quotedWord ?? word ?? '');
  }
  return { options, words };
}

/** Slack sends non-breaking and other unicode spaces from phones; treat them as spaces. */
function normalizeSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu, ' ').trim();
}

/** An error answered with a one-line explanation plus the usage card. */
export function usageError(message: string): AppError {
  return new AppError(ErrorCode.CommandUsage, message);
}
