/**
 * Flow control for the frames one page sends: a token bucket, so that one connection that floods
 * the server gets a bounded share of it and every other session keeps being served. A page sends
 * one frame per interaction and never comes near the limits; a client past them is slowed down
 * first (its socket stops being read, so the flood waits in its own TCP buffers, not in our
 * memory), and closed only when it keeps writing without reading. websocket.ts puts one gate in
 * front of each connection's handler.
 */

export interface InboundLimits {
  /** Frames a second a connection may sustain. */
  rate: number;
  /** Frames it may send at once, above the rate (the bucket's size). */
  burst: number;
  /** Frames held while the connection is slowed down; one more and it is closed. */
  backlog: number;
}

/**
 * Far above what a page sends (one frame per click or edit), and above a client that waits for
 * each answer before it sends again (benchmarks, tests): such a client can never queue. What these
 * stop is a client that writes without reading: it is slowed, then closed. At this rate one
 * connection can have a few percent of the main thread at most (a frame costs ~10 µs to admit).
 */
export const DEFAULT_INBOUND_LIMITS: InboundLimits = { rate: 2000, burst: 2000, backlog: 1000 };

/** Each 64 KiB of a frame costs one more token, so a few huge frames weigh like many small ones. */
const BYTES_PER_TOKEN = 64 * 1024;

export interface InboundGateEvents {
  /** A frame whose turn has come. */
  deliver(text: string): void;
  /** Stop reading the socket (the flood waits in TCP), and start again. */
  pause(): void;
  resume(): void;
  /** The backlog overflowed: close the connection. Nothing is delivered after this. */
  overflow(): void;
}

/**
 * One connection's gate. `push` every frame; `close` when the socket closes.
 *
 * @example
 * const gate = new InboundGate(DEFAULT_INBOUND_LIMITS, { deliver, pause: () => ws.pause(), resume: () => ws.resume(), overflow });
 * ws.on('message', (data) => gate.push(String(data)));
 */
export class InboundGate {
  private readonly limits: InboundLimits;
  private readonly events: InboundGateEvents;
  private readonly now: () => number;
  private tokens: number;
  private refilledAt: number;
  private readonly queue: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(limits: InboundLimits, events: InboundGateEvents, now: () => number = () => performance.now()) {
    this.limits = limits;
    this.events = events;
    this.now = now;
    this.tokens = limits.burst;
    this.refilledAt = now();
  }

  push(text: string): void {
    if (this.closed) return;
    if (this.queue.length === 0 && this.take(text)) {
      this.events.deliver(text);
      return;
    }
    if (this.queue.length >= this.limits.backlog) {
      this.close();
      this.events.overflow();
      return;
    }
    if (this.queue.length === 0) this.events.pause();
    this.queue.push(text);
    this.schedule();
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    clearTimeout(this.timer);
  }

  /** Spends the frame's tokens if the bucket has them. A frame dearer than the burst waits for a full bucket. */
  private take(text: string): boolean {
    this.refill();
    const cost = 1 + Math.floor(text.length / BYTES_PER_TOKEN);
    if (this.tokens < Math.min(cost, this.limits.burst)) return false;
    this.tokens -= cost;
    return true;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.limits.rate);
    this.refilledAt = now;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) / this.limits.rate) * 1000));
    this.timer = setTimeout(() => this.drain(), wait);
  }

  private drain(): void {
    this.timer = undefined;
    while (!this.closed && this.queue.length > 0 && this.take(this.queue[0]!)) this.events.deliver(this.queue.shift()!);
    if (this.closed) return;
    if (this.queue.length === 0) this.events.resume();
    else this.schedule();
  }
}
