import type { KnownBlock, ModalView } from '../views/format/block-kit.js';

/** Message metadata the watcher puts on every alert, so a restart can tell what was already posted. */
export interface AlertMetadata {
  eventType: 'veeam_alert';
  /** The session UID, or the storm batch id for a summary. */
  key: string;
}

export interface OutgoingMessage {
  channel: string;
  text: string;
  blocks?: KnownBlock[];
  threadTs?: string;
  metadata?: AlertMetadata;
  /** Plain text to post instead if Slack refuses the blocks (`invalid_blocks`); never lose an alert. */
  fallbackText?: string;
}

/** A file to upload (the digest's chart): shared into `channel` (and `threadTs`) when given, else kept private. */
export interface UploadFile {
  filename: string;
  title: string;
  altText: string;
  bytes: Buffer;
  channel?: string;
  threadTs?: string;
}

/**
 * The one way the bot writes to a chat: the watcher (alerts, notices, failovers), followed failovers and
 * shares all post and update through it. Slack implements it with the Web API (paced per channel, 429s
 * waited out, invalid_blocks re-posted as text, failures thrown as SlackApiError); the console prints.
 */
export interface ChatPort {
  post(message: OutgoingMessage): Promise<{ channel: string; ts: string }>;
  update(message: { channel: string; ts: string; text: string; blocks?: KnownBlock[] }): Promise<void>;
  /**
   * Which of `keys` were posted in the channel since `sinceMs` (in the thread `threadTs` when given), by the
   * alert metadata on the messages: key -> message ts. One scan of the history for many keys.
   */
  /**
   * Whether the bot can post in `channel` (it is a member), asked before a subscription is made; absent means
   * yes (a chat with no channels to join).
   */
  canPost?(channel: string): Promise<boolean>;
  /** Opens a modal for the click or command that gave `triggerId` (Slack's `views.open`); absent in the console. */
  openView?(triggerId: string, view: ModalView): Promise<void>;
  findPosted(
    channel: string,
    keys: ReadonlySet<string>,
    options: { sinceMs: number; threadTs?: string },
  ): Promise<Map<string, string>>;
  /**
   * Uploads a file with Slack's external flow (get an upload URL, POST the bytes, complete); absent where a chat
   * has no files. `shownByChat`: the chat showed the file itself (the console writes it to disk and names it), so
   * no image block is added.
   */
  uploadFile?(file: UploadFile): Promise<{ fileId: string; shownByChat?: boolean }>;
  /** A link to one message (Slack's `chat.getPermalink`); absent where a chat has no links. */
  permalink?(channel: string, ts: string): Promise<string>;
  /** Publishes a user's App Home view; absent where a chat has no Home tab. */
  publishView?(userId: string, view: { type: 'home'; blocks: KnownBlock[] }): Promise<void>;
}
