import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/bridge-context';
import { describeError } from '../bridge/errors';
import type { PickedFile, StagingProgress } from '../bridge/picked-files';
import { useAppStore } from '../store/store-context';

/** An offer not made by then shows "Preparing the files" (a quick one shows nothing). */
const PREPARING_AFTER_MS = 400;

export interface FileOffer {
  /** Offer picked or dropped files (and folders) to the conversation's peer. */
  offer(picked: readonly PickedFile[], options?: { image?: boolean }): Promise<void>;
  /** Offer a picture main already has a file of (a screenshot). */
  offerPicture(path: string): Promise<void>;
  /** While files are made ready (uploaded, headless; checksummed by main); null otherwise. */
  preparing: StagingProgress | null;
  /** Why the last offer failed, in the user's language; null when it did not. */
  error: string | null;
  /** Say why files could not be offered (a drop that could not be read). */
  fail(failure: unknown): void;
  /** Say something about sending files in plain words (not an offer that failed). */
  explain(message: string): void;
}

/**
 * Offering files from a chat window: local paths first (Electron asks the preload;
 * headless uploads), then offerFiles. The transfer main answers goes into the store
 * at once, so the card shows before the message event arrives.
 */
export function useFileOffer(conversationId: string): FileOffer {
  const { t } = useTranslation();
  const { api, localFiles } = useBridge();
  const upsertTransfers = useAppStore((state) => state.upsertTransfers);
  const [preparing, setPreparing] = useState<StagingProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const abort = useRef<AbortController | null>(null);

  // A window closing mid-upload stops it.
  useEffect(() => () => abort.current?.abort(), []);

  const send = useCallback(
    async (
      localPaths: (controller: AbortController) => Promise<string[]>,
      options: { image?: boolean },
    ) => {
      if (busy.current) return;
      busy.current = true;
      setError(null);
      const controller = new AbortController();
      abort.current = controller;
      // Main reads every file's SHA-256 before the offer goes out (about 1 s per GiB):
      // an offer that takes a moment says it is being prepared, rather than nothing.
      const slow = setTimeout(
        () => setPreparing((now) => now ?? { bytesDone: 0, totalBytes: 0 }),
        PREPARING_AFTER_MS,
      );
      try {
        const paths = await localPaths(controller);
        const transfer = await api.offerFiles({
          conversationId,
          paths,
          ...(options.image ? { image: true } : {}),
        });
        upsertTransfers([transfer]);
      } catch (failure) {
        if (!controller.signal.aborted)
          setError(t('transfer.offerFailed', { message: describeError(failure) }));
      } finally {
        clearTimeout(slow);
        busy.current = false;
        abort.current = null;
        setPreparing(null);
      }
    },
    [api, conversationId, upsertTransfers, t],
  );

  const offer = useCallback(
    async (picked: readonly PickedFile[], options: { image?: boolean } = {}) => {
      if (picked.length === 0) return;
      await send(async (controller) => {
        if (localFiles.uploads) setPreparing({ bytesDone: 0, totalBytes: 0 });
        return localFiles.pathsFor(picked, setPreparing, controller.signal);
      }, options);
    },
    [send, localFiles],
  );

  const offerPicture = useCallback(
    (path: string) => send(async () => [path], { image: true }),
    [send],
  );

  const fail = useCallback(
    (failure: unknown) => setError(t('transfer.offerFailed', { message: describeError(failure) })),
    [t],
  );
  const explain = useCallback((message: string) => setError(message), []);
  return { offer, offerPicture, preparing, error, fail, explain };
}
