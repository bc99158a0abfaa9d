import type { MessengerCore } from '../../src-main/core/messenger-api';

/**
 * Send `count` messages of `text` to a conversation with at most `window` awaiting
 * acknowledgement; resolves when the last is delivered or failed.
 */
export async function sendBurst(
  core: MessengerCore,
  conversation: string,
  { count, window, text }: { count: number; window: number; text: string },
): Promise<{ seconds: number; delivered: number; failed: number }> {
  let sent = 0;
  let delivered = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (sent < count && sent - delivered - failed < window) {
        core.sendMessage({ conversationId: conversation, text });
        sent += 1;
      }
    };
    core.onEvent((event) => {
      if (event.type !== 'message' || event.message.direction !== 'out') return;
      if (event.message.state === 'delivered') delivered += 1;
      else if (event.message.state === 'failed') failed += 1;
      else return;
      if (delivered + failed === count) resolve();
      else pump();
    });
    pump();
  });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, delivered, failed };
}
