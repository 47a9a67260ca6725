/**
 * AppTest wrappers for the media and file widgets: `at.file_uploader[i].upload([...])` puts files
 * as if the page had uploaded them (the type filter is checked, as the server does), and
 * `at.download_button[i]` clicks like a button and reads its static file. They register with
 * `elements.ts` instead of being imported by it, which keeps the module graph free of cycles.
 */
import { randomBytes } from 'node:crypto';
import type { DownloadButtonElement, FileUploaderElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { acceptsName, extensionOfName, type UploadRecord } from '../media/session-media.js';
import { typeOfName } from '../media/mime.js';
import type { UploadedFile } from '../st/files.js';
import { Button, Widget, widgetWrappers, type Driver } from './elements.js';

/** A file to upload in a test. */
export interface TestFile {
  name: string;
  /** MIME type (default: from the name's extension). */
  type?: string;
  /** Text (UTF-8) or bytes. */
  data: string | Uint8Array;
}

export class FileUploaderWidget<A = unknown> extends Widget<UploadedFile | UploadedFile[] | null, A> {
  declare readonly proto: FileUploaderElement;

  /** What the script sees: the file (or null), or the list with `accept_multiple_files`. */
  override get value(): UploadedFile | UploadedFile[] | null {
    const files = (super.value as UploadedFile[] | undefined) ?? [];
    return this.proto.multiple ? files : (files[0] ?? null);
  }

  /**
   * Upload these files for the next run (they replace what the uploader holds). A name the
   * uploader's `type` refuses throws `MST_ERR_UPLOAD_TYPE`, as the server's answer would.
   *
   * @example
   * await at.file_uploader[0].upload([{ name: "data.csv", data: "a,b\n1,2" }]).run();
   */
  upload(files: readonly TestFile[]): this {
    if (!this.proto.multiple && files.length > 1) throw new Error(`file_uploader "${this.label}" takes one file (accept_multiple_files is off)`);
    const ids: string[] = [];
    for (const file of files) {
      if (!acceptsName(this.proto.accept, file.name)) {
        throw new MiniStError('MST_ERR_UPLOAD_TYPE', { name: file.name, ext: extensionOfName(file.name) || 'files without an extension', accepted: this.proto.accept!.join(', ') });
      }
      const data = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data;
      const bytes = new SharedArrayBuffer(data.byteLength);
      new Uint8Array(bytes).set(data);
      const record: UploadRecord = {
        fileId: randomBytes(12).toString('base64url'),
        widgetId: this.id,
        name: file.name,
        type: file.type ?? typeOfName(file.name),
        size: data.byteLength,
        bytes,
      };
      this.driver.upload?.(record);
      ids.push(record.fileId);
    }
    this.driver.queue(this.id, ids.join(','));
    return this;
  }

  /** Remove every file, as the page's remove buttons would. */
  clear(): this {
    this.driver.queue(this.id, '');
    return this;
  }
}

export class DownloadButtonWidget<A = unknown> extends Button<A> {
  declare readonly proto: DownloadButtonElement;

  get file_name(): string {
    return this.proto.fileName;
  }

  /** The bytes static data serves (null for a function's download: see `at.downloads`). */
  get data(): Uint8Array | null {
    return this.proto.url === null ? null : (this.driver.media?.(this.proto.url) ?? null);
  }
}

widgetWrappers.set('file_uploader', (element, driver) => new FileUploaderWidget(element as FileUploaderElement, driver as Driver<unknown>));
widgetWrappers.set('download_button', (element, driver) => new DownloadButtonWidget(element as DownloadButtonElement, driver as Driver<unknown>));
