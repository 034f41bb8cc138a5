import { createEmClient, type EmClient } from '../../../src/em/client.js';
import { EmError } from '../../../src/em/errors.js';
import type { Job } from '../../../src/em/estate-types.js';
import { JobActionError, retryJob, startJob, stopJob, waitForTask } from '../../../src/em/job-actions.js';
import { mapJob } from '../../../src/em/mappers/estate.js';
import { retryPolicies } from '../../../src/em/retry-policies.js';
import { parseXml } from '../../../src/em/xml.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { ErrorCode } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { readEmFixture } from '../../helpers/fixtures.js';
import {
  errorReply,
  logonReply,
  startScriptedServer,
  type ScriptedReply,
} from '../../helpers/scripted-server.js';
import { START } from '../../helpers/time.js';

const JOB_PATH = '/api/jobs/5658281f-625e-4627-89dd-d2a0c48be99e';
const RUNNING = { status: 202, body: readEmFixture('task-running.xml') };
const isLogon = (url: string) => /sessionMngr/i.test(url);

function task(state: 'Running' | 'Finished', result?: { success: boolean; message: string }): ScriptedReply {
  const related = result?.success
    ? '<Link Rel="Related" Type="BackupJobSession" Href="https://em.example:9398/api/backupSessions/35c24055-bdee-4e43-b655-a42de408d2ec?format=Entity" />'
    : '';
  const outcome = result
    ? `<Result Success="${String(result.success)}"><Message>${result.message}</Message></Result>`
    : '';
  return {
    status: 200,
    body: `<Task xmlns="http://www.veeam.com/ent/v1.0" Type="Task" Href="https://em.example:9398/api/tasks/task-10"><Links><Link Rel="Delete" Type="Task" Href="https://em.example:9398/api/tasks/task-10" />${related}</Links><TaskId>task-10</TaskId><State>${state}</State><Operation>StartJob</Operation>${outcome}</Task>`,
  };
}

const referenceJob = (): Job => mapJob(parseXml(readEmFixture('job-entity.xml')).node);

async function serve(reply: (method: string, url: string, index: number) => ScriptedReply) {
  const server = await startScriptedServer(({ method, url }, index) =>
    isLogon(url) ? logonReply('tok') : method === 'DELETE' ? { status: 204 } : reply(method, url, index),
  );
  const client: EmClient = createEmClient({
    apiBase: server.url,
    username: 'operator',
    password: 'operator',
    timeoutMs: 2000,
    retryPolicy: retryPolicies.fast,
    logger: silentLogger,
  });
  const posts = () => server.requests.filter((request) => request.method === 'POST' && !isLogon(request.url));
  return {
    client,
    posts,
    stop: async () => {
      await client.close();
      await server.stop();
    },
  };
}

async function refusalOf(promise: Promise<unknown>): Promise<JobActionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JobActionError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('job actions', () => {
  it('starts a job through its own Start link and follows the task to the session it started', async () => {
    let polls = 0;
    const em = await serve((method, url) => {
      if (method === 'POST') return RUNNING;
      if (url === '/api/tasks/task-10') {
        polls += 1;
        return polls < 3
          ? task('Running')
          : task('Finished', { success: true, message: 'Job "DB Backup" triggered to start.' });
      }
      return { status: 404 };
    });
    const clock = createManualClock(START);
    const waits: number[] = [];
    const started = await startJob(em.client, referenceJob());
    expect(started).toMatchObject({ taskId: 'task-10', state: 'Running', success: undefined });
    const outcome = await waitForTask(em.client, started.href, {
      timeoutMs: 60_000,
      clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock.advance(ms);
      },
    });
    expect(outcome).toMatchObject({
      success: true,
      message: 'Job "DB Backup" triggered to start.',
      sessionHref:
        'https://em.example:9398/api/backupSessions/35c24055-bdee-4e43-b655-a42de408d2ec?format=Entity',
    });
    expect(waits).toEqual([1000, 2000]);
    expect(em.posts().map((request) => request.url)).toEqual([`${JOB_PATH}?action=start`]);
    await em.stop();
  });

  it('stops and retries through the Stop and Retry links', async () => {
    const em = await serve((method) => (method === 'POST' ? RUNNING : { status: 404 }));
    await stopJob(em.client, referenceJob());
    await retryJob(em.client, referenceJob());
    expect(em.posts().map((request) => request.url)).toEqual([
      `${JOB_PATH}?action=stop`,
      `${JOB_PATH}?action=retry`,
    ]);
    await em.stop();
  });

  it('refuses an action the job does not offer without asking EM', async () => {
    const em = await serve(() => RUNNING);
    const job = referenceJob();
    delete job.actions.retry;
    const refusal = await refusalOf(retryJob(em.client, job));
    expect(refusal).toMatchObject({ reason: 'unavailable', action: 'retry', emMessage: undefined });
    expect(em.posts()).toHaveLength(0);
    await em.stop();
  });

  it('turns a 403 for an insufficient role into a forbidden refusal with EM’s message, sent once', async () => {
    const em = await serve((method) =>
      method === 'POST' ? errorReply(403, 'Insufficient privileges to start the job') : { status: 404 },
    );
    const refusal = await refusalOf(startJob(em.client, referenceJob()));
    expect(refusal).toMatchObject({
      reason: 'forbidden',
      code: ErrorCode.EmForbidden,
      emMessage: 'Insufficient privileges to start the job',
    });
    expect(em.posts()).toHaveLength(1);
    await em.stop();
  });

  it('turns another 4xx into a refusal carrying EM’s one line', async () => {
    const em = await serve((method) =>
      method === 'POST' ? errorReply(400, 'Job is already running') : { status: 404 },
    );
    const refusal = await refusalOf(startJob(em.client, referenceJob()));
    expect(refusal).toMatchObject({
      reason: 'refused',
      code: ErrorCode.EmBadRequest,
      emMessage: 'Job is already running',
    });
    expect(refusal.userMessage).toBe('Job is already running');
    await em.stop();
  });

  it('reports a task that finished unsuccessfully as a failed outcome with EM’s message and no session', async () => {
    const em = await serve((method) =>
      method === 'POST'
        ? RUNNING
        : task('Finished', { success: false, message: 'Nothing to retry: the last run succeeded' }),
    );
    const started = await retryJob(em.client, referenceJob());
    const outcome = await waitForTask(em.client, started.href, {
      timeoutMs: 1000,
      sleep: () => Promise.resolve(),
    });
    expect(outcome).toMatchObject({
      success: false,
      message: 'Nothing to retry: the last run succeeded',
      sessionHref: undefined,
    });
    await em.stop();
  });

  it('gives up with a timeout once the clock passes the limit', async () => {
    const em = await serve(() => task('Running'));
    const clock = createManualClock(START);
    const failure = await waitForTask(em.client, 'tasks/task-10', {
      timeoutMs: 5000,
      clock,
      sleep: async (ms) => clock.advance(ms),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmError);
    expect((failure as EmError).code).toBe(ErrorCode.EmTimeout);
    expect(clock.now() - START).toBe(5000);
    await em.stop();
  });
});
