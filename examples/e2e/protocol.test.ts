/**
 * The wire protocol end to end: a real `mini-st run` process and a real WebSocket client speaking
 * to it, as the page would. Each test starts the fixture app it needs from `fixtures/`.
 */
import { PROTOCOL_VERSION, STREAM_PATH, type Delta, type Element, type ServerMessage } from '@mini-st/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, startApp, wsClient, type RunningApp, type WsClient } from './harness.js';
import * as shared from './ws-client.js';

type Finished = Extract<ServerMessage, { type: 'run_finished' }>;
type SessionStart = Extract<ServerMessage, { type: 'session_start' }>;

const isFinished = (m: ServerMessage): m is Finished => m.type === 'run_finished';
const isSessionStart = (m: ServerMessage): m is SessionStart => m.type === 'session_start';

/** Every element delta among `messages`. */
function elementDeltas(messages: readonly ServerMessage[]): Array<Delta & { element: Element }> {
  return messages.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).filter((d): d is Delta & { element: Element } => d.element !== undefined);
}

/** The widget with this label among the deltas received so far. */
function widget(c: WsClient, label: string) {
  const found = elementDeltas(c.messages).find((d) => 'label' in d.element && d.element.label === label);
  if (!found || !('id' in found.element)) throw new Error(`no widget labelled "${label}" received`);
  return found.element;
}

const bodyOf = (e: Element) => ('body' in e ? e.body : undefined);

let apps: RunningApp[] = [];
let clients: WsClient[] = [];
async function app(name: string) {
  const started = await startApp(fixture(name));
  apps.push(started);
  return started;
}
async function connect(...args: Parameters<typeof wsClient>) {
  const c = await wsClient(...args);
  clients.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(apps.map((a) => a.stop()));
  clients = [];
  apps = [];
});

