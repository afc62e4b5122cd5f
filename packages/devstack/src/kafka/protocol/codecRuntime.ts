/** Small helpers shared by the generated message codecs. */
import { Reader } from './reader';
import { Writer } from './writer';

export const EMPTY_BUFFER = Buffer.alloc(0);
export const ZERO_UUID = '00000000000000000000000000000000';

export function readArray<T>(
  r: Reader,
  flexible: boolean,
  readElement: () => T,
): T[] | null {
  const n = r.arrayLength(flexible);
  if (n < 0) return null;
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = readElement();
  return out;
}

export function writeArray<T>(
  w: Writer,
  flexible: boolean,
  items: readonly T[] | null | undefined,
  writeElement: (item: T) => void,
): void {
  if (items === null || items === undefined) {
    w.arrayLength(null, flexible);
    return;
  }
  w.arrayLength(items.length, flexible);
  for (const item of items) writeElement(item);
}

export type TaggedWrite = [tag: number, write: (w: Writer) => void];

/** Writes a tagged-field section; entries must be sorted by tag. */
export function writeTaggedFields(w: Writer, tagged: TaggedWrite[]): void {
  w.uvarint(tagged.length);
  for (const [tag, write] of tagged) {
    const sub = new Writer(64);
    write(sub);
    const body = sub.toBuffer();
    w.uvarint(tag);
    w.uvarint(body.length);
    w.raw(body);
  }
}
