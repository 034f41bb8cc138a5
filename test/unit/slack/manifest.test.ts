import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { COMMAND_NAMES } from '../../../src/commands/registry.js';
import { REQUIRED_BOT_EVENTS, REQUIRED_BOT_SCOPES, SLASH_COMMAND } from '../../../src/slack/contract.js';

interface Manifest {
  display_information: { name: string };
  features: {
    app_home?: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; url?: string; usage_hint: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('declares the slash command the bot registers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
  });

  it('lists every registry subcommand, and only those, in the usage hint (one `name args` segment each)', () => {
    const hint = manifest.features.slash_commands[0]?.usage_hint ?? '';
    const named = hint.split('|').map((segment) => segment.trim().split(' ')[0]);
    expect([...named].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('declares exactly the bot scopes the code uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(REQUIRED_BOT_SCOPES).sort());
  });

  it('enables interactivity (buttons) and Socket Mode, with HTTP request_url placeholders on /slack/events', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toMatch(/^https:\/\/.+\/slack\/events$/);
    expect(manifest.features.slash_commands[0]?.url).toMatch(/^https:\/\/.+\/slack\/events$/);
  });

  it('enables the Home tab and subscribes exactly the bot events the code handles', () => {
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    // Home clicks are answered in the app's Messages tab, so users must see it (read-only).
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
    const events = manifest.settings.event_subscriptions?.bot_events ?? [];
    expect([...events].sort()).toEqual([...REQUIRED_BOT_EVENTS].sort());
    expect(manifest.settings.event_subscriptions?.request_url).toMatch(/^https:\/\/.+\/slack\/events$/);
  });

  it('has a name and a bot user', () => {
    expect(manifest.display_information.name).toBeTruthy();
    expect(manifest.features.bot_user.display_name).toBeTruthy();
  });
});
