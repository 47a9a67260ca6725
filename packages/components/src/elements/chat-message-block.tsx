/**
 * st.chat_message: one message of a chat, an avatar beside the content. An article named
 * "Chat message from {name}", so a screen reader can move message by message. "user"/"human"
 * get a person, "assistant"/"ai" a bot, other names their first letter; an avatar given as an
 * image URL is drawn as an image, anything else as text (an emoji).
 */
import type { ChatMessageBlock as ChatMessageSpec } from '@mini-st/protocol';
import type { BlockNode } from '../app-tree.js';
import { cx } from '../cx.js';
import { BlockChildren } from './node-view.js';

const USERS = new Set(['user', 'human']);
const BOTS = new Set(['assistant', 'ai']);

/** What the avatar shows: a default glyph for known names, an image, or text. */
export function avatarOf(block: Pick<ChatMessageSpec, 'name' | 'avatar'>): { kind: 'user' | 'assistant' | 'image' | 'text'; value: string } {
  const avatar = block.avatar;
  if (avatar && /^(https?:\/\/|data:image\/|\/|\.\.?\/)/i.test(avatar)) return { kind: 'image', value: avatar };
  if (avatar) return { kind: 'text', value: avatar };
  const name = block.name.toLowerCase();
  if (USERS.has(name)) return { kind: 'user', value: '' };
  if (BOTS.has(name)) return { kind: 'assistant', value: '' };
  return { kind: 'text', value: [...block.name][0]?.toUpperCase() ?? '?' };
}

/** Draws a `chat_message` block. */
export function ChatMessageBlock({ node, block, nodeKey }: { node: BlockNode; block: ChatMessageSpec; nodeKey: string }) {
  const avatar = avatarOf(block);
  return (
    <div className={cx('st-chat-message', `st-chat-${avatar.kind}`)} role="article" aria-label={`Chat message from ${block.name}`}>
      <div className="st-chat-avatar" aria-hidden="true">
        {avatar.kind === 'image' ? <img src={avatar.value} alt="" /> : avatar.kind === 'text' ? avatar.value : <Glyph kind={avatar.kind} />}
      </div>
      <div className="st-chat-body st-vertical">
        <BlockChildren node={node} nodeKey={nodeKey} />
      </div>
    </div>
  );
}

/** Small line drawings, so the default avatars need no icon font or image. */
function Glyph({ kind }: { kind: 'user' | 'assistant' }) {
  return kind === 'user' ? (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4 4-6 8-6s8 2 8 6" />
    </svg>
  ) : (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <rect x="4" y="8" width="16" height="12" rx="3" />
      <path d="M12 8V4M9 14h.01M15 14h.01" />
    </svg>
  );
}
