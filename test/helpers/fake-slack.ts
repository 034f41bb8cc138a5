import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from './wait.js';

/** One Web API call or response_url post the fake received. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** The bearer token the call carried (tells replicas with their own tokens apart). */
  token?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A file of the external upload flow. */
export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  bytes?: Buffer;
  completed: boolean;
  channel?: string;
  threadTs?: string;
}

/** A scripted failure for the next calls of a method. */
export interface SlackFault {
  method: string;
  /**
   * `ratelimited` answers 429 with Retry-After; `http500` a 500; `hang` never answers; `postThenHang` keeps
   * the message (it is in the channel) but never answers, as when the bot dies mid-request; others `{ok:false,error}`.
   */
  kind: 'ratelimited' | 'http500' | 'hang' | 'postThenHang' | 'error';
  error?: string;
  retryAfterSeconds?: number;
  count: number;
  /** Only calls for this channel meet the fault (default: every channel). */
  channel?: string;
}

export interface FakeSlack {
  /** Web API base for SLACK_API_URL / slackApiUrl (ends with `/api/`). */
  apiUrl: string;
  /** A response_url the fake records (one per test request is fine). */
  responseUrl(id?: string): string;
  calls: SlackCall[];
  /** Messages posted with chat.postMessage (after updates applied), in order. */
  messages: StoredMessage[];
  responses: Array<{ id: string; body: Record<string, unknown> }>;
  /** Files uploaded through the external flow: the bytes POSTed to the upload URL, and how they were completed. */
  files: FakeFile[];
  /** Views published with views.publish (App Home), in order. */
  views: Array<{ userId: string; view: Record<string, unknown> }>;
  fail(fault: SlackFault): void;
  /** Enforce at most one chat.postMessage per second per channel (429 with Retry-After: 1 beyond). */
  rateLimitPerChannel(enabled: boolean): void;
  /** Waits (polling, no fixed sleep) until the predicate holds or the timeout passes. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const SCOPES = 'commands,chat:write,channels:history,groups:history,channels:read,groups:read,files:write';

/** Starts a fake Slack Web API on 127.0.0.1 that records calls and keeps posted messages with their metadata. */
export async function startFakeSlack(
  options: {
    members?: string[];
    socketUrl?: string;
    groups?: Record<string, string[]>;
    /** The scopes auth.test says the token has (comma-separated); default the manifest's without usergroups:read. */
    scopes?: string;
  } = {},
): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const messages: StoredMessage[] = [];
  const responses: FakeSlack['responses'] = [];
  const files: FakeFile[] = [];
  const views: FakeSlack['views'] = [];
  const faults: SlackFault[] = [];
  const lastPost = new Map<string, number>();
  let limitPerChannel = false;
  let counter = 0;
  let baseUrl = '';
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname.startsWith('/upload/')) {
        const file = files.find((f) => f.id === url.pathname.slice('/upload/'.length));
        if (!file) return json(res, 404, { ok: false });
        file.bytes = Buffer.concat(chunks);
        calls.push({
          method: 'upload',
          args: { file_id: file.id, length: file.bytes.length },
          at: Date.now(),
        });
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return res.end('OK - ' + file.bytes.length);
      }
      const args = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
      if (url.pathname.startsWith('/response/')) {
        responses.push({ id: url.pathname.slice('/response/'.length), body: args });
        calls.push({ method: 'response_url', args, at: Date.now() });
        return json(res, 200, { ok: true });
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      calls.push({ method, args, at: Date.now(), ...(token ? { token } : {}) });
      const fault = faults.find(
        (f) =>
          f.method === method && f.count > 0 && (f.channel === undefined || f.channel === args['channel']),
      );
      if (fault) {
        fault.count -= 1;
        if (fault.kind === 'hang') return;
        if (fault.kind === 'postThenHang') {
          answer(method, args, {
            writeHead: () => undefined,
            end: () => undefined,
          } as unknown as http.ServerResponse);
          return;
        }
        if (fault.kind === 'ratelimited')
          return json(
            res,
            429,
            { ok: false, error: 'ratelimited' },
            { 'Retry-After': String(fault.retryAfterSeconds ?? 1) },
          );
        if (fault.kind === 'http500') return json(res, 500, { ok: false, error: 'internal_error' });
        return json(res, 200, { ok: false, error: fault.error ?? 'fatal_error' });
      }
      if (method === 'chat.postMessage' && limitPerChannel) {
        const channel = String(args['channel']);
        const last = lastPost.get(channel) ?? 0;
        if (Date.now() - last < 1000)
          return json(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' });
        lastPost.set(channel, Date.now());
      }
      return answer(method, args, res);
    });
  });

  const answer = (method: string, args: Record<string, unknown>, res: http.ServerResponse) => {
    switch (method) {
      case 'auth.test':
        return json(
          res,
          200,
          { ok: true, team: 'Test Team', user: 'veeam', user_id: 'UBOT', bot_id: 'BBOT' },
          { 'x-oauth-scopes': options.scopes ?? SCOPES },
        );
      case 'chat.postMessage': {
        const message: StoredMessage = {
          channel: String(args['channel']),
          ts: nextTs(),
          text: String(args['text'] ?? ''),
        };
        if (args['blocks']) message.blocks = args['blocks'] as unknown[];
        if (args['thread_ts']) message.thread_ts = String(args['thread_ts']);
        if (args['metadata']) message.metadata = args['metadata'] as StoredMessage['metadata'];
        messages.push(message);
        return json(res, 200, { ok: true, channel: message.channel, ts: message.ts, message });
      }
      case 'chat.update': {
        const target = messages.find((m) => m.channel === args['channel'] && m.ts === args['ts']);
        if (!target) return json(res, 200, { ok: false, error: 'message_not_found' });
        target.text = String(args['text'] ?? target.text);
        if (args['blocks']) target.blocks = args['blocks'] as unknown[];
        return json(res, 200, { ok: true, channel: target.channel, ts: target.ts });
      }
      case 'chat.getPermalink': {
        const target = messages.find((m) => m.channel === args['channel'] && m.ts === args['message_ts']);
        if (!target) return json(res, 200, { ok: false, error: 'message_not_found' });
        const permalink = `https://test.slack.com/archives/${target.channel}/p${target.ts.replace('.', '')}`;
        return json(res, 200, { ok: true, channel: target.channel, permalink });
      }
      case 'conversations.history':
      case 'conversations.replies': {
        const oldest = Number(args['oldest'] ?? 0);
        const inChannel = messages.filter((m) => m.channel === args['channel'] && Number(m.ts) >= oldest);
        const selected =
          method === 'conversations.history'
            ? inChannel.filter((m) => !m.thread_ts)
            : inChannel.filter((m) => m.ts === args['ts'] || m.thread_ts === args['ts']);
        const withMetadata = args['include_all_metadata'] === true || args['include_all_metadata'] === 'true';
        const shown = selected.map((m) => (withMetadata ? m : { ...m, metadata: undefined }));
        return json(res, 200, { ok: true, messages: [...shown].reverse(), has_more: false });
      }
      case 'conversations.info': {
        const channel = String(args['channel']);
        return json(res, 200, {
          ok: true,
          channel: {
            id: channel,
            name: `chan-${channel}`,
            is_member: options.members?.includes(channel) ?? true,
          },
        });
      }
      case 'files.getUploadURLExternal': {
        const id = `F${String(files.length + 1).padStart(8, '0')}`;
        files.push({
          id,
          filename: String(args['filename']),
          length: Number(args['length']),
          completed: false,
        });
        return json(res, 200, { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const list = (
          typeof args['files'] === 'string' ? JSON.parse(args['files']) : args['files']
        ) as Array<{ id: string }>;
        for (const entry of list ?? []) {
          const file = files.find((f) => f.id === entry.id);
          if (!file?.bytes) return json(res, 200, { ok: false, error: 'file_not_found' });
          file.completed = true;
          if (args['channel_id']) file.channel = String(args['channel_id']);
          if (args['thread_ts']) file.threadTs = String(args['thread_ts']);
        }
        return json(res, 200, { ok: true, files: list });
      }
      case 'views.publish': {
        const view = (typeof args['view'] === 'string' ? JSON.parse(args['view']) : args['view']) as Record<
          string,
          unknown
        >;
        views.push({ userId: String(args['user_id']), view });
        return json(res, 200, { ok: true, view: { id: `V${views.length}` } });
      }
      case 'views.open':
        return json(res, 200, { ok: true, view: { id: `V${++counter}`, ...(args['view'] as object) } });
      case 'usergroups.users.list':
        return json(res, 200, { ok: true, users: options.groups?.[String(args['usergroup'])] ?? [] });
      case 'apps.connections.open':
        return json(res, 200, { ok: true, url: options.socketUrl ?? 'wss://fake.invalid/link' });
      default:
        return json(res, 200, { ok: false, error: 'unknown_method' });
    }
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  baseUrl = base;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = 'r1') => `${base}/response/${id}`,
    calls,
    messages,
    responses,
    files,
    views,
    fail: (fault) => faults.push({ ...fault }),
    rateLimitPerChannel: (enabled) => {
      limitPerChannel = enabled;
    },
    waitFor: (predicate, timeoutMs = 10_000) =>
      waitUntil(predicate, { timeoutMs, what: 'fake Slack: condition not met in time' }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The WebClient sends form bodies with JSON-encoded blocks and metadata; Bolt's respond sends JSON. */
function parseBody(body: string, contentType: string): Record<string, unknown> {
  if (!body) return {};
  if (contentType.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const structured = key === 'blocks' || key === 'metadata' || key === 'attachments' || key === 'view';
    args[key] = structured && (value.startsWith('[') || value.startsWith('{')) ? JSON.parse(value) : value;
  }
  return args;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
