/**
 * Active Directory's objectGUID is 16 bytes whose first three fields are little-endian; its
 * text form (as AD's own tools print it) is the usual UUID layout. entryUUID is already text.
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Byte order of the text form's 16 bytes within objectGUID. */
const ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];

export function guidFromBytes(bytes: Buffer): string {
  const hex = ORDER.map((i) => bytes[i]!.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function guidToBytes(guid: string): Buffer {
  const text = Buffer.from(guid.replace(/-/g, ''), 'hex');
  const bytes = Buffer.alloc(16);
  ORDER.forEach((from, to) => {
    bytes[from] = text[to]!;
  });
  return bytes;
}
