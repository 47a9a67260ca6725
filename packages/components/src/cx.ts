/**
 * Joins CSS class names, skipping falsy ones; the one helper every component uses for classes.
 */

/**
 * @example
 * cx('st-button', primary && 'st-primary') // 'st-button st-primary' or 'st-button'
 */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
