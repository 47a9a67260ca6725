/**
 * The page store: what each user action sends, and how server messages update widget values.
 */
import { describe, expect, it } from 'vitest';
import type { ButtonElement, CheckboxElement, TextInputElement, WidgetValue } from '@mini-st/protocol';
import { PageStore } from './page-store.js';

const base = { disabled: false, labelVisibility: 'visible' as const };
const nameInput: TextInputElement = { ...base, type: 'text_input', id: 'name', label: 'Name', value: '', inputType: 'default', formId: 'f' };
const agree: CheckboxElement = { ...base, type: 'checkbox', id: 'agree', label: 'Agree', value: false, style: 'checkbox', formId: 'f' };
const submit: ButtonElement = { ...base, type: 'button', id: 'submit', label: 'Submit', kind: 'secondary', isSubmit: true, useContainerWidth: false, formId: 'f' };
const loose: CheckboxElement = { ...base, type: 'checkbox', id: 'loose', label: 'Loose', value: false, style: 'toggle' };

function setup() {
  const sent: { widgets: Readonly<Record<string, WidgetValue>>; trigger?: string }[] = [];
  let stops = 0;
  const store = new PageStore({ rerun: (widgets, trigger) => sent.push(trigger === undefined ? { widgets } : { widgets, trigger }), stop: () => stops++ });
  store.receive({ type: 'run_started', runId: 1 });
  store.receive({
    type: 'deltas',
    runId: 1,
    deltas: [
      { path: [0, 0], block: { type: 'form', formId: 'f', clearOnSubmit: false, border: true, enterToSubmit: true } },
      { path: [0, 0, 0], element: nameInput },
      { path: [0, 0, 1], element: agree },
      { path: [0, 0, 2], element: submit },
      { path: [0, 1], element: loose },
    ],
  });
  store.receive({ type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 2, '0.0': 3, '1': 0 } });
  return { store, sent, stops: () => stops };
}

describe('PageStore', () => {
  it('sends a rerun for a widget outside a form as soon as it changes', () => {
    const { store, sent } = setup();
    store.commit(loose, true);
    expect(sent).toEqual([{ widgets: { loose: true } }]);
  });

  it('batches a form: no rerun on change, one rerun with every value on submit', () => {
    const { store, sent } = setup();
    store.setDraft('name', 'Ad');
    store.commitDraft(nameInput);
    store.commit(agree, true);
    expect(sent).toEqual([]);
    expect(store.valueOf('name')).toBe('Ad');
    store.submitForm('f', 'submit');
    expect(sent).toEqual([{ widgets: { name: 'Ad', agree: true }, trigger: 'submit' }]);
  });

  it('sends a button click as a trigger, and stop as stop', () => {
    const { store, sent, stops } = setup();
    store.click('go');
    store.stop();
    expect(sent).toEqual([{ widgets: {}, trigger: 'go' }]);
    expect(stops()).toBe(1);
  });

  it('forgets widget values of widgets pruned from the page', () => {
    const { store } = setup();
    store.receive({ type: 'run_started', runId: 2 });
    store.receive({ type: 'run_finished', runId: 2, status: 'ok', counts: { '0': 1, '0.0': 3, '1': 0 } });
    expect(Object.keys(store.getState().widgets.values).sort()).toEqual(['agree', 'name']);
  });

  it('notifies subscribers only when something changed', () => {
    const { store } = setup();
    let calls = 0;
    store.subscribe(() => calls++);
    store.receive({ type: 'navigate', url: '/' });
    store.discardDraft('nothing');
    expect(calls).toBe(0);
    store.setDraft('name', 'x');
    expect(calls).toBe(1);
  });

  it('does not undo a change the finished run had not seen yet', () => {
    const { store } = setup();
    store.receive({ type: 'run_started', runId: 2 });
    store.commit(loose, true);
    store.receive({ type: 'run_finished', runId: 2, status: 'ok', counts: { '0': 2, '0.0': 3, '1': 0 } });
    expect(store.valueOf('loose')).toBe(true);
  });

  it('keeps the value the user set when the run does not echo the widget back (rule 5)', () => {
    const { store } = setup();
    store.commit(loose, true);
    // The server's mirror took the value too, so run 2 resends nothing for the toggle.
    store.receive({ type: 'run_started', runId: 2 });
    store.receive({ type: 'run_finished', runId: 2, status: 'ok', counts: { '0': 2, '0.0': 3, '1': 0 } });
    expect(store.valueOf('loose')).toBe(true);
  });

  it('takes a value the server resets after a submit (clear_on_submit)', () => {
    const { store } = setup();
    store.setDraft('name', 'Ada');
    store.commitDraft(nameInput);
    store.submitForm('f', 'submit');
    store.receive({ type: 'run_started', runId: 2 });
    store.receive({ type: 'deltas', runId: 2, deltas: [{ path: [0, 0, 0], element: { ...nameInput, value: '' } }] });
    store.receive({ type: 'run_finished', runId: 2, status: 'ok', counts: { '0': 2, '0.0': 3, '1': 0 } });
    expect(store.valueOf('name')).toBe('');
  });
});

