import { z } from 'zod';

const level = z.enum(['ok', 'warning', 'critical']);
const block = z.custom<never>((value) => typeof value === 'object' && value !== null);

/** The protection loop's memory inside the state file (added later: files without it load). */
export const protectionMemorySchema = z.object({
  lastCheckAt: z.number().nullable(),
  baselineAt: z.number().optional(),
  jobs: z.record(
    z.string(),
    z.object({
      name: z.string(),
      jobType: z.string(),
      server: z.string().optional(),
      enabled: z.boolean(),
      runs: z.array(z.number()),
      intervalMinutes: z.number().optional(),
      noPoint: z.record(z.string(), z.object({ vm: z.string(), since: z.number() })).optional(),
    }),
  ),
  vms: z.record(
    z.string(),
    z.object({
      jobUid: z.string(),
      vm: z.string(),
      newestAt: z.number(),
      kind: z.enum(['VmRestorePoint', 'VmReplicaPoint']),
    }),
  ),
  repos: z.record(z.string(), z.object({ name: z.string(), level, freePercent: z.number().optional() })),
  episodes: z.record(
    z.string(),
    z.object({
      key: z.string(),
      kind: z.enum(['missed', 'disabled', 'rpo', 'repository']),
      name: z.string(),
      vm: z.string().optional(),
      jobUid: z.string().optional(),
      server: z.string().optional(),
      startedAt: z.number(),
      dueAt: z.number().optional(),
      announced: z.enum(['summary', 'alert']),
      messages: z.record(z.string(), z.string()),
      inStorm: z.array(z.string()).optional(),
      level: level.optional(),
      recoveredAt: z.number().optional(),
      claim: z.object({ by: z.string(), name: z.string(), at: z.number() }).optional(),
      shown: z.object({ text: z.string(), blocks: z.array(block).optional() }).optional(),
      group: z.array(z.string()).optional(),
    }),
  ),
  posts: z.record(
    z.string(),
    z.object({
      key: z.string(),
      channel: z.string(),
      status: z.enum(['pending', 'sent', 'muted', 'failed']),
      decidedAt: z.number(),
      episodes: z.array(z.string()),
      batch: z.string().optional(),
      threadTs: z.string().optional(),
      message: z.object({ text: z.string(), blocks: z.array(block).optional() }).optional(),
      ts: z.string().optional(),
    }),
  ),
});

/** RPO overrides by job UID. */
export const rpoOverridesSchema = z.record(
  z.string(),
  z.object({ ms: z.number(), by: z.string(), at: z.number(), job: z.string() }),
);
