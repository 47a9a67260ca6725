/**
 * Element icons. Streamlit takes an emoji or `:material/name:`; only emoji can be drawn without
 * an icon font, which the page does not load (system fonts only, small bundle).
 */

/** The icon as text to show, or null when there is none or it needs the icon font. */
export function iconText(icon: string | undefined): string | null {
  if (!icon || icon.startsWith(':material')) return null;
  return icon;
}
