/**
 * st.metric: the label, the value in big type, and the delta with an arrow, green when the change
 * is good and red when bad (`deltaColor` "inverse" swaps them, "off" grays them). Screen readers
 * hear "up" or "down" before the delta, since the arrow is only drawn.
 */
import { useId } from 'react';
import type { MetricElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { HelpIcon, HelpText } from './help.js';

/** Green for a good change, red for a bad one, gray when colour is off or there is no arrow. */
export function deltaTone(el: Pick<MetricElement, 'deltaArrow' | 'deltaColor'>): 'good' | 'bad' | 'neutral' {
  if (el.deltaColor === 'off' || el.deltaArrow === 'none') return 'neutral';
  const up = el.deltaArrow === 'up';
  return up === (el.deltaColor === 'normal') ? 'good' : 'bad';
}

/** Draws a `metric` element. */
export function Metric({ el }: { el: MetricElement }) {
  const help = useId();
  const hidden = el.labelVisibility !== 'visible';
  return (
    <div className={cx('st-metric', el.border && 'st-bordered')} aria-describedby={el.help ? help : undefined}>
      <div className={cx('st-metric-label', el.labelVisibility === 'hidden' && 'st-invisible', el.labelVisibility === 'collapsed' && 'st-sr-only')}>
        <span>{el.label}</span>
        {el.help && !hidden && <HelpIcon text={el.help} />}
      </div>
      {el.help && <HelpText id={help} text={el.help} />}
      <div className="st-metric-value">{el.value}</div>
      {el.delta !== undefined && (
        <div className={`st-metric-delta st-delta-${deltaTone(el)}`}>
          {el.deltaArrow !== 'none' && (
            <span className="st-metric-arrow" aria-hidden="true">
              {el.deltaArrow === 'up' ? '↑' : '↓'}
            </span>
          )}
          {el.deltaArrow !== 'none' && <span className="st-sr-only">{el.deltaArrow} </span>}
          <span>{el.delta}</span>
        </div>
      )}
    </div>
  );
}
