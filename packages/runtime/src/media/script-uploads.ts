/**
 * The script side of uploads: the files the page uploaded for this session, as the runner received
 * them (`upload` / `upload_removed` messages), kept beside the session's script state so
 * `st.file_uploader` can hand the script `UploadedFile`s synchronously. Bytes stay in the
 * SharedArrayBuffer the main thread filled.
 */
import type { SessionToRunner } from '../runner/messages.js';
import type { ScriptState } from '../st/script-state.js';
import type { UploadRecord } from './session-media.js';

export class ScriptUploads {
  private readonly files = new Map<string, UploadRecord>();

  receive(message: Extract<SessionToRunner, { type: 'upload' | 'upload_removed' }>): void {
    if (message.type === 'upload') this.files.set(message.file.fileId, message.file);
    else this.files.delete(message.fileId);
  }

  get(fileId: string): UploadRecord | undefined {
    return this.files.get(fileId);
  }

  /** AppTest: put a file as if the page had uploaded it. */
  put(record: UploadRecord): void {
    this.files.set(record.fileId, record);
  }
}

const bySession = new WeakMap<ScriptState, ScriptUploads>();

/** The uploads of the session whose script state this is. */
export function uploadsOf(state: ScriptState): ScriptUploads {
  let uploads = bySession.get(state);
  if (!uploads) bySession.set(state, (uploads = new ScriptUploads()));
  return uploads;
}
