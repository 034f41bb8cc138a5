import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiGet, basic, logon, startTestSim } from './sim-helpers.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSim({ history: 50, idleTimeoutMs: 300 });
});
afterAll(() => sim.stop());

describe('authentication', () => {
  it('serves the root without a token', async () => {
    const res = await fetch(sim.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await res.text()).toContain('<EnterpriseManager');
  });

  it('logs on with 201, a base64 token of the SessionId, a cookie and a LogonSession body', async () => {
    const res = await fetch(`${sim.url}SessionMngr?v=latest`, {
      method: 'POST',
      headers: { Authorization: basic() },
    });
    expect(res.status).toBe(201);
    const token = res.headers.get('x-restsvcsessionid') ?? '';
    const body = await res.text();
    const sessionId = /<SessionId>([^<]+)<\/SessionId>/.exec(body)?.[1] ?? '';
    expect(Buffer.from(token, 'base64').toString()).toBe(sessionId);
    expect(res.headers.get('set-cookie')).toBe(`X-RestSvcSessionId=${token}; Path=/api;`);
    expect(body).toContain('<UserName>TECH\\demo</UserName>');
  });

  it.each([undefined, basic('demo', 'wrong'), 'Bearer x'])(
    'refuses %s with 401, the Basic challenge and an Error body',
    async (authorization) => {
      const res = await fetch(`${sim.url}sessionMngr/?v=latest`, {
        method: 'POST',
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
      expect(await res.text()).toContain('StatusCode="401"');
    },
  );

  it('requires a token everywhere but the root', async () => {
    const res = await apiGet(sim, 'backupSessions', 'bm9wZQ==');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
  });

  it('prefers the cookie over the header (docs/em-protocol.md, "Cookie or header")', async () => {
    const token = await logon(sim);
    const good = await fetch(`${sim.url}jobs`, {
      headers: { 'X-RestSvcSessionId': 'bad', Cookie: `X-RestSvcSessionId=${token}` },
    });
    expect(good.status).toBe(200);
    const bad = await fetch(`${sim.url}jobs`, {
      headers: { 'X-RestSvcSessionId': token, Cookie: 'X-RestSvcSessionId=bad' },
    });
    expect(bad.status).toBe(401);
  });

  it('logs off with 204 by SessionId and the token dies', async () => {
    const res = await fetch(`${sim.url}sessionMngr/?v=latest`, {
      method: 'POST',
      headers: { Authorization: basic() },
    });
    const token = res.headers.get('x-restsvcsessionid') ?? '';
    const sessionId = Buffer.from(token, 'base64').toString();
    expect((await apiGet(sim, `logonSessions/${sessionId}`, token)).status).toBe(200);
    const del = await fetch(`${sim.url}logonSessions/${sessionId}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(del.status).toBe(204);
    expect((await apiGet(sim, 'jobs', token)).status).toBe(401);
    expect(sim.stats().logoffs).toBeGreaterThanOrEqual(1);
  });

  it('expires idle tokens on the scenario clock, not real time', async () => {
    const token = await logon(sim);
    sim.clock.advance(250);
    expect((await apiGet(sim, 'jobs', token)).status).toBe(200);
    sim.clock.advance(250);
    expect((await apiGet(sim, 'jobs', token)).status).toBe(200);
    sim.clock.advance(301);
    expect((await apiGet(sim, 'jobs', token)).status).toBe(401);
  });

  it('answers 404 for unknown routes and ids, 405 for wrong methods', async () => {
    const token = await logon(sim);
    expect((await apiGet(sim, 'nothingHere', token)).status).toBe(404);
    expect((await apiGet(sim, 'backupSessions/not-a-guid', token)).status).toBe(404);
    const res = await fetch(`${sim.url}backupSessions`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(res.status).toBe(405);
    expect(await res.text()).toContain('StatusCode="405"');
  });
});
