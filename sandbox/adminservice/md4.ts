/** MD4 (RFC 1320) for the NT password hash: OpenSSL 3 in Node 20 no longer offers it. */
export function md4(input: Buffer): Buffer {
  const bitLength = input.length * 8;
  const padded = Buffer.alloc(((input.length + 8) >> 6) * 64 + 64);
  input.copy(padded);
  padded[input.length] = 0x80;
  padded.writeUInt32LE(bitLength >>> 0, padded.length - 8);
  padded.writeUInt32LE(Math.floor(bitLength / 0x1_0000_0000), padded.length - 4);
  let a = 0x67452301;
  let b = 0xefcdab89;
  let c = 0x98badcfe;
  let d = 0x10325476;
  const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
  const f = (x: number, y: number, z: number): number => (x & y) | (~x & z);
  const g = (x: number, y: number, z: number): number => (x & y) | (x & z) | (y & z);
  const h = (x: number, y: number, z: number): number => x ^ y ^ z;
  for (let offset = 0; offset < padded.length; offset += 64) {
    const x = Array.from({ length: 16 }, (_, i) => padded.readUInt32LE(offset + i * 4));
    const [aa, bb, cc, dd] = [a, b, c, d];
    for (const i of [0, 4, 8, 12]) {
      a = rotl((a + f(b, c, d) + (x[i] as number)) >>> 0, 3);
      d = rotl((d + f(a, b, c) + (x[i + 1] as number)) >>> 0, 7);
      c = rotl((c + f(d, a, b) + (x[i + 2] as number)) >>> 0, 11);
      b = rotl((b + f(c, d, a) + (x[i + 3] as number)) >>> 0, 19);
    }
    for (const i of [0, 1, 2, 3]) {
      a = rotl((a + g(b, c, d) + (x[i] as number) + 0x5a827999) >>> 0, 3);
      d = rotl((d + g(a, b, c) + (x[i + 4] as number) + 0x5a827999) >>> 0, 5);
      c = rotl((c + g(d, a, b) + (x[i + 8] as number) + 0x5a827999) >>> 0, 9);
      b = rotl((b + g(c, d, a) + (x[i + 12] as number) + 0x5a827999) >>> 0, 13);
    }
    for (const i of [0, 2, 1, 3]) {
      a = rotl((a + h(b, c, d) + (x[i] as number) + 0x6ed9eba1) >>> 0, 3);
      d = rotl((d + h(a, b, c) + (x[i + 8] as number) + 0x6ed9eba1) >>> 0, 9);
      c = rotl((c + h(d, a, b) + (x[i + 4] as number) + 0x6ed9eba1) >>> 0, 11);
      b = rotl((b + h(c, d, a) + (x[i + 12] as number) + 0x6ed9eba1) >>> 0, 15);
    }
    a = (a + aa) >>> 0;
    b = (b + bb) >>> 0;
    c = (c + cc) >>> 0;
    d = (d + dd) >>> 0;
  }
  const out = Buffer.alloc(16);
  [a, b, c, d].forEach((word, i) => out.writeUInt32LE(word, i * 4));
  return out;
}
