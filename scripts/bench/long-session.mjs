/**
 * One session driven for many thousands of reruns. The server admits at most a burst of 1,000
 * frames and then 200 a second per connection (server/inbound-gate.ts), far above what a page
 * sends but below a tight loop; so this client resumes the same session on a fresh connection
 * every `perConnection` reruns, as a page does after a dropped socket (hello with the session id).
 * The session, its runner and its state stay the same; only the socket changes.
 */
import { wsClient } from '../../examples/e2e/ws-client.js';

const sliderOf = (client) => client.messages.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).find((d) => d.element?.type === 'slider')?.element;

/**
 * Connect, wait for the first run, and find the slider.
 *
 * @example
 * const session = await longSession(app.url);
 * for (let i = 0; i < 10_000; i++) await session.moveSlider();
 * await session.close();
 */
export async function longSession(url, { perConnection = 800 } = {}) {
  let client = await wsClient(url);
  const first = await client.waitFor((m) => m.type === 'run_finished', { timeoutMs: 30_000 });
  if (first.status !== 'ok') throw new Error(`the first run ended with status ${first.status}`);
  const slider = sliderOf(client);
  if (!slider) throw new Error('no slider in the first run');
  const elements = client.messages.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).filter((d) => d.element).length;
  const sessionId = client.sessionId;
  let value = slider.value;
  let onThisConnection = 0;

  const reconnect = async () => {
    await client.close();
    client = await wsClient(url, { sessionId, widgets: { [slider.id]: value } });
    const start = await client.waitFor((m) => m.type === 'session_start', { timeoutMs: 30_000 });
    if (!start.resumed) throw new Error('the server did not resume the session on a new connection');
    await client.waitFor((m) => m.type === 'run_finished', { timeoutMs: 30_000 });
    onThisConnection = 0;
  };

  return {
    slider,
    /** Elements drawn by the first run. */
    elements,
    /** Move the slider one step and wait for the run it caused; resolves to its RunResult. */
    async moveSlider() {
      if (onThisConnection >= perConnection) await reconnect();
      onThisConnection += 1;
      value = value >= slider.max ? slider.min : value + slider.step;
      const run = await client.rerun({ [slider.id]: value });
      if (run.status !== 'ok') throw new Error(`a rerun ended with status ${run.status}`);
      // The client keeps every message it received; a long loop need not.
      if (client.received.length > 1000) client.received.splice(0, client.received.length);
      return run;
    },
    close: () => client.close(),
  };
}
