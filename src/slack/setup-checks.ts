import { webApi } from '@slack/bolt';
import type { Config } from '../config/load-config.js';
import { REQUIRED_BOT_SCOPES } from './contract.js';
import { fail, pass, skip, type CheckResult } from '../doctor/check.js';

/** Checks the Slack side: the bot token works, the manifest's scopes are granted, the bot is in ALERT_CHANNEL. */
export async function checkSlack(config: Config): Promise<CheckResult[]> {
  const { botToken, apiUrl, appToken } = config.slack;
  if (!botToken)
    return [skip('Slack', 'SLACK_BOT_TOKEN is not set; the bot would use the console instead of Slack')];
  const options = {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
  };
  const client = new webApi.WebClient(botToken, options);
  const results: CheckResult[] = [];
  let scopes: string[] | undefined;
  try {
    const auth = await client.auth.test();
    scopes = auth.response_metadata?.scopes;
    results.push(
      pass('Slack token', `valid for ${auth.team ?? 'the workspace'} as ${auth.user ?? 'the bot'}`),
    );
  } catch (error) {
    return [
      fail(
        'Slack token',
        slackError(error),
        'reinstall the app and copy the Bot User OAuth Token (xoxb-...) into SLACK_BOT_TOKEN',
      ),
    ];
  }
  const missing = Object.keys(REQUIRED_BOT_SCOPES).filter((scope) => !scopes?.includes(scope));
  results.push(
    scopes === undefined
      ? skip('Slack scopes', 'Slack did not list the granted scopes')
      : missing.length === 0
        ? pass('Slack scopes', `granted: ${Object.keys(REQUIRED_BOT_SCOPES).join(', ')}`)
        : fail(
            'Slack scopes',
            `missing ${missing.join(', ')}`,
            'update the app from manifest.yml and reinstall it to the workspace',
          ),
  );
  const groups = groupScopeCheck(config.operators, scopes);
  if (groups) results.push(groups);
  results.push(await checkChannel(client, config.watcher.alertChannel));
  if (appToken) results.push(await checkAppToken(appToken, options));
  return results;
}

/** OPERATORS naming user groups (`S…`) need `usergroups:read` to expand them; nothing to check without groups. */
function groupScopeCheck(
  operators: readonly string[] | undefined,
  scopes: string[] | undefined,
): CheckResult | undefined {
  const groups = (operators ?? []).filter((id) => id.startsWith('S'));
  if (groups.length === 0) return undefined;
  if (scopes === undefined) return skip('Slack user groups', 'Slack did not list the granted scopes');
  return scopes.includes('usergroups:read')
    ? pass('Slack user groups', `usergroups:read granted for OPERATORS' ${groups.join(', ')}`)
    : fail(
        'Slack user groups',
        `OPERATORS lists user groups (${groups.join(', ')}) but the token lacks usergroups:read, so their members are not operators`,
        'add usergroups:read to oauth_config.scopes.bot in manifest.yml and reinstall the app to the workspace',
      );
}

async function checkChannel(client: webApi.WebClient, channel: string | undefined): Promise<CheckResult> {
  if (!channel)
    return fail(
      'Alert channel',
      'ALERT_CHANNEL is not set',
      'set ALERT_CHANNEL to the channel ID (C0123ABC) for alerts',
    );
  try {
    const info = await client.conversations.info({ channel });
    return info.channel?.is_member
      ? pass('Alert channel', `the bot is a member of #${info.channel.name ?? channel}`)
      : fail(
          'Alert channel',
          `the bot is not in #${info.channel?.name ?? channel}`,
          `invite it: /invite @veeam in #${info.channel?.name ?? channel}`,
        );
  } catch (error) {
    return fail(
      'Alert channel',
      `${channel}: ${slackError(error)}`,
      'use the channel ID (right-click the channel > Copy link; the ID starts with C or G)',
    );
  }
}

async function checkAppToken(appToken: string, options: object): Promise<CheckResult> {
  try {
    await new webApi.WebClient(appToken, options).apps.connections.open();
    return pass('Socket Mode', 'the app-level token opens a connection');
  } catch (error) {
    return fail(
      'Socket Mode',
      slackError(error),
      'create an app-level token with connections:write and put it in SLACK_APP_TOKEN',
    );
  }
}

function slackError(error: unknown): string {
  const code = (error as { data?: { error?: string } }).data?.error;
  return code ?? (error instanceof Error ? error.message : String(error));
}
