/**
 * Gallery section for media and files: a PNG made from bytes in the script, an uploader that
 * echoes what it got, a download button and a link button.
 */
import { deflateSync } from 'node:zlib';
import { st } from 'mini-st';

/** CRC-32 (PNG chunks), table-free: small images only. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * An RGB gradient as PNG bytes, made here without any image library.
 *
 * @example st.image(gradientPng(64, 32));
 */
export function gradientPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([255 - (x * 200) / width, 75 + (y * 150) / height, 75 + (x * 180) / width], row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array(0))]);
}

export function mediaSection(): void {
  st.header('Media and files');
  st.image(gradientPng(96, 48), { caption: 'A PNG the script made from bytes', width: 192 });
  const file = st.file_uploader('Upload a file', { key: 'gallery_upload' });
  if (file) {
    st.text(`${file.name}: ${file.size} bytes (${file.type || 'unknown type'})`);
    if (file.type.startsWith('text/')) st.code(file.text().slice(0, 200).trimEnd(), { language: null });
  }
  st.download_button('Download a CSV', 'x,y\n1,2\n3,4\n', { file_name: 'numbers.csv', mime: 'text/csv', key: 'gallery_download' });
  st.link_button('Streamlit docs', 'https://docs.streamlit.io');
}
