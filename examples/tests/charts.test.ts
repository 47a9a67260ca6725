/**
 * The gallery's charts section (examples/gallery/charts.ts), headless with AppTest: every chart
 * kind is there, shaped as drawn, and nothing raised.
 */
import { AppTest } from 'mini-st/testing';
import { describe, expect, it } from 'vitest';

const app = () => AppTest.from_file(new URL('../e2e/fixtures/charts.ts', import.meta.url));

describe('examples/gallery/charts.ts', () => {
  it('draws a chart of each kind without an exception', async () => {
    const at = await app().run();
    expect(at.exception).toHaveLength(0);
    expect([at.line_chart.length, at.area_chart.length, at.bar_chart.length, at.scatter_chart.length, at.vega_lite_chart.length]).toEqual([1, 1, 2, 1, 1]);
  });

  it('reshapes the long-format bar data into one series per store', async () => {
    const at = await app().run();
    // apple: A 12, B 7; pear: A 5, B 9; plum: A 3 (no B).
    expect(at.bar_chart[0]!.value).toEqual({ A: [12, 5, 3], B: [7, 9, null] });
    expect(at.get('line_chart')[0]!.value).toHaveProperty('north');
  });
});
