import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';
import { digestOf } from './charts.js';
import { AppTest } from '../testing/app-test.js';

describe('the built-in charts', () => {
  it('sends each kind with its options, reshaped into series', async () => {
    const data = { day: [1, 2], a: [3, 4], b: [5, 6] };
    const h = runnerHarness(() => {
      st.line_chart(data, { x: 'day', height: 200 });
      st.area_chart(data, { x: 'day', stack: false, y: 'a' });
      st.bar_chart(data, { x: 'day', horizontal: true, stack: false, use_container_width: false, width: 300 });
      st.scatter_chart(data, { x: 'a', y: 'b', size: 40 });
    });
    const run = await h.rerun();
    const series = [
      { name: 'a', values: [3, 4] },
      { name: 'b', values: [5, 6] },
    ];
    const x = { kind: 'number', count: 2, values: [1, 2] };
    const digest = expect.any(String);
    expect(run.elements).toEqual([
      { type: 'chart', kind: 'line', data: { x, series }, digest, xLabel: 'day', yLabel: '', useContainerWidth: true, height: 200, stack: 'layered', horizontal: false },
      { type: 'chart', kind: 'area', data: { x, series: [series[0]] }, digest, xLabel: 'day', yLabel: 'a', useContainerWidth: true, stack: 'layered', horizontal: false },
      { type: 'chart', kind: 'bar', data: { x, series }, digest, xLabel: 'day', yLabel: '', useContainerWidth: false, width: 300, stack: 'grouped', horizontal: true },
      { type: 'chart', kind: 'scatter', data: { x: { kind: 'number', count: 2, values: [3, 4] }, series: [{ name: 'b', values: [5, 6] }] }, digest, xLabel: 'a', yLabel: 'b', size: 40, useContainerWidth: true, stack: 'layered', horizontal: false },
    ]);
  });

  it('carries a digest of its data that follows the data, so an unchanged chart is not sent again', async () => {
    const h = runnerHarness(() => {
      st.line_chart({ a: [1, 2] });
      st.bar_chart({ a: [1, 2] });
      st.line_chart({ a: [1, 3] });
    });
    const digests = (await h.rerun()).elements.map((e) => (e.type === 'chart' ? e.digest : ''));
    expect(digests[0]).toBe(digests[1]);
    expect(digests[2]).not.toBe(digests[0]);
  });

  it('stacks areas and bars by default, and refuses an unknown stack', async () => {
    const h = runnerHarness(() => {
      st.area_chart({ a: [1] });
      st.bar_chart({ a: [1] }, { stack: 'normalize' });
      st.area_chart({ a: [1] }, { stack: 'layered' as never });
    });
    const run = await h.rerun();
    expect(run.elements.map((e) => (e.type === 'chart' ? e.stack : e.type))).toEqual(['zero', 'normalize', 'exception']);
    expect(run.elements[2]).toMatchObject({ code: 'MST_ERR_INVALID_ARGUMENT', message: expect.stringContaining('stack must be') });
  });

  it('draws a missing column as an exception naming it, and the session goes on', async () => {
    const h = runnerHarness(() => {
      st.line_chart({ a: [1] }, { x: 'time' });
    });
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ type: 'exception', code: 'MST_ERR_CHART_COLUMN', message: expect.stringContaining('"time"') });
  });
});

describe('st.vega_lite_chart', () => {
  const spec = { mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } };

  it('sends the spec as JSON text and the data as columns', async () => {
    const h = runnerHarness(() => {
      st.vega_lite_chart([{ a: 'x', b: 1 }], spec);
    });
    const run = await h.rerun();
    expect(run.elements[0]).toEqual({
      type: 'vega_lite_chart',
      spec: JSON.stringify(spec),
      data: { columns: [{ name: 'a', kind: 'text', values: ['x'] }, { name: 'b', kind: 'number', values: [1] }], rowCount: 1 },
      digest: expect.any(String),
      useContainerWidth: true,
      theme: 'streamlit',
    });
  });

  it('takes a spec alone that carries its own data, and keeps compound charts at their own width', async () => {
    const own = { data: { values: [{ a: 1 }] }, hconcat: [{ mark: 'point' }] };
    const h = runnerHarness(() => {
      st.vega_lite_chart(own);
      st.vega_lite_chart(null, spec, { theme: null, use_container_width: false });
    });
    const run = await h.rerun();
    expect(run.elements).toMatchObject([
      { type: 'vega_lite_chart', spec: JSON.stringify(own), data: null, useContainerWidth: false, theme: 'streamlit' },
      { type: 'vega_lite_chart', data: null, useContainerWidth: false, theme: null },
    ]);
  });

  it('refuses a missing spec', async () => {
    const h = runnerHarness(() => {
      st.vega_lite_chart({ a: [1] });
    });
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ type: 'exception', code: 'MST_ERR_INVALID_ARGUMENT', message: expect.stringContaining('spec must be') });
  });
});

describe('AppTest chart accessors', () => {
  it('finds charts by kind, with their series as the value', async () => {
    const at = await AppTest.from_function(() => {
      st.line_chart({ t: [1, 2], v: [3, 4] }, { x: 't' });
      st.bar_chart({ v: [1] });
      st.vega_lite_chart(null, { mark: 'point', data: { values: [] } });
    }).run();
    expect(at.line_chart).toHaveLength(1);
    expect(at.line_chart[0]!.value).toEqual({ v: [3, 4] });
    expect(at.bar_chart[0]!.value).toEqual({ v: [1] });
    expect(at.area_chart).toHaveLength(0);
    expect(at.get('bar_chart')).toHaveLength(1);
    expect(at.vega_lite_chart[0]!.value).toEqual({ mark: 'point', data: { values: [] } });
  });
});

describe('digestOf', () => {
  it('is equal for equal data and differs when a value, a gap or a name differs', () => {
    const series = (values: (number | null)[], name = 'a') => [{ kind: 'index', count: values.length, values: [] }, { name, values }];
    expect(digestOf(series([1, 2, null]))).toBe(digestOf(series([1, 2, null])));
    expect(digestOf(series([1, 2, 0]))).not.toBe(digestOf(series([1, 2, null])));
    expect(digestOf(series([1, 2, 3]))).not.toBe(digestOf(series([1, 2, 4])));
    expect(digestOf(series([1], 'a'))).not.toBe(digestOf(series([1], 'b')));
    expect(digestOf([{ values: [1] }])).not.toBe(digestOf([{ values: ['1'] }]));
  });
});
