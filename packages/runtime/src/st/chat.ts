/**
 * Chat: `st.chat_input` (a message box whose value, like a button's click, lasts one run),
 * `st.chat_message` (a container with its author's avatar) and `st.write_stream` (text arriving
 * in pieces, drawn into one element as it comes). Methods attach to `DeltaGenerator` by
 * declaration merging.
 */
import type { ChatInputElement, WidgetValue } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { DeltaGenerator } from './delta-generator.js';
import type { Callback } from './script-state.js';
import type { WidgetSpec } from './widget.js';

export interface ChatInputOptions {
  /** Identifies the widget; its value is readable as `st.session_state[key]` in the run it was sent. */
  key?: string;
  /** The longest message a person can type. */
  max_chars?: number;
  disabled?: boolean;
  /** Called before the run that a sent message causes. */
  on_submit?: Callback;
  /** Arguments passed to `on_submit`. */
  args?: readonly unknown[];
}

export interface ChatMessageOptions {
  /**
   * An emoji, a short text or an image URL. By default "user" and "human" get a person,
   * "assistant" and "ai" a bot, and other names their first letter.
   */
  avatar?: string | null;
}

/** What `st.write_stream` takes: strings (or chunks of an OpenAI-style stream) arriving over time. */
export type StreamSource<T> = AsyncIterable<T> | Iterable<T> | (() => AsyncIterable<T> | Iterable<T>);

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * A chat message box. Called on `st` itself it is pinned to the bottom of the window; in a
     * container it sits where it is called. Returns the message in the run that sending it
     * caused, and `null` in every other run (like a button's click).
     *
     * @example
     * const prompt = st.chat_input("Say something");
     * if (prompt) st.chat_message("user").write(prompt);
     */
    chat_input(placeholder?: string, options?: ChatInputOptions): string | null;

    /**
     * A container for one chat message, with the author's avatar. "user" and "assistant" get
     * default avatars; pass `avatar` for another (an emoji or an image URL).
     *
     * @example
     * st.chat_message("user").write("Hello 👋");
     * await st.chat_message("assistant").with(async () => { await st.write_stream(reply()); });
     */
    chat_message(name: string, options?: ChatMessageOptions): DeltaGenerator;

    /**
     * Draw a stream of text into one element as it arrives (an async generator, an iterable, a
     * `ReadableStream` of text or bytes, or a function returning one), and return the full text.
     * Chunks of OpenAI-style streams (`choices[0].delta.content`) count as text; any other
     * chunk is drawn with `st.write`, and then the whole list of chunks is returned.
     *
     * @example
     * async function* reply() { for (const word of ["Hello", " there"]) { await sleep(100); yield word; } }
     * const text = await st.write_stream(reply());
     */
    write_stream(stream: StreamSource<string | Uint8Array>): Promise<string>;
    write_stream(stream: StreamSource<unknown>): Promise<string | unknown[]>;
  }
}

/** Shown after the text while more is on the way, as Streamlit does. */
const STREAM_CURSOR = '▕';

DeltaGenerator.prototype.chat_input = function chat_input(
  this: DeltaGenerator,
  placeholder = 'Your message',
  options: ChatInputOptions = {},
): string | null {
  const { target } = this._resolve('chat_input');
  if (target.formId !== undefined) throw new MiniStError('MST_ERR_CHAT_INPUT_IN_FORM');
  const max = options.max_chars;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'chat_input', detail: `max_chars must be a positive whole number, got ${max}` });
  }
  const pinned = !target.placeholder && target.path.length === 1 && target.path[0] === 0;
  const text = String(placeholder);
  const spec: WidgetSpec<string | null> = {
    kind: 'chat_input',
    label: text,
    options: { ...(options.key !== undefined ? { key: options.key } : {}), disabled: options.disabled ?? false, label_visibility: 'collapsed' },
    shape: [max ?? null],
    defaultValue: null,
    deserialize: (raw: WidgetValue) => (typeof raw === 'string' ? (max === undefined ? raw : raw.slice(0, max)) : undefined),
    coerce: () => null,
    triggered: (sent) => (typeof sent === 'string' ? sent : null),
    callback: options.on_submit,
    args: options.args,
    element: (common): ChatInputElement => ({ ...common, type: 'chat_input', placeholder: text, pinned, ...(max !== undefined ? { maxChars: max } : {}) }),
  };
  return this._widget(spec);
};

DeltaGenerator.prototype.chat_message = function chat_message(this: DeltaGenerator, name: string, options: ChatMessageOptions = {}): DeltaGenerator {
  if (typeof name !== 'string' || name.length === 0) {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'chat_message', detail: 'name must be a non-empty string such as "user" or "assistant"' });
  }
  return this._block('chat_message', { type: 'chat_message', name, avatar: options.avatar ?? null });
};

DeltaGenerator.prototype.write_stream = async function write_stream(this: DeltaGenerator, stream: StreamSource<unknown>): Promise<never> {
  const source = typeof stream === 'function' ? stream() : stream;
  if (!isStream(source)) {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'write_stream', detail: 'pass an async iterable, an iterable or a ReadableStream (or a function returning one)' });
  }
  const decoder = new TextDecoder();
  const chunks: unknown[] = [];
  let onlyText = true;
  let text = '';
  let slot: DeltaGenerator | null = null;
  const draw = (body: string) => {
    slot ??= this.empty();
    slot._place('write_stream', { type: 'markdown', body, allowHtml: false, variant: 'normal' });
  };
  const endText = () => {
    if (text) {
      draw(text);
      chunks.push(text);
    }
    text = '';
    slot = null;
  };
  for await (const chunk of source as AsyncIterable<unknown>) {
    const piece = chunk instanceof Uint8Array ? decoder.decode(chunk, { stream: true }) : textOf(chunk);
    if (piece === undefined) {
      onlyText = false;
      endText();
      this.write(chunk);
      chunks.push(chunk);
      continue;
    }
    if (!piece) continue;
    text += piece;
    draw(text + STREAM_CURSOR);
  }
  text += decoder.decode();
  endText();
  return (onlyText ? chunks.join('') : chunks) as never;
};

/** The text of a chunk: a string, or the delta of an OpenAI-style chat completion chunk. */
function textOf(chunk: unknown): string | undefined {
  if (typeof chunk === 'string') return chunk;
  if (typeof chunk === 'object' && chunk !== null && 'choices' in chunk) {
    const content = (chunk as { choices?: { delta?: { content?: unknown } }[] }).choices?.[0]?.delta?.content;
    // Role-only and finishing chunks carry no text.
    return typeof content === 'string' ? content : '';
  }
  return undefined;
}

function isStream(value: unknown): boolean {
  if (typeof value === 'string') return false;
  return typeof value === 'object' && value !== null && (Symbol.asyncIterator in value || Symbol.iterator in value);
}
