import { describe, expect, it } from 'vitest';
import { RunContext, runWithContext } from '../runner/run-context.js';
import { ScriptState } from './script-state.js';
import type { UserIdentity } from '../auth/types.js';
import { experimentalUser as user } from './user.js';

function inRun<T>(identity: UserIdentity | null, fn: () => T): T {
  const context = new RunContext({
    runId: 1,
    state: new ScriptState(),
    triggers: new Set(),
    send: () => {},
    services: { checkLogin: () => {} },
    user: identity,
  });
  return runWithContext(context, fn);
}

const alice: UserIdentity = {
  claims: { sub: 'alice', name: 'Alice Liddell', email: 'alice@example.com', groups: ['a', 'b'] },
  tokens: { id: 'id.token' },
};

describe('st.experimental_user', () => {
  it('is logged out without an identity', () => {
    inRun(null, () => {
      expect(user.is_logged_in).toBe(false);
      expect(user.name).toBeUndefined();
      expect(user.to_dict()).toEqual({ is_logged_in: false });
      expect(user.tokens).toEqual({});
      expect('email' in user).toBe(false);
    });
  });

  it('reads every claim by attribute and by key', () => {
    inRun(alice, () => {
      expect(user.is_logged_in).toBe(true);
      expect(user.name).toBe('Alice Liddell');
      expect(user['email']).toBe('alice@example.com');
      expect(user.groups).toEqual(['a', 'b']);
      expect('sub' in user).toBe(true);
      expect(Object.keys(user).sort()).toEqual(['email', 'groups', 'is_logged_in', 'name', 'sub']);
      expect(user.to_dict()).toEqual({ ...alice.claims, is_logged_in: true });
      expect(user.tokens).toEqual({ id: 'id.token' });
    });
  });

  it('is read-only, with a clear error', () => {
    inRun(alice, () => {
      expect(() => {
        (user as Record<string, unknown>).name = 'Mallory';
      }).toThrow(expect.objectContaining({ code: 'MST_ERR_READ_ONLY', message: 'st.experimental_user is read-only.' }));
      expect(() => delete (user as Record<string, unknown>).name).toThrow('read-only');
      const copy = user.to_dict();
      (copy.groups as string[]).push('c');
      expect(user.groups).toEqual(['a', 'b']);
      expect(() => {
        (user.tokens as Record<string, unknown>).id = 'x';
      }).toThrow();
      // Claims are frozen by the auth plugin when it reads the cookie (cookies.ts).
    });
  });

  it('needs a script run', () => {
    expect(() => user.is_logged_in).toThrow(expect.objectContaining({ code: 'MST_ERR_OUTSIDE_RUN' }));
  });
});
