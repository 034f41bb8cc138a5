import type { webApi } from '@slack/bolt';
import { SlackApiError } from '../shared/errors.js';
import type { UploadFile } from '../watcher/chat-port.js';
import { toSlackApiError } from './slack-api-error.js';

/**
 * Slack's external upload flow (`files.upload` is retired): `files.getUploadURLExternal` for an upload URL and a
 * file id, a POST of the bytes to that URL, then `files.completeUploadExternal`, which shares the file into the
 * channel (and thread) when one is given, or leaves it private for an `image` block's `slack_file`.
 */
export async function uploadExternal(
  client: webApi.WebClient,
  file: UploadFile,
): Promise<{ fileId: string }> {
  const target = file.channel ?? 'files';
  let ticket: { upload_url?: string; file_id?: string };
  try {
    ticket = await client.files.getUploadURLExternal({
      filename: file.filename,
      length: file.bytes.length,
      alt_text: file.altText.slice(0, 1000),
    });
  } catch (error) {
    throw toSlackApiError('files.getUploadURLExternal', error, target);
  }
  if (!ticket.upload_url || !ticket.file_id)
    throw new SlackApiError('files.getUploadURLExternal', 'no_upload_url', { channel: target });
  const response = await fetch(ticket.upload_url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(file.bytes),
  });
  if (!response.ok) throw new SlackApiError('files.upload', `http_${response.status}`, { channel: target });
  try {
    const files: [{ id: string; title: string }] = [{ id: ticket.file_id, title: file.title }];
    if (file.channel && file.threadTs) {
      await client.files.completeUploadExternal({
        files,
        channel_id: file.channel,
        thread_ts: file.threadTs,
      });
    } else if (file.channel) {
      await client.files.completeUploadExternal({ files, channel_id: file.channel });
    } else {
      await client.files.completeUploadExternal({ files });
    }
  } catch (error) {
    throw toSlackApiError('files.completeUploadExternal', error, target);
  }
  return { fileId: ticket.file_id };
}
