import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('st.chat_input', () => {
  it('returns the message only in the run that sending it caused, like a button', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.chat_input('Say something', { key: 'chat' }), st.session_state.chat);
    });
    await h.rerun();
    const id = h.widget('Say something').id;
    await h.rerun({ [id]: 'hello' }, [id]);
    await h.rerun();
    // The same text twice is two messages.
    await h.rerun({ [id]: 'hello' }, [id]);
    expect(seen).toEqual([null, null, 'hello', 'hello', null, null, 'hello', 'hello']);
  });

  it('runs on_submit once per message, before the script, with session_state holding the text', async () => {
    const calls: unknown[] = [];
    const h = runnerHarness(() => {
      st.chat_input('Ask', { key: 'q', on_submit: (tag: string) => calls.push([tag, st.session_state.q]), args: ['sent'] });
    });
    await h.rerun();
    const id = h.widget('Ask').id;
    await h.rerun({ [id]: 'why?' }, [id]);
    await h.rerun();
    expect(calls).toEqual([['sent', 'why?']]);
  });

  it('is pinned when called on st, inline in a container, and refused in a form', async () => {
    const h = runnerHarness(() => {
      st.chat_input('Main');
      st.container().chat_input('Inline');
      st.form('f').chat_input('In a form');
    });
    const run = await h.rerun();
    const inputs = run.elements.filter((e) => e.type === 'chat_input');
    expect(inputs.map((e) => e.type === 'chat_input' && [e.label, e.pinned, e.labelVisibility])).toEqual([
      ['Main', true, 'collapsed'],
      ['Inline', false, 'collapsed'],
    ]);
    expect(run.elements.find((e) => e.type === 'exception')).toMatchObject({ code: 'MST_ERR_CHAT_INPUT_IN_FORM' });
  });

  it('cuts a message to max_chars and refuses a bad limit', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.chat_input('Short', { max_chars: 3 }));
      st.chat_input('Bad', { max_chars: 0 });
    });
    await h.rerun();
    const id = h.widget('Short').id;
    const run = await h.rerun({ [id]: 'abcdef' }, [id]);
    expect(seen).toEqual([null, 'abc']);
    expect(run.elements.find((e) => e.type === 'exception')).toMatchObject({ code: 'MST_ERR_INVALID_ARGUMENT' });
  });

  it('keeps a message whose run was interrupted before the script read it', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(async () => {
      await sleep(30);
      seen.push(st.chat_input('Say'));
    });
    await h.rerun();
    const id = h.widget('Say').id;
    h.runner.post({ type: 'rerun', widgets: { [id]: 'hi' }, triggers: [id] });
    await sleep(5);
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    await h.runner.idle();
    expect(h.runs().map((r) => r.status)).toEqual(['ok', 'interrupted', 'ok']);
    expect(seen).toEqual([null, 'hi']);
  });
});

describe('st.chat_message', () => {
  it('is a block with the name and avatar, holding what is written into it', async () => {
    const h = runnerHarness(async () => {
      st.chat_message('user').write('Hello');
      await st.chat_message('assistant', { avatar: '🤖' }).with(async () => {
        st.write('Hi!');
      });
    });
    const run = await h.rerun();
    expect(run.deltas.filter((d) => d.block)).toEqual([
      { path: [0, 0], block: { type: 'chat_message', name: 'user', avatar: null } },
      { path: [0, 1], block: { type: 'chat_message', name: 'assistant', avatar: '🤖' } },
    ]);
    expect(run.deltas.filter((d) => d.element).map((d) => d.path)).toEqual([
      [0, 0, 0],
      [0, 1, 0],
    ]);
  });
});

describe('st.write_stream', () => {
  it('streams an async generator into one element, in place, and returns the full text', async () => {
    let result: unknown;
    const h = runnerHarness(async () => {
      async function* words() {
        for (const word of ['Hello', ', ', 'world']) {
          await sleep(1);
          yield word;
        }
      }
      result = await st.write_stream(words());
      st.text('after');
    });
    const run = await h.rerun();
    expect(result).toBe('Hello, world');
    const drawn = run.deltas.filter((d) => d.element?.type === 'markdown');
    expect(new Set(drawn.map((d) => d.path.join('.')))).toEqual(new Set(['0.0']));
    expect(drawn.map((d) => d.element?.type === 'markdown' && d.element.body)).toEqual(['Hello▕', 'Hello, ▕', 'Hello, world▕', 'Hello, world']);
    expect(run.counts['0']).toBe(2);
  });

  it('takes iterables, functions, OpenAI-style chunks and byte streams', async () => {
    const results: unknown[] = [];
    const h = runnerHarness(async () => {
      results.push(await st.write_stream(['a', 'b']));
      results.push(await st.write_stream(() => ['c']));
      results.push(await st.write_stream([{ choices: [{ delta: { role: 'assistant' } }] }, { choices: [{ delta: { content: 'Hi' } }] }]));
      const bytes = new ReadableStream<Uint8Array>({
        start(controller) {
          const encoded = new TextEncoder().encode('héllo');
          controller.enqueue(encoded.slice(0, 2));
          controller.enqueue(encoded.slice(2));
          controller.close();
        },
      });
      results.push(await st.write_stream(bytes));
    });
    await h.rerun();
    expect(results).toEqual(['ab', 'c', 'Hi', 'héllo']);
  });

  it('writes other chunks with st.write and then returns every chunk', async () => {
    let result: unknown;
    const h = runnerHarness(async () => {
      result = await st.write_stream(['Table:', [{ a: 1 }], 'done']);
    });
    const run = await h.rerun();
    expect(result).toEqual(['Table:', [{ a: 1 }], 'done']);
    expect(run.elements.map((e) => e.type)).toEqual(['empty', 'markdown', 'markdown', 'table', 'empty', 'markdown', 'markdown']);
    expect(run.counts['0']).toBe(3);
  });

  it('refuses what is not a stream', async () => {
    const h = runnerHarness(async () => {
      await st.write_stream('plain text' as never);
    });
    const run = await h.rerun();
    expect(run.elements.find((e) => e.type === 'exception')).toMatchObject({ code: 'MST_ERR_INVALID_ARGUMENT' });
  });
});
