/**
 * Escapes `&`, `<` and `>` so an EM or user string renders as text in mrkdwn: `<!channel>` pings nobody and
 * `<https://evil.example|click>` is no link. Slack documents only these three as control characters.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
