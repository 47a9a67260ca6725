/**
 * The page's settings menu (the "⋮" at the top right, as in Streamlit): Light, Dark or System.
 * The choice is remembered in this browser (theme.ts). A menu button with `menuitemradio` items;
 * Escape or a click elsewhere closes it and focus returns to the button.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { usePage } from '../page-context.js';
import type { ThemeChoice, ThemeController } from '../theme.js';

const CHOICES: [ThemeChoice, string][] = [
  ['system', 'System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

/** The settings button and its menu; nothing when the page has no theme controller (tests). */
export function SettingsMenu() {
  const { theme } = usePage();
  return theme ? <Menu theme={theme} /> : null;
}

function Menu({ theme }: { theme: ThemeController }) {
  const choice = useSyncExternalStore(theme.subscribe, theme.getChoice, theme.getChoice);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else return;
    event.stopPropagation();
  };

  return (
    <div className="st-settings">
      <button
        ref={button}
        type="button"
        className="st-settings-button"
        aria-label="Settings"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        ⋮
      </button>
      {open && (
        <div ref={menu} id={id} className="st-settings-menu" role="menu" aria-label="Theme" onKeyDown={onKeyDown}>
          <div className="st-settings-heading" aria-hidden="true">
            Theme
          </div>
          {CHOICES.map(([value, label]) => (
            <button
              key={value}
              type="button"
              role="menuitemradio"
              aria-checked={choice === value}
              className="st-settings-item"
              onClick={() => {
                theme.choose(value);
                close();
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
