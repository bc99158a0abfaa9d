import { clipboard } from 'electron';

/** The clipboard's picture as PNG bytes; empty when it holds none (or cannot be read). */
export async function clipboardPng(): Promise<Uint8Array> {
  try {
    for (const item of await clipboard.read()) {
      if (!item.types.includes('image/png')) continue;
      const blob = await item.getType('image/png');
      if (blob instanceof Blob) return new Uint8Array(await blob.arrayBuffer());
    }
  } catch {
    // A clipboard another program holds open: as good as empty for now.
  }
  return new Uint8Array(0);
}
