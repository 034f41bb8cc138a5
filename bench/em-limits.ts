import { createEmClient } from '../src/em/client.js';
import { EmError } from '../src/em/errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../src/em/http.js';
import { retryPolicies } from '../src/em/retry-policies.js';
import { silentLogger } from '../src/shared/logger.js';
import { logonReply, startScriptedServer } from '../test/helpers/scripted-server.js';
import type { SectionResult } from './section.js';
import { round } from './stats.js';

const MIB = 1024 * 1024;
const BODY_BYTES = 50 * MIB;
const SELF_LINK = 'https://em.example:9398/api/query?type=BackupJobSession&page=2';

/** Section: a hostile EM's 50 MB body (refused at the default cap) and a self-linking `Next` page. */
export async function benchEmLimits(): Promise<SectionResult> {
  const big = await refuseBigBody();
  const selfLinkQueries = await selfLinkingQueries();
  return {
    id: 'em-limits',
    title: `EM limits: a ${BODY_BYTES / MIB} MB body at the default ${DEFAULT_MAX_RESPONSE_BYTES / MIB} MB cap, a self-linking Next`,
    rows: [
      {
        measure: 'RSS growth while the body is refused',
        value: `${round(big.rssGrowthMiB, 0)} MiB`,
        goal: '< 200 MiB',
        met: big.rssGrowthMiB < 200,
      },
      { measure: 'time to refuse it', value: `${Math.round(big.ms)} ms` },
      { measure: 'bytes EM got to send', value: `${round(big.streamedMiB, 1)} MiB of ${BODY_BYTES / MIB}` },
      {
        measure: 'queries caused by a self-linking Next',
        value: String(selfLinkQueries),
        goal: '<= 2',
        met: selfLinkQueries <= 2,
      },
    ],
    figures: { ...big, selfLinkQueries, bodyBytes: BODY_BYTES, capBytes: DEFAULT_MAX_RESPONSE_BYTES },
  };
}

async function refuseBigBody(): Promise<{
  rssGrowthMiB: number;
  ms: number;
  streamedMiB: number;
  code: string;
}> {
  const server = await startScriptedServer(({ url, method }) => {
    if (/sessionMngr/i.test(url)) return logonReply('tok');
    return method === 'DELETE' ? { status: 204 } : { stream: BODY_BYTES };
  });
  const client = createEmClient({
    apiBase: server.url,
    username: 'u',
    password: 'p',
    timeoutMs: 60_000,
    retryPolicy: retryPolicies.none,
    logger: silentLogger,
  });
  await client.logon();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  let code = 'accepted';
  try {
    await client.get('backupSessions');
  } catch (error) {
    code = error instanceof EmError ? error.code : String(error);
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const streamed = server.streamed();
  await client.close();
  await server.stop();
  return { rssGrowthMiB: (peak - before) / MIB, ms, streamedMiB: streamed / MIB, code };
}

async function selfLinkingQueries(): Promise<number> {
  const page = `<QueryResult xmlns="http://www.veeam.com/ent/v1.0"><Refs><Ref Type="BackupJobSessionReference" Href="https://em.example:9398/api/backupSessions/1" Name="J@x" UID="urn:veeam:BackupJobSession:1" /></Refs><PagingInfo PageNum="2" PageSize="1" PagesCount="9999"><Links><Link Rel="Next" Href="${SELF_LINK.replace(/&/g, '&amp;')}" /></Links></PagingInfo></QueryResult>`;
  const server = await startScriptedServer(({ url }) =>
    /sessionMngr/i.test(url) ? logonReply('tok') : { status: 200, body: page },
  );
  const client = createEmClient({
    apiBase: server.url,
    username: 'u',
    password: 'p',
    timeoutMs: 5000,
    retryPolicy: retryPolicies.none,
    logger: silentLogger,
  });
  // Bounded here too, in case the guard is gone: 12 s of following the link at most.
  const deadline = Date.now() + 12_000;
  try {
    for await (const _ of client.pages({ type: 'BackupJobSession', pageSize: 1 }))
      if (Date.now() > deadline) break;
  } catch (error) {
    if (!(error instanceof EmError)) throw error;
  }
  await client.close();
  await server.stop();
  return server.requests.filter((r) => r.url.startsWith('/api/query')).length;
}
