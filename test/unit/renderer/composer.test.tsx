// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src-renderer/bridge/errors';
import { peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice' });
const chat = { hash: `#/chat/${alice.id}`, snapshot: snapshot({ peers: [alice] }) };

async function openComposer(language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({ ...chat, languageOverride: language });
  const name = language === 'en' ? 'Message' : '消息';
  const box = (await screen.findByRole('textbox', { name })) as HTMLTextAreaElement;
  return { ...view, box, user: userEvent.setup() };
}

describe('the composer', () => {
  it('sends with Enter and empties the box', async () => {
    const { fake, box, user } = await openComposer();
    await user.type(box, 'hello{Enter}');
    expect(fake.api.sendMessage).toHaveBeenCalledWith({ conversationId: alice.id, text: 'hello' });
    await screen.findByText('hello'); // the returned message is shown at once
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
  });

  it('sends the next message while the previous one is still on its way', async () => {
    const { fake, box, user } = await openComposer();
    // The first request hangs: Enter on the second message must still send it.
    let release: () => void = () => undefined;
    const first = fake.api.sendMessage.getMockImplementation();
    fake.api.sendMessage.mockImplementationOnce(
      (request) =>
        new Promise((resolve) => {
          release = () => resolve(first!(request));
        }),
    );
    await user.type(box, 'one{Enter}');
    expect(box.value).toBe('');
    await user.type(box, 'two{Enter}');
    expect(fake.api.sendMessage.mock.calls.map(([request]) => request?.text)).toEqual([
      'one',
      'two',
    ]);
    expect(box.value).toBe('');
    release();
    await screen.findByText('one');
    await screen.findByText('two');
  });

  it('starts a new line with Shift+Enter and sends both lines', async () => {
    const { fake, box, user } = await openComposer();
    await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(fake.api.sendMessage).not.toHaveBeenCalled();
    expect(box.value).toBe('line one\nline two');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(fake.api.sendMessage).toHaveBeenCalledWith({
      conversationId: alice.id,
      text: 'line one\nline two',
    });
  });

  it('never sends on the Enter that confirms an IME composition', async () => {
    const { fake, box } = await openComposer('zh-CN');
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: 'ni hao' } });
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true, keyCode: 229 });
    fireEvent.compositionEnd(box, { data: '你好' });
    fireEvent.change(box, { target: { value: '你好' } });
    expect(fake.api.sendMessage).not.toHaveBeenCalled();
    // A Safari-style confirming Enter: after compositionend, flagged only by keyCode 229.
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    expect(fake.api.sendMessage).not.toHaveBeenCalled();
    // The next, ordinary Enter sends.
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 });
    expect(fake.api.sendMessage).toHaveBeenCalledWith({ conversationId: alice.id, text: '你好' });
  });

  it('keeps Send disabled while there is nothing to send', async () => {
    const { fake, box, user } = await openComposer();
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    await user.type(box, '   {Enter}');
    expect(send.disabled).toBe(true);
    expect(fake.api.sendMessage).not.toHaveBeenCalled();
    await user.type(box, 'x');
    expect(send.disabled).toBe(false);
  });

  it('shows a refused send as an alert and keeps the text', async () => {
    const { fake, box, user } = await openComposer();
    fake.api.sendMessage.mockRejectedValueOnce(
      new BridgeError('invalid-request', 'Invalid sendMessage request at text: Too big'),
    );
    await user.type(box, 'far too long{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not send: Invalid sendMessage request at text: Too big');
    expect(box.value).toBe('far too long');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    // Sending again clears the alert once it works.
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(box.value).toBe('');
  });

  it("refuses text over the limit in the user's language, before sending, and keeps it", async () => {
    const { fake, box } = await openComposer('zh-CN');
    const long = '长'.repeat(20001);
    fireEvent.change(box, { target: { value: long } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('消息太长（20001 个字符，最多 20000 个）');
    expect(fake.api.sendMessage).not.toHaveBeenCalled();
    expect(box.value).toBe(long);
  });
});
