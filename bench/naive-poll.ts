import type { EmClient } from '../src/em/client.js';
import type { Session } from '../src/em/types.js';

/** The plain collections public scripts download in full, one per watched session type. */
export const NAIVE_COLLECTIONS = [
  'backupSessions?format=Entity',
  'replicaSessions?format=Entity',
  'cdpReplicaSessions?format=Entity',
  'cloud/failoverSessions?format=Entity',
] as const;

/**
 * The usual script's poll: download every session of each watched type, parse it with our parseXml +
 * mapDocument (through the client), keep what ended after the cursor with Warning or Failed.
 */
export async function naivePoll(client: EmClient, cursorMs: number): Promise<Session[]> {
  const found: Session[] = [];
  for (const collection of NAIVE_COLLECTIONS) {
    const document = await client.get(collection);
    if (document.kind !== 'list') throw new Error(`${collection} did not return a list`);
    for (const session of document.sessions) {
      const ended = session.endTime?.getTime();
      if (
        ended !== undefined &&
        ended > cursorMs &&
        (session.result === 'Warning' || session.result === 'Failed')
      )
        found.push(session);
    }
  }
  return found;
}
