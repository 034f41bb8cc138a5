import { queryRaw } from '../../../src/em/estate-query.js';
import { createEmClient, type EmClient } from '../../../src/em/client.js';
import { LOGON_BACKOFF_FIRST_MS, LOGON_BACKOFF_MAX_MS } from '../../../src/em/auth.js';
import { EmError } from '../../../src/em/errors.js';
import { retryPolicies } from '../../../src/em/retry-policies.js';
import { ErrorCode } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { createCapturingLogger } from '../../helpers/capture-logger.js';
import { errorReply, logonReply, startScriptedServer } from '../../helpers/scripted-server.js';

const isLogon = (url: string) => /sessionMngr/i.test(url);
const MB = 1024 * 1024;

function clientFor(url: string, overrides: Partial<Parameters<typeof createEmClient>[0]> = {}): EmClient {
  return createEmClient({
    apiBase: url,
    username: 'svc',
    password: 's3cret-pw',
    timeoutMs: 5000,
    retryPolicy: retryPolicies.none,
    logger: silentLogger,
    ...overrides,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<EmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EmError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** A one-item backup job sessions page whose Next link is `next` (absolute, as EM writes it). */
function pageWith(next: string, pageNum: number): string {
  return `<QueryResult xmlns="http://www.veeam.com/ent/v1.0"><Refs><Ref Type="BackupJobSessionReference" Href="https://em.example:9398/api/backupSessions/${pageNum}" Name="Job@x" UID="urn:veeam:BackupJobSession:${pageNum}" /></Refs><PagingInfo PageNum="${pageNum}" PageSize="1" PagesCount="100000"><Links><Link Rel="Next" Href="${next.replace(/&/g, '&amp;')}" /></Links></PagingInfo></QueryResult>`;
}

describe('EM response size cap', () => {
  it('aborts a 50 MB body while it streams in, with an em_too_large error', async () => {
    const server = await startScriptedServer(({ url }) =>
      isLogon(url) ? logonReply('tok') : { stream: 50 * MB },
    );
    const client = clientFor(server.url, { maxResponseBytes: 1 * MB });
    await client.logon();
    const rssBefore = process.memoryUsage().rss;
    const error = await failureOf(client.get('backupSessions'));
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    const streamed = server.streamed();
    await client.close();
    await server.stop();
    expect(error.code).toBe(ErrorCode.EmTooLarge);
    // The client hung up early: the server never got to write the 50 MB.
    expect(streamed).toBeLessThan(20 * MB);
    expect(rssGrowth).toBeLessThan(100 * MB);
  });

  it('accepts a body under the cap', async () => {
    const server = await startScriptedServer(({ url }) =>
      isLogon(url) ? logonReply('tok') : { stream: 256 * 1024 },
    );
    const client = clientFor(server.url, { maxResponseBytes: 1 * MB });
    const document = await client.get('backupSessions');
    await client.close();
    await server.stop();
    expect(document.kind).toBe('list');
  });
});

describe('EM paging limits', () => {
  it('stops a self-linking Next after one page with an em_paging error and a log line', async () => {
    const log = createCapturingLogger('warn');
    const server = await startScriptedServer(({ url }) => {
      if (isLogon(url)) return logonReply('tok');
      return {
        status: 200,
        body: pageWith(`https://em.example:9398/api/query?type=BackupJobSession&page=2`, 2),
      };
    });
    const client = clientFor(server.url, { logger: log.logger });
    const error = await failureOf(client.queryReferences({ type: 'BackupJobSession', pageSize: 1 }, 1000));
    await client.close();
    await server.stop();
    expect(error.code).toBe(ErrorCode.EmPaging);
    // The first query and the one Next page; the self-link is not followed again.
    expect(server.requests.filter((r) => r.url.startsWith('/api/query'))).toHaveLength(2);
    expect(log.lines.filter((line) => line['msg'] === 'EM paging stopped')).toHaveLength(1);
  });

  it('stops a self-linking Next the same way in the raw estate queries (the protection loop reads those)', async () => {
    const server = await startScriptedServer(({ url }) => {
      if (isLogon(url)) return logonReply('tok');
      return {
        status: 200,
        body: pageWith(`https://em.example:9398/api/query?type=VmRestorePoint&page=2`, 2),
      };
    });
    const client = clientFor(server.url);
    const error = await failureOf(queryRaw(client, { type: 'VmRestorePoint', pageSize: 1 }, 1000));
    await client.close();
    await server.stop();
    expect(error.code).toBe(ErrorCode.EmPaging);
    expect(server.requests.filter((r) => r.url.startsWith('/api/query'))).toHaveLength(2);
  });

  it('stops when a query needs more pages than the budget', async () => {
    const server = await startScriptedServer(({ url }) => {
      if (isLogon(url)) return logonReply('tok');
      const page = Number(/page=(\d+)/.exec(url)?.[1] ?? '1');
      return {
        status: 200,
        body: pageWith(`https://em.example:9398/api/query?type=x&page=${page + 1}`, page),
      };
    });
    const client = clientFor(server.url, { maxPages: 5 });
    const error = await failureOf(client.queryReferences({ type: 'BackupJobSession', pageSize: 1 }, 1000));
    await client.close();
    await server.stop();
    expect(error.code).toBe(ErrorCode.EmPaging);
    expect(server.requests.filter((r) => r.url.startsWith('/api/query'))).toHaveLength(5);
  });
});

describe('EM logon hygiene', () => {
  it('logs off every replaced session when EM answers 401 to data requests', async () => {
    let logon = 0;
    const server = await startScriptedServer(({ url, method }) => {
      if (isLogon(url))
        return logonReply(`tok-${++logon}`, `00000000-0000-4000-8000-${String(logon).padStart(12, '0')}`);
      if (method === 'DELETE') return { status: 204 };
      return errorReply(401, 'expired');
    });
    const client = clientFor(server.url);
    for (let i = 0; i < 8; i += 1) await failureOf(client.get('backupSessions'));
    await Promise.all([1, 2, 3].map(() => failureOf(client.get('replicaSessions'))));
    await client.close();
    await server.stop();
    const logons = server.requests.filter((r) => isLogon(r.url)).length;
    const logoffs = server.requests.filter((r) => r.method === 'DELETE').length;
    expect(logons).toBeGreaterThan(1);
    expect(logoffs).toBe(logons); // every session, the replaced ones and the last one, was logged off
    expect(client.logonCount()).toBe(logons);
  });

  it('backs off after a refused logon, fails fast without contacting EM, and says so once', async () => {
    const log = createCapturingLogger('warn');
    let now = Date.parse('2025-11-20T12:00:00Z');
    let refuse = true;
    const server = await startScriptedServer(({ url }) => {
      if (isLogon(url)) return refuse ? errorReply(401, 'Unauthorized') : logonReply('tok');
      return { status: 200, body: '<EntityReferences xmlns="http://www.veeam.com/ent/v1.0" />' };
    });
    const client = clientFor(server.url, { logger: log.logger, now: () => now });
    const attempts = () => server.requests.filter((r) => isLogon(r.url)).length;
    for (let i = 0; i < 10; i += 1) expect((await failureOf(client.get('jobs'))).code).toBe(ErrorCode.EmAuth);
    expect(attempts()).toBe(1);
    now += LOGON_BACKOFF_FIRST_MS;
    for (let i = 0; i < 5; i += 1) await failureOf(client.get('jobs'));
    expect(attempts()).toBe(2);
    now += LOGON_BACKOFF_FIRST_MS; // the second wait is twice as long
    await failureOf(client.get('jobs'));
    expect(attempts()).toBe(2);
    for (let i = 0; i < 10; i += 1) {
      now += LOGON_BACKOFF_MAX_MS; // never more than 15 min between attempts
      await failureOf(client.get('jobs'));
    }
    expect(attempts()).toBe(12);
    expect(log.lines.filter((line) => /refused the logon/.test(String(line['msg'])))).toHaveLength(1);
    refuse = false;
    now += LOGON_BACKOFF_MAX_MS;
    await client.get('jobs');
    await client.close();
    await server.stop();
    expect(attempts()).toBe(13);
  });
});
