import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/** Encodes RGBA pixels as a PNG (8-bit, colour type 6). */
function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 4 + 1)] = 0;
    for (let x = 0; x < width; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (width * 4 + 1) + 1 + x * 4);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A speech bubble: a rounded body and a tail at the lower left, in a size-independent frame. */
function inBubble(x: number, y: number, size: number): boolean {
  const u = x / size;
  const v = y / size;
  const body = u > 0.18 && u < 0.82 && v > 0.22 && v < 0.66;
  const tail = v >= 0.66 && v < 0.8 && u > 0.28 && u < 0.42 && u - 0.28 < (0.8 - v) * 1.1;
  return body || tail;
}

const blue: [number, number, number, number] = [0, 47, 108, 255];
const white: [number, number, number, number] = [255, 255, 255, 255];
const red: [number, number, number, number] = [186, 12, 47, 255];

/** Teams app icons: full colour 192×192, and a white outline on transparency 32×32. */
writeFileSync(
  'teams/color.png',
  png(192, 192, (x, y) => (y > 160 ? red : inBubble(x, y, 192) ? white : blue)),
);
writeFileSync(
  'teams/outline.png',
  png(32, 32, (x, y) => {
    const inside = inBubble(x, y, 32);
    const edge =
      inside &&
      (!inBubble(x - 2, y, 32) || !inBubble(x + 2, y, 32) || !inBubble(x, y - 2, 32) || !inBubble(x, y + 2, 32));
    return edge ? white : [0, 0, 0, 0];
  }),
);
