/**
 * One browser tab's session: its script runner, its outgoing queue, and the connection it is
 * attached to (none while the page reconnects). It outlives a dropped socket, so a reconnecting
 * page resumes with its widget values and session_state; the manager disposes of it after the
 * disconnected-session TTL.
 */
import { PROTOCOL_VERSION, type ClientMessage, type HelloMessage, type ServerMessage } from '@mini-st/protocol';
import type { RunnerToSession } from '../runner/messages.js';
import { ScriptRunner, type ScriptLoader } from '../runner/script-runner.js';
import { OutgoingQueue } from './outgoing-queue.js';
import type { ClientConnection } from './types.js';

export interface AppSessionOptions {
  id: string;
  loader: ScriptLoader;
  scriptName: string;
  runOnSave: boolean;
}

export class AppSession {
  readonly id: string;
  private readonly options: AppSessionOptions;
  private readonly runner: ScriptRunner;
  private readonly outgoing: OutgoingQueue;
  private connection: ClientConnection | null = null;
  /** When the page went away (for the TTL), or null while connected. */
  disconnectedAt: number | null = null;

  constructor(options: AppSessionOptions) {
    this.id = options.id;
    this.options = options;
    this.outgoing = new OutgoingQueue((messages) => this.write(messages));
    this.runner = new ScriptRunner(options.loader, (message) => this.fromRunner(message));
  }

  /** A page said hello on `connection`: attach, greet, and run with the page's widget values. */
  attach(connection: ClientConnection, hello: HelloMessage, resumed: boolean): void {
    if (this.connection && this.connection !== connection) this.connection.close(1000, 'session resumed elsewhere');
    this.connection = connection;
    this.disconnectedAt = null;
    this.outgoing.reset();
    this.outgoing.send({
      type: 'session_start',
      protocol: PROTOCOL_VERSION,
      sessionId: this.id,
      resumed,
      scriptName: this.options.scriptName,
      runOnSave: this.options.runOnSave,
    });
    this.runner.post({ type: 'rerun', widgets: hello.widgets, triggers: [] });
  }

  /** The socket closed; the session waits for the page to come back. */
  detach(connection: ClientConnection): void {
    if (this.connection !== connection) return;
    this.connection = null;
    this.disconnectedAt = Date.now();
  }

  get connected(): boolean {
    return this.connection !== null;
  }

  handle(message: Exclude<ClientMessage, HelloMessage>): void {
    switch (message.type) {
      case 'rerun':
        this.runner.post({ type: 'rerun', widgets: message.widgets, triggers: message.trigger ? [message.trigger] : [] });
        return;
      case 'stop':
        this.runner.post({ type: 'stop' });
        return;
      default:
        message satisfies never;
    }
  }

  /** A source file was saved. */
  sourceChanged(): void {
    if (this.options.runOnSave) this.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    else this.outgoing.send({ type: 'source_changed' });
  }

  /** Resolves when the runner has nothing to do (tests). */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  dispose(): void {
    this.runner.post({ type: 'shutdown' });
    this.connection?.close(1001, 'session closed');
    this.connection = null;
  }

  private fromRunner(message: RunnerToSession): void {
    switch (message.type) {
      case 'run_started':
        this.outgoing.runStarted(message.runId);
        return;
      case 'delta':
        this.outgoing.delta(message.runId, message.delta);
        return;
      case 'run_finished':
        this.outgoing.runFinished(message.runId, message.status, message.counts);
        return;
      case 'navigate':
        this.outgoing.send({ type: 'navigate', url: message.url });
        return;
      default:
        message satisfies never;
    }
  }

  private write(messages: ServerMessage[]): void {
    const connection = this.connection;
    if (!connection) return;
    for (const message of messages) connection.send(message);
  }
}
