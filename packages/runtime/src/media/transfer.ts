/**
 * What a worker's batch of events hands over instead of copying: the buffers of media bytes.
 * Each was made by the sender for this one message, so detaching it in the worker is safe.
 */
import type { FromWorker } from '../runner/worker-messages.js';

/**
 * The ArrayBuffers to transfer with `batch`.
 *
 * @example
 * port.postMessage(batch, transferablesOf(batch));
 */
export function transferablesOf(batch: readonly FromWorker[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { message } of batch) {
    if (message.type !== 'media') continue;
    for (const file of message.files) {
      const buffer = file.bytes?.buffer;
      // Only a buffer the sender made for exactly these bytes (never a shared or pooled one).
      if (buffer instanceof ArrayBuffer && file.bytes!.byteOffset === 0 && file.bytes!.byteLength === buffer.byteLength) buffers.add(buffer);
    }
  }
  return [...buffers];
}
