/**
 * Widget values: seeding from elements, drafts, form batching, forgetting widgets that left.
 */
import { describe, expect, it } from 'vitest';
import type { CheckboxElement, Delta, MultiselectElement, SliderElement, TextInputElement } from '@mini-st/protocol';
import {
  commit,
  discardDraft,
  displayValue,
  initialWidgets,
  retainOnly,
  seedFromDeltas,
  setDraft,
  settle,
  submitForm,
} from './widget-state.js';

const base = { help: undefined, disabled: false, labelVisibility: 'visible' as const };
const text = (id: string, value: string | null, formId?: string): TextInputElement => ({
  ...base,
  type: 'text_input',
  id,
  label: id,
  value,
  inputType: 'default',
  ...(formId ? { formId } : {}),
});
const check = (id: string, value: boolean, formId?: string): CheckboxElement => ({
  ...base,
  type: 'checkbox',
  id,
  label: id,
  value,
  style: 'checkbox',
  ...(formId ? { formId } : {}),
});
const deltas = (...elements: Delta['element'][]): Delta[] => elements.map((element, i) => ({ path: [0, i], element: element! }));

describe('widget state', () => {
  it('seeds values from arriving elements, in wire form', () => {
    const slider: SliderElement = { ...base, type: 'slider', id: 's', label: 's', value: [2, 8], min: 0, max: 10, step: 1, dataType: 'int' };
    const multi: MultiselectElement = { ...base, type: 'multiselect', id: 'm', label: 'm', options: ['a', 'b'], indices: [1], placeholder: '' };
    const s = seedFromDeltas(initialWidgets, deltas(text('t', 'hi'), check('c', true), slider, multi, { type: 'divider' }));
    expect(s.values).toEqual({ t: 'hi', c: true, s: [2, 8], m: [1] });
  });

  it('lets a newer element from the server win over the committed value', () => {
    let s = seedFromDeltas(initialWidgets, deltas(text('t', 'a')));
    s = commit(s, text('t', 'a'), 'b').state;
    s = seedFromDeltas(s, deltas(text('t', 'reset')));
    expect(displayValue(s, 't')).toBe('reset');
  });

  it('keeps an edit in progress on screen when the server sends a newer element', () => {
    let s = seedFromDeltas(initialWidgets, deltas(text('t', 'a')));
    s = setDraft(s, 't', 'typing');
    s = seedFromDeltas(s, deltas(text('t', 'server')));
    expect(displayValue(s, 't')).toBe('typing');
    expect(s.values.t).toBe('server');
    // Committing the edit sends it, since it differs from what the server now holds.
    expect(commit(s, text('t', 'server'), 'typing').send).toEqual({ t: 'typing' });
  });

  it('sends a committed change once, and nothing for an unchanged value', () => {
    let s = seedFromDeltas(initialWidgets, deltas(text('t', 'a')));
    const first = commit(s, text('t', 'a'), 'b');
    expect(first.send).toEqual({ t: 'b' });
    s = first.state;
    expect(commit(s, text('t', 'b'), 'b').send).toBeNull();
  });

  it('drops a draft when it is committed or discarded', () => {
    let s = seedFromDeltas(initialWidgets, deltas(text('t', 'a')));
    s = setDraft(s, 't', 'x');
    expect(displayValue(discardDraft(s, 't'), 't')).toBe('a');
    s = commit(s, text('t', 'a'), 'x').state;
    expect(s.drafts).toEqual({});
    expect(displayValue(s, 't')).toBe('x');
  });

  it('holds form widget changes until submit, then sends every widget of that form', () => {
    let s = seedFromDeltas(initialWidgets, deltas(text('name', '', 'f'), check('agree', false, 'f'), check('outside', false), text('other', 'o', 'g')));
    const edit = commit(s, text('name', '', 'f'), 'Ada');
    expect(edit.send).toBeNull();
    s = edit.state;
    expect(displayValue(s, 'name')).toBe('Ada');
    expect(s.values.name).toBe('');
    const submitted = submitForm(s, 'f');
    expect(submitted.send).toEqual({ name: 'Ada', agree: false });
    expect(submitted.state.values.name).toBe('Ada');
    expect(submitted.state.pending).toEqual({});
  });

  it('keeps a pending form value when another rerun redraws the form', () => {
    let s = seedFromDeltas(initialWidgets, deltas(check('agree', false, 'f')));
    s = commit(s, check('agree', false, 'f'), true).state;
    s = seedFromDeltas(s, deltas(check('agree', false, 'f')));
    expect(displayValue(s, 'agree')).toBe(true);
    expect(submitForm(s, 'f').send).toEqual({ agree: true });
  });

  it('does not hold a form value changed back to what was submitted', () => {
    let s = seedFromDeltas(initialWidgets, deltas(check('agree', false, 'f')));
    s = commit(s, check('agree', false, 'f'), true).state;
    s = commit(s, check('agree', false, 'f'), false).state;
    expect(s.pending.f).toEqual({});
  });

  it('forgets widgets that are no longer on the page', () => {
    let s = seedFromDeltas(initialWidgets, deltas(text('keep', 'k', 'f'), text('gone', 'g', 'f')));
    s = commit(s, text('gone', 'g', 'f'), 'h').state;
    s = setDraft(s, 'gone', 'typing');
    s = retainOnly(s, new Set(['keep']));
    expect(s.values).toEqual({ keep: 'k' });
    expect(s.drafts).toEqual({});
    expect(s.formOf).toEqual({ keep: 'f' });
    expect(s.pending).toEqual({ f: {} });
    expect(retainOnly(s, new Set(['keep']))).toBe(s);
  });

  it('keeps identity when an arriving element changes nothing', () => {
    const s = seedFromDeltas(initialWidgets, deltas(text('t', 'a')));
    expect(seedFromDeltas(s, deltas(text('t', 'a')))).toBe(s);
  });

  it('settles on the element a finished run confirmed without resending it', () => {
    // The page sent "b" before run 2 started; the server reset the value to the "a" it had sent.
    let s = seedFromDeltas(initialWidgets, deltas(text('t', 'a')));
    s = commit(s, text('t', 'a'), 'b', 1).state;
    s = settle(s, [text('t', 'a')], 2);
    expect(displayValue(s, 't')).toBe('a');
  });

  it('keeps a value sent after the finished run had started', () => {
    let s = seedFromDeltas(initialWidgets, deltas(text('t', 'a')));
    s = commit(s, text('t', 'a'), 'b', 2).state;
    expect(settle(s, [text('t', 'a')], 2)).toBe(s);
  });

  it('settles form values on submit, under the edits still pending', () => {
    let s = seedFromDeltas(initialWidgets, deltas(text('email', '', 'f')));
    s = commit(s, text('email', '', 'f'), 'ada@example.com', 1).state;
    s = submitForm(s, 'f', 1).state;
    // clear_on_submit: the server is back at "", which it sent before, so it sends nothing.
    s = settle(s, [text('email', '', 'f')], 2);
    expect(displayValue(s, 'email')).toBe('');
    s = commit(s, text('email', '', 'f'), 'typing', 2).state;
    expect(displayValue(settle(s, [text('email', '', 'f')], 3), 'email')).toBe('typing');
  });
});
