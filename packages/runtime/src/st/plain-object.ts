/**
 * The one test for "a plain object" (`{ … }` or `Object.create(null)`), shared by the st API:
 * records for tables and charts, edit states, Vega-Lite specs, values compared by content.
 */

/**
 * @example
 * isPlainObject({ a: 1 }); // true
 * isPlainObject([1]); isPlainObject(new Date()); isPlainObject(new Float64Array(2)); // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
