import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/bridge-context';

/** Types main may answer with; anything else (SVG included) is never drawn. */
const PICTURE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[a-z0-9+/]*={0,2}$/i;

/** Pictures already here, by hash: the same picture is asked for once per window. */
const known = new Map<string, string>();
/** Hashes main could not give: asked again only after a while. */
const missing = new Map<string, number>();
const RETRY_MS = 60_000;
/** Pictures kept at most in one window (a few kilobytes each). */
const KEEP = 500;

/** An avatar picture by its hash as a data: URL; undefined until it is here (letters meanwhile). */
export function useAvatarPicture(hash: string): string | undefined {
  const { api } = useBridge();
  const [, setLoaded] = useState(0);

  useEffect(() => {
    if (known.has(hash) || Date.now() - (missing.get(hash) ?? -RETRY_MS) < RETRY_MS) return;
    let current = true;
    api.getAvatar({ hash }).then(
      ({ mimeType, base64 }) => {
        if (!PICTURE_TYPES.has(mimeType) || !BASE64.test(base64)) return;
        known.set(hash, `data:${mimeType};base64,${base64}`);
        for (const old of known.keys()) {
          if (known.size <= KEEP) break;
          known.delete(old);
        }
        if (current) setLoaded((n) => n + 1);
      },
      () => missing.set(hash, Date.now()),
    );
    return () => {
      current = false;
    };
  }, [api, hash]);

  return known.get(hash);
}
