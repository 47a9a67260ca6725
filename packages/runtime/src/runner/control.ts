/**
 * Control signals: how a stop or a rerun takes effect inside a running script. They are thrown at
 * `st.*` calls (checkpoints). They are deliberately not `Error` subclasses, so `catch (e) { if (e
 * instanceof Error) … }` in a user's code lets them pass; a bare `catch {}` can still swallow one,
 * so the run context stays "interrupted" and every later `st.*` call throws it again, and the
 * runner re-checks the context when the script returns.
 */

export type ControlKind =
  /** A newer rerun request is waiting: abandon this run. */
  | 'rerun'
  /** The page's Stop control. */
  | 'stop'
  /** `st.stop()`: the script ends here, as a normal end. */
  | 'script_stop'
  /** `st.rerun()`: end now and run again. */
  | 'script_rerun';

export class ControlSignal {
  readonly kind: ControlKind;
  constructor(kind: ControlKind) {
    this.kind = kind;
  }
  toString(): string {
    return `ControlSignal(${this.kind})`;
  }
}

export function isControlSignal(value: unknown): value is ControlSignal {
  return value instanceof ControlSignal;
}
