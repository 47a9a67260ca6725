/**
 * Numbers as number_input and slider show and accept them (no React): Streamlit's printf-style
 * `format` strings, snapping to `step`, and clamping to the bounds.
 */

/** What shapes a numeric widget's values. */
export interface NumberSpec {
  min?: number | undefined;
  max?: number | undefined;
  step: number;
  dataType: 'int' | 'float';
  format?: string | undefined;
}

const SPEC = /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([diufFeEgGsxX%])/g;

/**
 * A printf subset: flags `-+ 0`, width, precision, and `d i u f F e E g G s x X %`.
 *
 * @example
 * sprintf('%.2f', 1.5)  // '1.50'
 * sprintf('%d%%', 42.7) // '42%'
 */
export function sprintf(format: string, value: number): string {
  return format.replace(SPEC, (_all, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const p = precision === undefined ? undefined : Number(precision);
    let body: string;
    switch (conv) {
      case 'd':
      case 'i':
      case 'u':
        body = Math.abs(Math.trunc(value)).toString();
        break;
      case 'f':
      case 'F':
        body = Math.abs(value).toFixed(p ?? 6);
        break;
      case 'e':
      case 'E':
        body = Math.abs(value).toExponential(p ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        break;
      case 'g':
      case 'G':
        body = String(Number(Math.abs(value).toPrecision(p || 6)));
        break;
      case 'x':
      case 'X':
        body = Math.abs(Math.trunc(value)).toString(16);
        break;
      default:
        body = String(Math.abs(value));
    }
    if (conv === 'E' || conv === 'G' || conv === 'X') body = body.toUpperCase();
    const negative = value < 0 || Object.is(value, -0);
    const sign = negative && body !== '0' ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const w = width === undefined ? 0 : Number(width);
    if (flags.includes('-')) return (sign + body).padEnd(w);
    if (flags.includes('0') && conv !== 's') return sign + body.padStart(w - sign.length, '0');
    return (sign + body).padStart(w);
  });
}

/** Digits after the decimal point in a number's shortest form (0.25 → 2, 1e-7 → 7). */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const digits = (mantissa.split('.')[1] ?? '').length;
  return Math.max(0, digits - Number(exponent));
}

/**
 * A value as the widget shows it: its `format` if it has one, else whole numbers for ints and
 * at least two decimals for floats (Streamlit's "%0.2f"), more when the step needs them.
 */
export function formatNumber(value: number, spec: NumberSpec): string {
  if (spec.format) return sprintf(spec.format, value);
  if (spec.dataType === 'int') return String(Math.round(value));
  return value.toFixed(Math.min(20, Math.max(2, decimalsOf(spec.step), decimalsOf(spec.min ?? 0))));
}

/** Clamps to the bounds, snaps to the step grid from `min` (or 0), and rounds away float noise. */
export function snap(value: number, spec: NumberSpec): number {
  const origin = spec.min ?? 0;
  let v = spec.step > 0 ? origin + Math.round((value - origin) / spec.step) * spec.step : value;
  v = clamp(v, spec);
  const places = Math.min(20, Math.max(decimalsOf(spec.step), decimalsOf(origin)));
  v = Number(v.toFixed(places));
  return spec.dataType === 'int' ? Math.round(v) : v;
}

/** Keeps a value within `min`/`max` where they are set. */
export function clamp(value: number, spec: Pick<NumberSpec, 'min' | 'max'>): number {
  let v = value;
  if (spec.max !== undefined && v > spec.max) v = spec.max;
  if (spec.min !== undefined && v < spec.min) v = spec.min;
  return v;
}

/**
 * Reads what a person typed into a number input: the first number in it (so a value shown as
 * "50%" or "$1,000.50" can be edited in place), or null when there is none the widget accepts
 * (a fraction for an int widget, no digits at all, infinity). The result is clamped to the bounds.
 */
export function parseNumber(text: string, spec: NumberSpec): number | null {
  const match = /[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/i.exec(text.replace(/[\s,_]/g, ''));
  if (!match) return null;
  const n = Number(match[0]);
  if (!Number.isFinite(n)) return null;
  if (spec.dataType === 'int' && !Number.isInteger(n)) return null;
  return clamp(n, spec);
}
