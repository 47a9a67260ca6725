/**
 * The seed app, tested headless with AppTest: anonymous, logged in, logged out.
 */
import { AppTest } from 'mini-st/testing';
import { describe, expect, it } from 'vitest';

const app = () => AppTest.from_file(new URL('../app.ts', import.meta.url));

describe('examples/app.ts', () => {
  it('shows the login screen to an anonymous visitor', async () => {
    const at = await app().run();
    expect(at.header[0]?.value).toBe('This app is private.');
    expect(at.subheader[0]?.value).toBe('Please log in.');
    expect(at.button[0]?.label).toBe('Log in with Microsoft');
  });

  it('asks to log in when the button is clicked', async () => {
    const at = await app().run();
    await at.button[0]!.click().run();
    expect(at.login_requests).toEqual([{ provider: undefined }]);
  });

  it('welcomes a logged-in user by name', async () => {
    const at = await app().login({ name: 'Ada Lovelace', email: 'ada@example.com' }).run();
    expect(at.header[0]?.value).toBe('Welcome, Ada Lovelace!');
    expect(at.button[0]?.label).toBe('Log out');
  });

  it('returns to the login screen after logout', async () => {
    const at = await app().login({ name: 'Ada' }).run();
    await at.button[0]!.click().run();
    expect(at.logout_requests).toBe(1);
    await at.run();
    expect(at.header[0]?.value).toBe('This app is private.');
  });
});
