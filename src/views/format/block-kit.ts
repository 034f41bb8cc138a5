import type { types } from '@slack/bolt';

/** Block Kit types, taken from the @slack/types that @slack/bolt re-exports (not a direct dependency of ours). */
export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type HeaderBlock = types.HeaderBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type DividerBlock = types.DividerBlock;
export type Button = types.Button;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextElement = types.PlainTextElement;
export type ModalView = types.ModalView;

/** What every view returns: the fallback text (used for notifications) and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
