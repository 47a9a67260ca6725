/**
 * The compiled script of a process, shared by every session: compiled once, again only after a
 * file it was built from changes. A compile error is printed to the terminal once per compile and
 * drawn in the page by every run that meets it.
 */
import { compileScript, type CompiledScript } from './compile.js';
import type { ScriptLoader } from './script-runner.js';

export class ScriptSource implements ScriptLoader {
  readonly scriptPath: string;
  private compiled: Promise<CompiledScript> | null = null;
  private knownFiles: string[];
  private readonly log: (message: string) => void;

  constructor(scriptPath: string, log: (message: string) => void = (message) => console.error(message)) {
    this.scriptPath = scriptPath;
    this.knownFiles = [scriptPath];
    this.log = log;
  }

  load(): Promise<CompiledScript> {
    this.compiled ??= compileScript(this.scriptPath).then(
      (script) => {
        this.knownFiles = script.files.includes(this.scriptPath) ? script.files : [this.scriptPath, ...script.files];
        return script;
      },
      (error: unknown) => {
        const code = (error as { code?: string }).code;
        this.log(`Error${code ? ` [${code}]` : ''}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      },
    );
    return this.compiled;
  }

  /** The local files of the last good compile (at least the script itself). */
  get files(): readonly string[] {
    return this.knownFiles;
  }

  /** A source file changed: compile again on the next load. */
  invalidate(): void {
    this.compiled = null;
  }
}
