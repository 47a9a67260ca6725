/**
 * Checks every frame from the page against the protocol's client message types before anything
 * acts on it. A malformed frame becomes `MST_ERR_PROTOCOL` naming what was wrong; it never reaches
 * a session or throws past the connection.
 */
import { PROTOCOL_VERSION, type ClientMessage, type WidgetValue } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { isEditState } from './validate-edit-state.js';

const MAX_WIDGETS = 10_000;

function fail(detail: string): never {
  throw new MiniStError('MST_ERR_PROTOCOL', { detail });
}

function isWidgetValue(value: unknown): value is WidgetValue {
  if (value === null) return true;
  if (isEditState(value)) return true; // st.data_editor's edit state (data room)
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    default:
      return Array.isArray(value) && value.length <= MAX_WIDGETS && value.every((item) => typeof item === 'number' && Number.isFinite(item));
  }
}

function widgets(value: unknown, where: string): Record<string, WidgetValue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where}.widgets must be an object`);
  const entries = Object.entries(value);
  if (entries.length > MAX_WIDGETS) fail(`${where}.widgets has more than ${MAX_WIDGETS} entries`);
  const result: Record<string, WidgetValue> = Object.create(null);
  for (const [id, item] of entries) {
    if (!isWidgetValue(item)) fail(`${where}.widgets["${id.slice(0, 80)}"] is not a widget value`);
    result[id] = item;
  }
  return result;
}

/** Parse and validate one text frame. */
export function parseClientMessage(raw: string): ClientMessage {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    fail('not JSON');
  }
  if (typeof data !== 'object' || data === null) fail('not an object');
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'hello': {
      if (message.protocol !== PROTOCOL_VERSION) {
        throw new MiniStError('MST_ERR_PROTOCOL_VERSION', { got: String(message.protocol), want: PROTOCOL_VERSION });
      }
      if (message.sessionId !== undefined && typeof message.sessionId !== 'string') fail('hello.sessionId must be a string');
      if (typeof message.page !== 'string' || message.page.length > 8192) fail('hello.page must be a string');
      const hello: ClientMessage = { type: 'hello', protocol: PROTOCOL_VERSION, widgets: widgets(message.widgets, 'hello'), page: message.page };
      if (typeof message.sessionId === 'string') hello.sessionId = message.sessionId;
      return hello;
    }
    case 'rerun': {
      if (message.trigger !== undefined && typeof message.trigger !== 'string') fail('rerun.trigger must be a string');
      const rerun: ClientMessage = { type: 'rerun', widgets: widgets(message.widgets, 'rerun') };
      if (typeof message.trigger === 'string') rerun.trigger = message.trigger;
      if (message.page !== undefined && (typeof message.page !== 'string' || message.page.length > 8192)) fail('rerun.page must be a string');
      if (typeof message.page === 'string') rerun.page = message.page;
      if (message.fragmentId !== undefined && (typeof message.fragmentId !== 'string' || message.fragmentId.length > 1024)) fail('rerun.fragmentId must be a string');
      if (typeof message.fragmentId === 'string') rerun.fragmentId = message.fragmentId;
      return rerun;
    }
    case 'stop':
      return { type: 'stop' };
    default:
      fail(`unknown message type ${JSON.stringify(message.type)?.slice(0, 40)}`);
  }
}
