/**
 * Watches the script's local files for saves. Editors often save by writing a new file and
 * renaming it over the old one, which ends a watch on the file itself, so the folders are
 * watched and events are matched by file name. Bursts of events become one change.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export class SourceWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private files = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly onChange: () => void;

  constructor(onChange: () => void) {
    this.onChange = onChange;
  }

  /** Watch exactly these files (absolute paths) from now on. */
  setFiles(files: readonly string[]): void {
    this.files = new Set(files.map((file) => path.resolve(file)));
    const folders = new Set([...this.files].map((file) => path.dirname(file)));
    for (const [folder, watcher] of this.watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
    for (const folder of folders) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (name && this.files.has(path.join(folder, name.toString()))) this.changed();
        });
        watcher.on('error', () => {});
        this.watchers.set(folder, watcher);
      } catch {
        // A folder that vanished cannot be watched; the next good compile resets the list.
      }
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, 30);
  }
}
