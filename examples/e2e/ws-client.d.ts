/** Types of `ws-client.js`: a protocol client for tests and the benchmark. */
import type { Delta, RunFinishedMessage, RunStatus, ServerMessage, WidgetValue } from '@mini-st/protocol';
import type WebSocket from 'ws';

export declare const STREAM_PATH: string;
export declare const PROTOCOL_VERSION: number;

/** One server message as it arrived: parsed, its size on the wire, `performance.now()` on arrival. */
export interface Received {
  message: ServerMessage;
  bytes: number;
  at: number;
}

export interface WsClientOptions {
  /** Origin header; defaults to the app's own origin, as a page would send. `null` sends none. */
  origin?: string | null;
  /** Resume this session (the hello carries it). */
  sessionId?: string;
  /** Widget values the hello carries. */
  widgets?: Record<string, WidgetValue>;
  /** `page` of the hello; defaults to "/". */
  page?: string;
  /** `false` opens the socket without saying hello. */
  hello?: boolean;
}

export interface WaitOptions {
  /** Only messages at this index of `received` or later (see `mark()`). Defaults to 0. */
  after?: number;
  timeoutMs?: number;
}

/** One run caused by `rerun()`. */
export interface RunResult {
  runId: number;
  status: RunStatus;
  counts: RunFinishedMessage['counts'];
  /** The run's messages, from its run_started to its run_finished. */
  messages: ServerMessage[];
  /** Every delta of the run, in order. */
  deltas: Delta[];
  /** Messages and bytes received from the send to run_finished. */
  messageCount: number;
  bytes: number;
  /** From the send to the arrival of run_finished. */
  elapsedMs: number;
}

export interface WsClient {
  readonly ws: WebSocket;
  readonly received: Received[];
  readonly messages: ServerMessage[];
  /** From session_start, once it arrived. */
  readonly sessionId: string | undefined;
  /** Set once the socket closed. */
  readonly closed: { code: number; reason: string } | null;
  /** The index the next message will get: pass it as `after` to wait only for newer messages. */
  mark(): number;
  send(message: unknown): void;
  waitFor<T extends ServerMessage>(predicate: (m: ServerMessage) => m is T, options?: WaitOptions): Promise<T>;
  waitFor(predicate: (m: ServerMessage) => boolean, options?: WaitOptions): Promise<ServerMessage>;
  /** Send a rerun and wait for the run it starts to finish. */
  rerun(widgets: Record<string, WidgetValue>, trigger?: string, options?: { timeoutMs?: number }): Promise<RunResult>;
  stop(): void;
  waitForClose(options?: { timeoutMs?: number }): Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export declare function wsClient(appUrl: string, options?: WsClientOptions): Promise<WsClient>;
