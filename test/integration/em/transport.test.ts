import { createEmClient, type EmClient } from '../../../src/em/client.js';
import { EmError } from '../../../src/em/errors.js';
import { retryPolicies } from '../../../src/em/retry-policies.js';
import { ErrorCode } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import {
  errorReply,
  logonReply,
  startScriptedServer,
  type ScriptedReply,
} from '../../helpers/scripted-server.js';
import { generateLoopbackCertificate } from '../../helpers/tls-cert.js';

const EMPTY_REFS = { status: 200, body: '<EntityReferences xmlns="http://www.veeam.com/ent/v1.0" />' };
const isLogon = (url: string) => /sessionMngr/i.test(url);

function clientFor(url: string, overrides: Partial<Parameters<typeof createEmClient>[0]> = {}): EmClient {
  return createEmClient({
    apiBase: url,
    username: 'svc',
    password: 's3cret-pw',
    timeoutMs: 2000,
    retryPolicy: retryPolicies.fast,
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

describe('EM transport and logon', () => {
  it('logs on once, sends the token on every request and logs off on close', async () => {
    const server = await startScriptedServer(({ url, method }) => {
      if (isLogon(url)) return logonReply('tok-1');
      if (method === 'DELETE') return { status: 204 };
      return EMPTY_REFS;
    });
    const client = clientFor(server.url);
    await client.get('backupSessions');
    await client.get('replicaSessions');
    await client.close();
    await server.stop();
    const [logon, first, second, logoff] = server.requests;
    expect(logon?.method).toBe('POST');
    expect(logon?.url).toBe('/api/sessionMngr/?v=latest');
    expect(logon?.headers.authorization).toBe(`Basic ${Buffer.from('svc:s3cret-pw').toString('base64')}`);
    expect(first?.headers['x-restsvcsessionid']).toBe('tok-1');
    expect(second?.headers['x-restsvcsessionid']).toBe('tok-1');
    expect(logoff).toMatchObject({
      method: 'DELETE',
      url: '/api/logonSessions/44cfbdbe-5a95-4156-8867-91f069b7c2cc',
    });
    expect(server.requests).toHaveLength(4);
  });

  it('re-logs on exactly once after a 401 and replays the request', async () => {
    let logons = 0;
    const server = await startScriptedServer(({ url, headers }) => {
      if (isLogon(url)) return logonReply(`tok-${++logons}`);
      return headers['x-restsvcsessionid'] === 'tok-1' ? errorReply(401, 'expired') : EMPTY_REFS;
    });
    const client = clientFor(server.url);
    await expect(client.get('backupSessions')).resolves.toMatchObject({ kind: 'list' });
    expect(client.logonCount()).toBe(2);
    await client.close();
    const sent = server.requests.filter((r) => r.method !== 'DELETE');
    expect(sent.map((r) => r.headers['x-restsvcsessionid'] ?? 'logon')).toEqual([
      'logon',
      'tok-1',
      'logon',
      'tok-2',
    ]);
    // The replaced session and the last one are both logged off.
    const logoffs = server.requests.filter((r) => r.method === 'DELETE');
    expect(logoffs.map((r) => r.headers['x-restsvcsessionid']).sort()).toEqual(['tok-1', 'tok-2']);
    await server.stop();
  });

  it('shares one re-logon among concurrent requests that hit 401 together', async () => {
    let logons = 0;
    const server = await startScriptedServer(({ url, headers }) => {
      if (isLogon(url)) return logonReply(`tok-${++logons}`);
      return headers['x-restsvcsessionid'] === 'tok-1' ? errorReply(401, 'expired') : EMPTY_REFS;
    });
    const client = clientFor(server.url);
    await client.logon();
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.get(`backupSessions?n=${i}`)));
    expect(logons).toBe(2);
    expect(server.requests.filter((r) => isLogon(r.url))).toHaveLength(2);
    await server.stop();
  });

  it('gives a clear error for a wrong password, naming the URL and user but never the password', async () => {
    const server = await startScriptedServer(() => ({
      status: 401,
      headers: { 'WWW-Authenticate': 'Basic Realm=RestSvc' },
    }));
    const error = await failureOf(clientFor(server.url).get('backupSessions'));
    expect(error.code).toBe(ErrorCode.EmAuth);
    expect(error.message).toContain(server.url);
    expect(error.message).toContain('"svc"');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
      's3cret-pw',
    );
    expect(server.requests).toHaveLength(1); // a refused logon is not retried
    await server.stop();
  });

  it('retries 503 and network resets with backoff, then succeeds', async () => {
    const script: ScriptedReply[] = [errorReply(503, 'busy'), 'reset', errorReply(500, 'NRE')];
    const server = await startScriptedServer(({ url }) =>
      isLogon(url) ? logonReply('t') : (script.shift() ?? EMPTY_REFS),
    );
    await expect(clientFor(server.url).get('backupSessions')).resolves.toMatchObject({ kind: 'list' });
    expect(server.requests.filter((r) => !isLogon(r.url))).toHaveLength(4);
    await server.stop();
  });

  it('gives up after a bounded number of attempts with a typed server error carrying EM’s message', async () => {
    const server = await startScriptedServer(({ url }) =>
      isLogon(url) ? logonReply('t') : errorReply(503, 'Service is starting'),
    );
    const error = await failureOf(clientFor(server.url).get('backupSessions'));
    expect(error.code).toBe(ErrorCode.EmServer);
    expect(error.status).toBe(503);
    expect(error.message).toContain('Service is starting');
    expect(server.requests.filter((r) => !isLogon(r.url))).toHaveLength(1 + retryPolicies.fast.retries);
    await server.stop();
  });

  it.each([
    [404, ErrorCode.EmNotFound],
    [403, ErrorCode.EmForbidden],
    [400, ErrorCode.EmBadRequest],
    [405, ErrorCode.EmBadRequest],
  ])('never retries a %i and types it', async (status, code) => {
    const server = await startScriptedServer(({ url }) =>
      isLogon(url) ? logonReply('t') : errorReply(status, 'no'),
    );
    const error = await failureOf(clientFor(server.url).get('backupSessions/x'));
    expect(error.code).toBe(code);
    expect(server.requests.filter((r) => !isLogon(r.url))).toHaveLength(1);
    await server.stop();
  });

  it('times out a request that never answers', async () => {
    const server = await startScriptedServer(({ url }) => (isLogon(url) ? logonReply('t') : 'hang'));
    const error = await failureOf(clientFor(server.url, { timeoutMs: 150 }).get('backupSessions'));
    expect(error.code).toBe(ErrorCode.EmTimeout);
    expect(error.userMessage).toMatch(/did not answer/);
    await server.stop();
  });

  it('types a malformed body as a parse error', async () => {
    const server = await startScriptedServer(({ url }) =>
      isLogon(url) ? logonReply('t') : { status: 200, body: '<QueryResult><Refs><Ref Name="a">' },
    );
    await expect(clientFor(server.url).get('backupSessions')).rejects.toMatchObject({
      code: ErrorCode.EmParse,
    });
    await server.stop();
  });

  it('follows Hrefs written with EM’s own host name against the configured origin, verbatim', async () => {
    const server = await startScriptedServer(({ url }) => (isLogon(url) ? logonReply('t') : EMPTY_REFS));
    const href =
      'https://srv12.tech.local:9398/api/query?type=BackupJobSession&filter=JobName%3d%3d%22A+B%22&page=2';
    await clientFor(server.url).get(href);
    expect(server.requests[1]?.url).toBe(
      '/api/query?type=BackupJobSession&filter=JobName%3d%3d%22A+B%22&page=2',
    );
    await server.stop();
  });

  it('refuses to follow a link outside the API base', async () => {
    const server = await startScriptedServer(() => EMPTY_REFS);
    const client = clientFor(server.url);
    await expect(client.get('https://evil.example/other')).rejects.toMatchObject({
      code: ErrorCode.CommandUsage,
    });
    await expect(client.get('/api/../admin')).rejects.toMatchObject({ code: ErrorCode.CommandUsage });
    expect(server.requests).toHaveLength(0);
    await server.stop();
  });
});

describe('EM transport TLS', () => {
  let tls: { key: string; cert: string };
  beforeAll(async () => {
    tls = await generateLoopbackCertificate();
  });

  const respond = ({ url }: { url: string }): ScriptedReply => (isLogon(url) ? logonReply('t') : EMPTY_REFS);

  it('verifies certificates by default and refuses a self-signed one', async () => {
    const server = await startScriptedServer(respond, tls);
    const error = await failureOf(clientFor(server.url).get('backupSessions'));
    expect(error.code).toBe(ErrorCode.EmTls);
    expect(error.userMessage).toContain('VEEAM_CA_FILE');
    await server.stop();
  });

  it('trusts a self-signed certificate given as an extra CA', async () => {
    const server = await startScriptedServer(respond, tls);
    await expect(clientFor(server.url, { ca: tls.cert }).get('backupSessions')).resolves.toMatchObject({
      kind: 'list',
    });
    await server.stop();
  });

  it('skips verification only when told to', async () => {
    const server = await startScriptedServer(respond, tls);
    await expect(clientFor(server.url, { tlsInsecure: true }).get('backupSessions')).resolves.toMatchObject({
      kind: 'list',
    });
    await server.stop();
  });
});
