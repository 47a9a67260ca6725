/**
 * The page's theme as the chart libraries need it: colours read from the CSS variables of
 * styles/theme.css (so a chart follows light, dark, and any theme that sets those variables),
 * and a hook that re-renders when they change, so charts redraw in the new colours.
 */
import { useSyncExternalStore } from 'react';

export interface ChartTheme {
  scheme: 'light' | 'dark';
  text: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
}

/** Reads the theme from the document's CSS variables now, resolved to plain colours. */
export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const font = style.getPropertyValue('--st-font').trim() || 'system-ui, sans-serif';
  // Theme variables may be var() chains and color-mix(): let the browser resolve them to colours.
  const probe = document.createElement('span');
  probe.hidden = true;
  document.body.append(probe);
  const resolve = (name: string, fallback: string) => {
    probe.style.color = fallback;
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const background = resolve('--st-bg', '#ffffff');
  const theme: ChartTheme = {
    scheme: isDark(background) ? 'dark' : 'light',
    text: resolve('--st-text', '#31333f'),
    muted: resolve('--st-muted', 'rgba(49, 51, 63, 0.6)'),
    grid: resolve('--st-border', 'rgba(49, 51, 63, 0.2)'),
    background,
    font,
  };
  probe.remove();
  return theme;
}

function subscribe(onChange: () => void): () => void {
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', onChange);
  // A theme switch that sets a class, attribute or style on the root changes the variables too.
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true });
  return () => {
    media.removeEventListener('change', onChange);
    observer.disconnect();
  };
}

function snapshot(): string {
  const style = getComputedStyle(document.documentElement);
  return `${style.getPropertyValue('--st-bg')}|${style.getPropertyValue('--st-text')}`;
}

/** A key that changes whenever the theme's colours do (use it as an effect dependency). */
export function useThemeKey(): string {
  return useSyncExternalStore(subscribe, snapshot, () => '');
}

/** Whether a colour is dark, from its luminance (normalized through a canvas, so any CSS colour works). */
function isDark(color: string): boolean {
  const [r, g, b] = rgba(color);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

let probe: CanvasRenderingContext2D | null | undefined;

/** A CSS colour as [r, g, b, a] (0-255, alpha 0-1). */
export function rgba(color: string): [number, number, number, number] {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return [0, 0, 0, 1];
  probe.fillStyle = '#000';
  probe.fillStyle = color;
  const normalized = String(probe.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normalized);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16), 1];
  const parts = /rgba?\(([^)]+)\)/.exec(normalized)?.[1]?.split(',').map(Number) ?? [0, 0, 0, 1];
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
}

/** The colour with its opacity multiplied by `alpha`. */
export function withAlpha(color: string, alpha: number): string {
  const [r, g, b, a] = rgba(color);
  return `rgba(${r}, ${g}, ${b}, ${a * alpha})`;
}
