import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { MAX_MESSAGE_CHARS } from '../../../src-shared/contract/channel-names';
import { failureText } from '../../bridge/known-problems';
import { useTypingSignal } from '../../hooks/use-typing-signal';
import type { FileOffer } from '../../hooks/use-file-offer';
import { useImageIntake } from '../../hooks/use-image-intake';
import { AttachButtons } from '../transfer/AttachButtons';
import { PreparingFiles } from '../transfer/PreparingFiles';
import { useAppStore } from '../../store/store-context';
import { EmojiPicker } from './EmojiPicker';
import { ScreenshotButton } from './ScreenshotButton';
import { ShakeButton } from './ShakeButton';
import { MentionChoices, mentionBeingTyped } from './MentionChoices';
import { SealToggle } from './Sealed';
import { isPlainConversation } from '../../format/plain-contact';
import { isGroupId } from '../../../src-shared/contract/group-ids';
import { isSendKey } from '../../format/send-key';
import { readDraft, saveDraft } from '../../store/drafts';
import { quoteHead } from '../../format/quote';
import { useQuote, useQuotes } from '../../store/quotes';
import { QuoteDraft } from './QuoteDraft';

/**
 * Where a message is typed. Enter (or Ctrl+Enter, by the user's setting) sends, but an
 * Enter that confirms an IME composition (how Chinese is typed) never sends. The
 * peer is told when the user types (once a composition is confirmed) and stops. What
 * is typed and not sent is kept as the conversation's draft for the next window.
 */
export function Composer({
  conversationId,
  onSent,
  files,
  mentionables,
}: {
  conversationId: string;
  onSent?(): void;
  /** In a group: the members' names, offered when `@` is typed. */
  mentionables?: readonly string[];
  /** Sending files from this window (the Send file button, pasted pictures). */
  files?: FileOffer;
}) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const upsertMessages = useAppStore((state) => state.upsertMessages);
  const typing = useTypingSignal(conversationId);
  const imageIntake = useImageIntake(files);
  const [text, setTextState] = useState(() => readDraft(conversationId));
  const setText = (next: string | ((current: string) => string)) =>
    setTextState((current) => {
      const value = typeof next === 'function' ? next(current) : next;
      saveDraft(conversationId, value);
      return value;
    });
  const sendKey = useAppStore((state) => state.self?.sendKey) ?? 'enter';
  const [error, setError] = useState<string | null>(null);
  /** "Seal" pressed: the next message goes out sealed. */
  const [sealed, setSealed] = useState(false);
  // A plain UDP program knows no sealing: no switch that would promise one.
  const peerClient = useAppStore((state) => state.peers.get(conversationId)?.client);
  // Nor does a group: its members' clients take no sealed group message.
  const canSeal = !isPlainConversation(conversationId) && !isGroupId(conversationId);
  const composing = useRef(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const errorId = useId();
  const canSend = text.trim().length > 0;
  const [caret, setCaret] = useState(0);
  const mentioning = mentionables ? mentionBeingTyped(text, caret) : undefined;

  /** `@partial` before the caret becomes `@name `, the caret after it. */
  const pickMention = (name: string) => {
    const start = caret - (mentioning ?? '').length;
    const inserted = `${name} `;
    setText(text.slice(0, start) + inserted + text.slice(caret));
    setCaret(start + inserted.length);
    requestAnimationFrame(() => {
      field.current?.focus();
      field.current?.setSelectionRange(start + inserted.length, start + inserted.length);
    });
  };
  // "Quote" in a message's menu: the reply goes out with the quote ahead of it.
  const quote = useQuote(conversationId);
  const setQuote = useQuotes((state) => state.set);

  useEffect(() => field.current?.focus(), [quote]);

  const send = async () => {
    if (!canSend) return;
    const typed = text;
    const outgoing = quote ? quoteHead(quote) + typed : typed;
    if (outgoing.length > MAX_MESSAGE_CHARS) {
      // Said in the user's language before anything is sent; the text stays in the box.
      setError(t('chat.tooLong', { max: MAX_MESSAGE_CHARS, count: outgoing.length }));
      return;
    }
    typing.stop();
    // The box empties at once, as in every messenger: the next message can be typed and
    // sent while this one is on its way (Enter is never swallowed by a send in flight).
    setText('');
    setError(null);
    const seal = sealed && canSeal;
    setSealed(false);
    try {
      const request = { conversationId, text: outgoing, ...(seal ? { sealed: true } : {}) };
      upsertMessages(await api.sendMessage(request));
      if (quote) setQuote(conversationId, undefined);
      onSent?.();
    } catch (failure) {
      setError(t('chat.sendFailed', { message: failureText(t, failure) }));
      // Nothing is lost: the text comes back unless something new was typed meanwhile.
      setText((current) => (current === '' ? typed : current));
      if (seal) setSealed(true);
    } finally {
      field.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const { key, shiftKey, altKey, ctrlKey, metaKey, keyCode } = event;
    const isComposing = event.nativeEvent.isComposing || composing.current;
    const pressed = { key, shiftKey, altKey, ctrlKey, metaKey, keyCode, isComposing };
    if (!isSendKey(pressed, sendKey)) return;
    event.preventDefault();
    void send();
  };

  /** An emoji goes where the caret is (replacing a selection), and the caret after it. */
  const insertEmoji = (emoji: string) => {
    const box = field.current;
    const start = box?.selectionStart ?? text.length;
    const end = box?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <QuoteDraft conversationId={conversationId} />
      <textarea
        ref={field}
        className="composer-input"
        aria-label={t('chat.message')}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        aria-invalid={error !== null}
        placeholder={t('chat.messagePlaceholder')}
        value={text}
        rows={3}
        onChange={(event) => {
          setText(event.target.value);
          setCaret(event.target.selectionStart);
          if (!composing.current) typing.typed(event.target.value);
        }}
        onKeyDown={onKeyDown}
        {...imageIntake}
        onBlur={typing.stop}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={(event) => {
          composing.current = false;
          // Some browsers send no change after the composition ends: the confirmed text counts here.
          if (event.currentTarget.value) typing.typed(event.currentTarget.value);
        }}
      />
      {mentionables && mentioning !== undefined && (
        <MentionChoices names={mentionables} partial={mentioning} onPick={pickMention} />
      )}
      {error && (
        <p id={errorId} className="composer-error" role="alert">
          {error}
        </p>
      )}
      {files?.error && (
        <p className="composer-error" role="alert">
          {files.error}
        </p>
      )}
      {files && <PreparingFiles files={files} />}
      <div className="composer-bar">
        <EmojiPicker onPick={insertEmoji} />
        {files && <AttachButtons files={files} />}
        {files && <ScreenshotButton files={files} />}
        {canSeal && <ShakeButton peerId={conversationId} />}
        <span id={hintId} className="composer-hint">
          {t(sendKey === 'ctrl-enter' ? 'chat.composerHintCtrl' : 'chat.composerHint')}
        </span>
        {canSeal && (
          <SealToggle on={sealed} onChange={setSealed} readUnreported={peerClient === 'iptux'} />
        )}
        <button type="submit" className="button button-primary composer-send" disabled={!canSend}>
          {t('chat.send')}
        </button>
      </div>
    </form>
  );
}
