import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';
import { isoDay } from './pickers.js';

describe('st.date_input', () => {
  it('returns a Date at local midnight, takes "YYYY-MM-DD" from the page, and refuses days out of range', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      const day = st.date_input('Birthday', { value: '2000-01-31', min_value: '1990-01-01', max_value: '2010-12-31' });
      seen.push([day.getFullYear(), day.getMonth() + 1, day.getDate(), day.getHours()]);
    });
    const first = await h.rerun();
    expect(first.elements[0]).toMatchObject({ type: 'date_input', value: '2000-01-31', range: false, min: '1990-01-01', max: '2010-12-31' });
    const id = h.widget('Birthday').id;
    await h.rerun({ [id]: '2005-06-15' });
    await h.rerun({ [id]: '2020-01-01' });
    await h.rerun({ [id]: '2005-02-30' });
    expect(seen).toEqual([[2000, 1, 31, 0], [2005, 6, 15, 0], [2005, 6, 15, 0], [2005, 6, 15, 0]]);
  });

  it('defaults to today within ten years either way, and can start empty', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(isoDay(st.date_input('Today')), st.date_input('Empty', { value: null }));
    });
    const run = await h.rerun();
    const today = isoDay(new Date());
    expect(seen).toEqual([today, null]);
    const element = run.elements[0] as { min: string; max: string };
    expect(Number(element.min.slice(0, 4))).toBe(Number(today.slice(0, 4)) - 10);
    expect(Number(element.max.slice(0, 4))).toBe(Number(today.slice(0, 4)) + 10);
  });

  it('picks a range as "start/end", including a half-picked one', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.date_input('Trip', { value: ['2024-03-01', new Date(2024, 2, 7)] }).map(isoDay));
    });
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ value: '2024-03-01/2024-03-07', range: true });
    const id = h.widget('Trip').id;
    await h.rerun({ [id]: '2024-03-02/' });
    await h.rerun({ [id]: '2024-03-02/2024-03-05' });
    await h.rerun({ [id]: '2024-03-09/2024-03-05' });
    expect(seen).toEqual([['2024-03-01', '2024-03-07'], ['2024-03-02'], ['2024-03-02', '2024-03-05'], ['2024-03-02', '2024-03-05']]);
  });

  it('runs on_change only when the day really changes, not when the page repeats it', async () => {
    let changes = 0;
    const h = runnerHarness(() => {
      st.date_input('Day', { value: '2024-01-01', on_change: () => (changes += 1) });
    });
    await h.rerun();
    const id = h.widget('Day').id;
    await h.rerun({ [id]: '2024-01-02' });
    await h.rerun({ [id]: '2024-01-02' });
    expect(changes).toBe(1);
  });

  it('takes a value through session_state and refuses a bad one', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      st.session_state.day ??= new Date(2021, 4, 5);
      seen.push(isoDay(st.date_input('Day', { key: 'day', value: '2020-01-01' })));
      st.date_input('Bad', { value: 'yesterday' });
    });
    const run = await h.rerun();
    expect(seen).toEqual(['2021-05-05']);
    expect(run.elements.find((e) => e.type === 'exception')).toMatchObject({ code: 'MST_ERR_INVALID_ARGUMENT' });
  });
});

describe('st.time_input and st.color_picker', () => {
  it('returns "HH:MM", takes the page value, and follows step', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.time_input('Alarm', { value: '08:45' }), st.time_input('Precise', { value: new Date(2024, 0, 1, 9, 5, 30), step: 90 }));
      seen.push(st.time_input('Open', { value: null }));
    });
    const run = await h.rerun();
    expect(run.elements[1]).toMatchObject({ type: 'time_input', value: '09:05:30', step: 90 });
    await h.rerun({ [h.widget('Alarm').id]: '23:59', [h.widget('Open').id]: '25:00' });
    expect(seen).toEqual(['08:45', '09:05:30', null, '23:59', '09:05:30', null]);
  });

  it('defaults time_input to now, to the minute, keeping its id as time passes', async () => {
    const h = runnerHarness(() => {
      st.time_input('Now');
    });
    const run = await h.rerun();
    const id = h.widget('Now').id;
    expect((run.elements[0] as { value: string }).value).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
    // "now" shapes the widget, not the time it was: the id stays as the minutes pass.
    expect(id).toBe(h.widget('Now').id);
    expect(id).not.toMatch(/\d{2}:\d{2}/);
  });

  it('returns the color as "#rrggbb", and refuses what is not one', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.color_picker('Color', { value: '#0F0' }), st.color_picker('Default'));
      st.color_picker('Bad', { value: 'red' });
    });
    const run = await h.rerun();
    await h.rerun({ [h.widget('Color').id]: '#123ABC', [h.widget('Default').id]: 'blue' });
    expect(seen).toEqual(['#00ff00', '#000000', '#123abc', '#000000']);
    expect(run.elements.find((e) => e.type === 'exception')).toMatchObject({ code: 'MST_ERR_INVALID_ARGUMENT' });
  });
});
