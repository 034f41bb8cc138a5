import { createCatalog } from '../../../../src/commands/catalog.js';
import type { CommandDeps } from '../../../../src/commands/types.js';
import { createManualClock } from '../../../../src/shared/clock.js';
import { SlackApiError } from '../../../../src/shared/errors.js';
import { silentLogger } from '../../../../src/shared/logger.js';
import { startSimulator, type RunningSimulator } from '../../../../src/simulator/index.js';
import { createWorkQueue } from '../../../../src/slack/work-queue.js';
import type { ChatPort, OutgoingMessage } from '../../../../src/watcher/chat-port.js';
import { simClient } from '../../../helpers/sim-client.js';

/** What a listener did, in order: acks, responses, chat writes and follows. */
export type Event =
  | { kind: 'ack' }
  | { kind: 'respond'; body: Record<string, unknown> }
  | { kind: 'post'; message: OutgoingMessage }
  | { kind: 'update'; channel: string; ts: string; text: string }
  | { kind: 'follow'; channel: string; ts: string; uid: string };

/** Fake ack, respond, chat port and follow port that record into one list; `refuse` makes posts fail. */
export function createFakes(options: { refuse?: string } = {}) {
  const events: Event[] = [];
  let counter = 0;
  const chat: ChatPort = {
    async post(message) {
      if (options.refuse) throw new SlackApiError('chat.postMessage', options.refuse);
      events.push({ kind: 'post', message });
      return { channel: message.channel, ts: `1.${String(++counter).padStart(6, '0')}` };
    },
    async update({ channel, ts, text }) {
      events.push({ kind: 'update', channel, ts, text });
    },
    findPosted: async () => new Map(),
  };
  return {
    events,
    chat,
    follow: {
      follow: async (t: { uid: string; channel: string; ts: string }) => {
        events.push({ kind: 'follow', channel: t.channel, ts: t.ts, uid: t.uid });
      },
    },
    ack: async () => {
      events.push({ kind: 'ack' });
    },
    respond: async (body: unknown) => {
      events.push({ kind: 'respond', body: (typeof body === 'string' ? { text: body } : body) as never });
      return undefined as never;
    },
    queue: createWorkQueue(1),
    responses: () =>
      events.flatMap((e) => (e.kind === 'respond' ? [e.body as { text?: string; blocks?: unknown[] }] : [])),
  };
}

/** The simulator as EM (manual clock, no history) and the command deps on it. */
export async function startCommandDeps(): Promise<{ sim: RunningSimulator; deps: CommandDeps }> {
  const start = Date.parse('2025-11-20T12:00:00Z');
  const sim = await startSimulator({ history: 0, live: false, clock: { manual: true, startTime: start } });
  const client = simClient(sim);
  const clock = createManualClock(start);
  return {
    sim,
    deps: { client, catalog: createCatalog({ client, clock, ttlMs: 0 }), clock, logger: silentLogger },
  };
}
