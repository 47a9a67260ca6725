/**
 * st.select_slider: the slider of st.slider over option positions (0 … n-1, step 1), showing
 * each position as its option's text; values travel as indices, like radio's.
 */
import { useMemo } from 'react';
import type { SelectSliderElement, SliderElement } from '@mini-st/protocol';
import { Slider } from './slider.js';

/** Draws a `select_slider` element. */
export function SelectSlider({ el }: { el: SelectSliderElement }) {
  const slider = useMemo<SliderElement>(
    () => ({
      id: el.id,
      label: el.label,
      disabled: el.disabled,
      labelVisibility: el.labelVisibility,
      ...(el.help !== undefined ? { help: el.help } : {}),
      ...(el.formId !== undefined ? { formId: el.formId } : {}),
      type: 'slider',
      value: el.value,
      min: 0,
      max: Math.max(0, el.options.length - 1),
      step: 1,
      dataType: 'int',
    }),
    [el],
  );
  return <Slider el={slider} labels={el.options} />;
}