describe('wire protocol', () => {
  it('matches the constants the shared client mirrors', () => {
    expect(shared.STREAM_PATH).toBe(STREAM_PATH);
    expect(shared.PROTOCOL_VERSION).toBe(PROTOCOL_VERSION);
  });

  it('starts a session and runs the script on hello', async () => {
    const { url } = await app('unchanged.ts');
    const c = await connect(url);
    const start = await c.waitFor(isSessionStart);
    expect(start).toMatchObject({ protocol: PROTOCOL_VERSION, resumed: false, scriptName: 'unchanged.ts' });
    const finished = await c.waitFor(isFinished);
    expect(finished.status).toBe('ok');
    expect(finished.counts['0']).toBe(4);
    expect(elementDeltas(c.messages).map((d) => d.element.type)).toEqual(['slider', 'heading', 'markdown', 'text']);
  });

  it('streams deltas while the script is still running', async () => {
    const { url } = await app('streaming.ts');
    const c = await connect(url);
    const first = await c.waitFor((m) => m.type === 'deltas' && elementDeltas([m]).some((d) => bodyOf(d.element) === 'first'));
    // At the moment "first" arrived, the run had not finished: it has 800 ms of work left.
    expect(c.messages.some(isFinished)).toBe(false);
    const finished = await c.waitFor(isFinished);
    expect(finished.status).toBe('ok');
    const at = (m: ServerMessage) => c.received.find((r) => r.message === m)!.at;
    expect(at(finished) - at(first)).toBeGreaterThan(600);
    expect(elementDeltas(c.messages).map((d) => bodyOf(d.element))).toEqual(['first', 'second', 'third']);
  });

  it('does not send an element again when a rerun did not change it', async () => {
    const { url } = await app('unchanged.ts');
    const c = await connect(url);
    await c.waitFor(isFinished);
    const slider = widget(c, 'n');

    const moved = await c.rerun({ [slider.id]: 5 });
    expect(moved.status).toBe('ok');
    const sent = moved.deltas.filter((d) => !(d.element && 'id' in d.element && d.element.id === slider.id));
    expect(sent).toEqual([{ path: [0, 3], element: expect.objectContaining({ type: 'text', body: 'n is 5' }) }]);
    expect(moved.counts['0']).toBe(4);

    const same = await c.rerun({});
    expect(same.status).toBe('ok');
    expect(same.deltas).toEqual([]);
  });

  it('prunes what the last run showed beyond where this run ended', async () => {
    const { url } = await app('shrinking.ts');
    const c = await connect(url);
    const first = await c.waitFor(isFinished);
    expect(first.counts['0']).toBe(6);
    const slider = widget(c, 'lines');

    const fewer = await c.rerun({ [slider.id]: 2 });
    expect(fewer.status).toBe('ok');
    expect(fewer.counts['0']).toBe(3);
    // Lines 1 and 2 are what the browser shows already: nothing new to send but the slider.
    expect(elementDeltas(fewer.messages).filter((d) => d.element.type === 'text')).toEqual([]);

    const more = await c.rerun({ [slider.id]: 4 });
    expect(more.counts['0']).toBe(5);
    expect(elementDeltas(more.messages).filter((d) => d.element.type === 'text').map((d) => [d.path, bodyOf(d.element)])).toEqual([
      [[0, 3], 'line 3'],
      [[0, 4], 'line 4'],
    ]);
  });

  it('resumes a session after a reconnect, widget values and session_state kept', async () => {
    const { url } = await app('resume.ts');
    const first = await connect(url);
    const start = await first.waitFor(isSessionStart);
    await first.waitFor(isFinished);
    const input = widget(first, 'Name');
    const typed = await first.rerun({ [input.id]: 'Ada' });
    expect(elementDeltas(typed.messages).map((d) => bodyOf(d.element))).toContain('Run 2: hello, Ada');
    await first.close();

    const again = await connect(url, { sessionId: start.sessionId });
    const resumed = await again.waitFor(isSessionStart);
    expect(resumed).toMatchObject({ sessionId: start.sessionId, resumed: true });
    // The resumed session runs again with the values it kept, though the hello carried none.
    await again.waitFor(isFinished);
    const line = elementDeltas(again.messages).map((d) => bodyOf(d.element)).find((b) => b?.startsWith('Run '));
    expect(line).toBe('Run 3: hello, Ada');

    // A new tab gets a session of its own, from the script's defaults.
    const other = await connect(url);
    const fresh = await other.waitFor(isSessionStart);
    expect(fresh.resumed).toBe(false);
    expect(fresh.sessionId).not.toBe(start.sessionId);
    await other.waitFor(isFinished);
    expect(elementDeltas(other.messages).map((d) => bodyOf(d.element))).toContain('Run 1: hello, nobody');
  });

  it('stops a running script when the page asks', async () => {
    const { url } = await app('slow.ts');
    const c = await connect(url);
    await c.waitFor((m) => elementDeltas([m]).some((d) => bodyOf(d.element) === 'step 2 of 10'));
    c.stop();
    const finished = await c.waitFor(isFinished);
    expect(finished.status).toBe('stopped');
    expect(elementDeltas(c.messages).map((d) => bodyOf(d.element))).not.toContain('step 10 of 10');
  });

  it('draws a script error as an exception pointing at the script line, and goes on', async () => {
    const { url } = await app('throwing.ts');
    const c = await connect(url);
    await c.waitFor(isFinished);
    const boom = widget(c, 'Boom');

    const failed = await c.rerun({}, boom.id);
    expect(failed.status).toBe('error');
    const exception = elementDeltas(failed.messages).find((d) => d.element.type === 'exception')?.element;
    expect(exception).toMatchObject({ type: 'exception', name: 'TypeError', message: 'boom on purpose' });
    expect(exception?.type === 'exception' ? exception.stack.join('\n') : '').toMatch(/throwing\.ts:6\b/);
    expect(failed.counts['0']).toBe(3);

    // The button is true for one run only: the next run is whole again.
    const next = await c.rerun({});
    expect(next.status).toBe('ok');
    expect(elementDeltas(next.messages).map((d) => bodyOf(d.element))).toContain('after');
  });

  it('refuses a WebSocket from a foreign origin before any session exists', async () => {
    const { url } = await app('unchanged.ts');
    await expect(wsClient(url, { origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 });
    // The page's own origin still gets a session.
    const ok = await connect(url);
    await ok.waitFor(isSessionStart);
  });
});
