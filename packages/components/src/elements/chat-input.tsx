/**
 * st.chat_input: a text box that grows with its text, and a Send button. Enter sends (Shift+Enter
 * starts a new line), the box empties, and the script sees the message in the one run it causes.
 * On the main area it is pinned to the bottom of the window.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { ChatInputElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { usePage } from '../page-context.js';
import { InBottomBar } from './bottom-bar.js';

/** Draws a `chat_input` element. */
export function ChatInput({ el }: { el: ChatInputElement }) {
  const { store } = usePage();
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (el.disabled || text.trim() === '') return;
    store.submitChat(el.id, text);
    setText('');
  };
  const grow = (area: HTMLTextAreaElement) => {
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, 200)}px`;
  };
  return (
    <InBottomBar pinned={el.pinned}>
      <form className={cx('st-chat-input', el.disabled && 'st-disabled')} onSubmit={send}>
        <textarea
          ref={box}
          className="st-chat-textarea"
          rows={1}
          value={text}
          placeholder={el.placeholder}
          aria-label={el.label}
          maxLength={el.maxChars}
          disabled={el.disabled}
          onChange={(e) => {
            setText(e.target.value);
            grow(e.target);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
              if (box.current) box.current.style.height = 'auto';
            }
          }}
        />
        <button type="submit" className="st-chat-send" aria-label="Send" disabled={el.disabled || text.trim() === ''}>
          <svg viewBox="0 0 24 24" width="18" height="18" fill="currentColor" aria-hidden="true">
            <path d="M3 20.5 21 12 3 3.5 3 10l12 2-12 2z" />
          </svg>
        </button>
      </form>
    </InBottomBar>
  );
}
