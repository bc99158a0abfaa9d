// Tables kept for peers, addresses and messages must not grow with whatever the network
// sends. A Map or Set keeps insertion order, so putting a key back at the end on every use
// leaves the one used least recently first: that is the one forgotten.

/** Remembers `key` as used just now; past `max` entries the least recently used is forgotten. */
export function rememberBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  forgetOldest(map, max);
}

/** The same for a Set: `item` counts as used just now. */
export function addBounded<T>(set: Set<T>, item: T, max: number): void {
  set.delete(item);
  set.add(item);
  forgetOldest(set, max);
}

function forgetOldest<K>(
  entries: { readonly size: number; keys(): Iterable<K>; delete(key: K): boolean },
  max: number,
): void {
  if (entries.size <= max) return; // the usual case, on every packet: no iterator made
  for (const key of entries.keys()) {
    if (entries.size <= max) return;
    entries.delete(key);
  }
}
