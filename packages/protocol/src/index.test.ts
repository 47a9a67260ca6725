import { describe, expect, it } from 'vitest';
import { HEALTH_PATH, PROTOCOL_VERSION, STREAM_PATH, pathKey, withPageValue, type WidgetElement } from './index.js';

describe('protocol', () => {
  it('keys paths by their indices joined with dots', () => {
    expect(pathKey([0])).toBe('0');
    expect(pathKey([1, 12, 3])).toBe('1.12.3');
    expect(pathKey([])).toBe('');
  });

  it("keeps Streamlit's paths, so proxies and probes written for Streamlit keep working", () => {
    expect(STREAM_PATH).toBe('/_stcore/stream');
    expect(HEALTH_PATH).toBe('/_stcore/health');
    expect(PROTOCOL_VERSION).toBe(1);
  });

  it('puts a value the page set into the field where its widget element shows it', () => {
    const base = { id: 'w', label: 'L', disabled: false, labelVisibility: 'visible' as const };
    const select: WidgetElement = { ...base, type: 'selectbox', options: ['a', 'b'], index: 0, placeholder: '' };
    const multi: WidgetElement = { ...base, type: 'multiselect', options: ['a', 'b'], indices: [], placeholder: '' };
    const slider: WidgetElement = { ...base, type: 'slider', value: 1, min: 0, max: 9, step: 1, dataType: 'int' };
    const button: WidgetElement = { ...base, type: 'button', kind: 'secondary', isSubmit: false, useContainerWidth: false };
    expect(withPageValue(select, 1)).toMatchObject({ index: 1 });
    expect(withPageValue(multi, [0, 1])).toMatchObject({ indices: [0, 1] });
    expect(withPageValue(slider, 7)).toMatchObject({ value: 7 });
    expect(withPageValue(button, true)).toBeUndefined();
    expect(withPageValue(select, 'not an index')).toBeUndefined();
  });
});

