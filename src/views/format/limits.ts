/**
 * Block Kit limits (Slack's block and composition-object reference pages, and the `msg_blocks_too_long`
 * error of chat.postMessage). We stay a little under the text total because Slack counts it loosely.
 */
export const LIMITS = {
  /** Blocks per message. */
  blocksPerMessage: 50,
  /** Section `text`. */
  sectionText: 3000,
  /** Section `fields` items. */
  sectionFields: 10,
  /** Characters per section field. */
  sectionFieldText: 2000,
  /** Header `plain_text`. */
  headerText: 150,
  /** Button `text`. */
  buttonText: 75,
  /** The button labels we write: Slack cuts longer ones on narrow screens, so names go in the text instead. */
  buttonLabel: 30,
  /** Button `value`. */
  buttonValue: 2000,
  /** Button `url`. */
  buttonUrl: 3000,
  /** Elements in a context block. */
  contextElements: 10,
  /** Characters of one context text element (a text object's general maximum). */
  contextText: 3000,
  /** Elements in an actions block. */
  actionsElements: 25,
  /** `action_id` and `block_id`. */
  id: 255,
  /** Text across all blocks of one message before Slack answers `msg_blocks_too_long`. */
  totalText: 12000,
  /** The top-level fallback `text` we send (Slack truncates messages beyond 4000 characters). */
  fallbackText: 4000,
} as const;
