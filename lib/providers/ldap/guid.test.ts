import { describe, expect, it } from 'vitest';
import { guidFromBytes, guidToBytes } from './guid';

describe('objectGUID', () => {
  // A GUID and its 16 bytes as AD stores them.
  const bytes = Buffer.from('fee6f4d9185e4f43a1c35c6a7c5e8f46', 'hex');
  const text = 'd9f4e6fe-5e18-434f-a1c3-5c6a7c5e8f46';

  it('reads the first three fields little-endian, the rest in order', () => {
    expect(guidFromBytes(bytes)).toBe(text);
  });

  it('turns the text form back into the stored bytes', () => {
    expect(guidToBytes(text).equals(bytes)).toBe(true);
    expect(guidToBytes(text.toUpperCase()).equals(bytes)).toBe(true);
  });
});
