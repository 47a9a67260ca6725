/**
 * `UploadedFile`: what `st.file_uploader` returns. Its bytes live in the SharedArrayBuffer the main
 * thread filled when the page uploaded the file; every read hands out a copy.
 */
import type { UploadRecord } from '../media/session-media.js';

/**
 * A file the person uploaded, as Streamlit's `UploadedFile`: its name, the type the browser
 * reported, its size, and its bytes (read synchronously; each call returns a fresh copy).
 */
export class UploadedFile {
  readonly file_id: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly #bytes: SharedArrayBuffer;

  /** @internal Made by `st.file_uploader`. */
  constructor(record: UploadRecord) {
    this.file_id = record.fileId;
    this.name = record.name;
    this.type = record.type;
    this.size = record.size;
    this.#bytes = record.bytes;
  }

  /**
   * The file's bytes (a copy, so changing it changes nothing else).
   * @example const png = file.bytes();
   */
  bytes(): Uint8Array {
    return new Uint8Array(new Uint8Array(this.#bytes));
  }

  /**
   * Streamlit's name for `bytes()`.
   * @example const data = file.getvalue();
   */
  getvalue(): Uint8Array {
    return this.bytes();
  }

  /**
   * The file as text (UTF-8 unless told otherwise).
   * @example const rows = file.text().split("\n");
   */
  text(encoding = 'utf-8'): string {
    return new TextDecoder(encoding).decode(new Uint8Array(this.#bytes));
  }

  /**
   * The bytes in an ArrayBuffer of their own.
   * @example const view = new DataView(file.arrayBuffer());
   */
  arrayBuffer(): ArrayBuffer {
    const copy = new ArrayBuffer(this.size);
    new Uint8Array(copy).set(new Uint8Array(this.#bytes));
    return copy;
  }
}
