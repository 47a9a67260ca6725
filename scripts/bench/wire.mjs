/**
 * What crosses the wire when 1 of 1,000 elements changes: `mini-st run app-1000.ts`, one protocol
 * client, the slider moved `count` times after `warmup`; bytes, frames and deltas received from
 * the send to `run_finished` (medians), beside the first run's full page for scale.
 */
import { wsClient } from '../../examples/e2e/ws-client.js';
import { startServer, withServerOutput } from './load.mjs';

const APP = 'scripts/bench/app-1000.ts';

export async function wireOneOfThousand({ count = 50, warmup = 5 } = {}) {
  const server = await startServer({ app: APP });
  let client;
  try {
    client = await wsClient(server.url);
    const first = await client.waitFor((m) => m.type === 'run_finished', { timeoutMs: 30_000 });
    if (first.status !== 'ok') throw new Error(`the first run of ${APP} ended with status ${first.status}`);
    const firstRun = {
      bytes: client.received.reduce((n, e) => n + e.bytes, 0),
      messages: client.received.length,
      elements: client.messages.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).filter((d) => d.element).length,
    };
    const slider = client.messages.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).find((d) => d.element?.type === 'slider').element;
    const samples = { bytes: [], messages: [], deltas: [], ms: [] };
    let value = slider.value;
    for (let i = 0; i < warmup + count; i++) {
      value = value >= slider.max ? slider.min : value + slider.step;
      const run = await client.rerun({ [slider.id]: value }, undefined, { timeoutMs: 30_000 });
      if (run.status !== 'ok') throw new Error(`rerun ${i} ended with status ${run.status}`);
      if (i < warmup) continue;
      samples.bytes.push(run.bytes);
      samples.messages.push(run.messageCount);
      samples.deltas.push(run.deltas.length);
      samples.ms.push(run.elapsedMs);
    }
    return { firstRun, samples };
  } catch (error) {
    throw withServerOutput(error, server);
  } finally {
    await client?.close();
    await server.stop();
  }
}
