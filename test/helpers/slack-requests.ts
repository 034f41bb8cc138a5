import type { SlackConfig } from '../../src/config/load-config.js';
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

/** Slack's v0 request signature headers for a body. */
export function signatureHeaders(
  body: string,
  secret = SIGNING_SECRET,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature };
}

/** Posts a signed slash command to the receiver, the way Slack does (form-encoded). */
export async function sendSlashCommand(
  eventsUrl: string,
  fields: { text: string; responseUrl: string; userId?: string; channelId?: string },
  secret = SIGNING_SECRET,
): Promise<{ status: number; ms: number }> {
  const body = new URLSearchParams({
    token: 'legacy-token',
    team_id: 'T1',
    team_domain: 'test',
    channel_id: fields.channelId ?? 'C1',
    channel_name: 'ops',
    user_id: fields.userId ?? 'U1',
    user_name: 'oncall',
    command: '/veeam',
    text: fields.text,
    api_app_id: 'A1',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
  const started = Date.now();
  const res = await fetch(eventsUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signatureHeaders(body, secret) },
    body,
  });
  await res.text();
  return { status: res.status, ms: Date.now() - started };
}

/** Posts a signed block_actions payload for one button click. */
export async function sendButtonClick(
  eventsUrl: string,
  fields: {
    actionId: string;
    value?: string;
    responseUrl: string;
    channelId?: string;
    userId?: string;
    userName?: string;
    messageTs?: string;
    ephemeral?: boolean;
  },
): Promise<{ status: number }> {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'test' },
    user: { id: fields.userId ?? 'U1', name: fields.userName ?? 'oncall', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-token',
    trigger_id: '1.2.3',
    container: {
      type: 'message',
      message_ts: fields.messageTs ?? '1.000001',
      channel_id: fields.channelId ?? 'C1',
      is_ephemeral: fields.ephemeral ?? true,
    },
    channel: { id: fields.channelId ?? 'C1', name: 'ops' },
    ...(fields.messageTs ? { message: { ts: fields.messageTs, type: 'message', text: '' } } : {}),
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'actions',
        value: fields.value,
        action_ts: '1.2',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await fetch(eventsUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
    body,
  });
  await res.text();
  return { status: res.status };
}

/** The Slack slice of the config for a bot under test: HTTP mode on a free port, a fake Web API, no pacing. */
export function testSlackConfig(apiUrl: string, overrides: Partial<SlackConfig> = {}): SlackConfig {
  return {
    botToken: 'xoxb-test',
    signingSecret: SIGNING_SECRET,
    appToken: undefined,
    apiUrl,
    port: 0,
    allowedChannels: undefined,
    allowedUsers: undefined,
    postIntervalMs: 0,
    // A hung fake Slack call is retried within seconds, not after 15 s; retries follow in milliseconds.
    timeoutMs: 3000,
    retryDelayMs: 10,
    rateLimitWaitMs: 1000,
    requestTimeoutMs: 5000,
    maxConnections: 256,
    ...overrides,
  };
}

/** Posts a signed view_submission payload for a modal, as Slack does when its submit button is pressed. */
export async function sendViewSubmission(
  eventsUrl: string,
  fields: { callbackId: string; privateMetadata: string; userId?: string; userName?: string },
): Promise<{ status: number; body: string }> {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 'test' },
    user: { id: fields.userId ?? 'U1', name: fields.userName ?? 'oncall', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-token',
    trigger_id: '4.5.6',
    view: {
      id: 'V1',
      team_id: 'T1',
      type: 'modal',
      callback_id: fields.callbackId,
      private_metadata: fields.privateMetadata,
      state: { values: {} },
      hash: 'h',
      blocks: [],
    },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await fetch(eventsUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** Posts a signed Events API `event_callback` (JSON), as Slack delivers an event such as `app_home_opened`. */
export async function sendEvent(
  eventsUrl: string,
  event: Record<string, unknown>,
  eventId = `Ev${Math.random().toString(36).slice(2, 10)}`,
): Promise<{ status: number }> {
  const body = JSON.stringify({
    token: 'legacy-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event: { event_ts: '1.2', ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
  });
  const res = await fetch(eventsUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...signatureHeaders(body) },
    body,
  });
  await res.text();
  return { status: res.status };
}
