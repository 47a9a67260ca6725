/** The pure parts of the new inputs: what a press on a pill chooses, how a date range is split. */
import { describe, expect, it } from 'vitest';
import { daysOf } from './elements/date-input.js';
import { pressed } from './elements/pills.js';

describe('pills', () => {
  it('chooses one or none in single mode, and toggles each in multi mode', () => {
    expect(pressed([], 1, false)).toEqual([1]);
    expect(pressed([1], 2, false)).toEqual([2]);
    expect(pressed([1], 1, false)).toEqual([]);
    expect(pressed([2], 0, true)).toEqual([0, 2]);
    expect(pressed([0, 2], 2, true)).toEqual([0]);
  });
});

describe('date ranges', () => {
  it('split "start/end", with a missing end while it is being picked', () => {
    expect(daysOf('2024-03-01/2024-03-05', true)).toEqual(['2024-03-01', '2024-03-05']);
    expect(daysOf('2024-03-01/', true)).toEqual(['2024-03-01', '']);
    expect(daysOf('', true)).toEqual(['', '']);
    expect(daysOf(null, false)).toEqual(['', '']);
    expect(daysOf('2024-03-01', false)).toEqual(['2024-03-01', '']);
  });
});
