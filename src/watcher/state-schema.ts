import { z } from 'zod';
import { protectionMemorySchema, rpoOverridesSchema } from './protection-state-schema.js';
import type { WatcherState } from './state.js';

/** A Block Kit block as stored (a storm summary kept to show it again): any object. */
const block = z.custom<never>((value) => typeof value === 'object' && value !== null);

const alert = z.object({
  key: z.string(),
  uid: z.string(),
  href: z.string(),
  channel: z.string(),
  status: z.enum(['pending', 'sent', 'held', 'dropped', 'muted', 'failed']),
  endedAt: z.number(),
  jobKey: z.string(),
  job: z.object({
    sessionKind: z.string(),
    ownerUid: z.string().optional(),
    jobName: z.string(),
    vmName: z.string().optional(),
  }),
  result: z.string(),
  decidedAt: z.number(),
  ts: z.string().optional(),
  holdUntil: z.number().optional(),
  batch: z.string().optional(),
  threadTs: z.string().optional(),
});

const incident = z.object({
  jobKey: z.string(),
  jobName: z.string(),
  sessionKind: z.string(),
  ownerUid: z.string().optional(),
  vmName: z.string().optional(),
  channel: z.string(),
  ts: z.string(),
  rootUid: z.string(),
  failures: z.number(),
  retries: z.number(),
  lastResult: z.string(),
  lastUid: z.string(),
  lastEndedAt: z.number(),
  recoveredAt: z.number().optional(),
  claim: z.object({ by: z.string(), name: z.string(), at: z.number() }).optional(),
  jobActions: z.array(z.enum(['retry', 'start', 'stop'])).optional(),
});

/** The persisted state's schema: a file that parses as JSON but has another shape is refused too. */
export const watcherStateSchema: z.ZodType<WatcherState> = z.object({
  version: z.literal(1),
  firstStartedAt: z.number().nullable(),
  lastPollAt: z.number().nullable(),
  alerts: z.record(z.string(), alert),
  incidents: z.record(z.string(), incident),
  failovers: z.record(
    z.string(),
    z.object({
      uid: z.string(),
      href: z.string(),
      channel: z.string(),
      ts: z.string(),
      finished: z.boolean(),
      announcedAt: z.number(),
      signature: z.string().optional(),
      followed: z.boolean().optional(),
      name: z.string().optional(),
      result: z.string().optional(),
      claim: z.object({ by: z.string(), name: z.string(), at: z.number() }).optional(),
    }),
  ),
  subscriptions: z.array(
    z.object({
      id: z.number(),
      channel: z.string(),
      type: z.string().optional(),
      job: z.string().optional(),
      server: z.string().optional(),
      level: z.enum(['warning', 'failed']).optional(),
      exclusive: z.boolean().optional(),
      by: z.string().optional(),
      at: z.number().optional(),
    }),
  ),
  mutes: z.array(
    z.object({
      job: z.string(),
      until: z.number(),
      by: z.string(),
      channel: z.string(),
      at: z.number().optional(),
      untilSuccess: z.boolean().optional(),
    }),
  ),
  outage: z.object({
    since: z.number().nullable(),
    lastError: z.string().nullable(),
    noticePosted: z.boolean(),
  }),
  // Added after the first release: files written before it have none.
  brokenChannels: z.record(z.string(), z.object({ since: z.number(), slackCode: z.string() })).default({}),
  emSkewMs: z.number().optional(),
  protection: protectionMemorySchema.optional(),
  rpoOverrides: rpoOverridesSchema.optional(),
  digests: z
    .record(
      z.string(),
      z.object({
        channel: z.string(),
        date: z.string(),
        status: z.enum(['pending', 'sent']),
        decidedAt: z.number(),
        ts: z.string().optional(),
        late: z.boolean().optional(),
      }),
    )
    .optional(),
  storms: z
    .record(
      z.string(),
      z.object({
        channel: z.string(),
        ts: z.string(),
        at: z.number(),
        shown: z.object({ text: z.string(), blocks: z.array(block).optional() }),
        claim: z.object({ by: z.string(), name: z.string(), at: z.number() }).optional(),
        episodes: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  jobActions: z
    .object({
      inProgress: z.record(
        z.string(),
        z.object({
          jobUid: z.string(),
          jobName: z.string(),
          action: z.enum(['retry', 'start', 'stop']),
          user: z.string(),
          channel: z.string(),
          threadTs: z.string().optional(),
          ts: z.string().optional(),
          nonce: z.string(),
          at: z.number(),
          expiresAt: z.number(),
        }),
      ),
      audit: z.array(
        z.object({
          at: z.number(),
          user: z.string(),
          job: z.string(),
          action: z.string(),
          outcome: z.string(),
          detail: z.string().optional(),
          incident: z.string().optional(),
        }),
      ),
      spentTokens: z.record(z.string(), z.number()).optional(),
    })
    .optional(),
});
