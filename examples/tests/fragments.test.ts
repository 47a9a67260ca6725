/**
 * The gallery's fragments section, tested headless with AppTest: the fragment's button reruns only
 * the fragment, and the dialog opens, takes a name and saves it.
 */
import { AppTest } from 'mini-st/testing';
import { describe, expect, it } from 'vitest';

const section = () => AppTest.from_file(new URL('../e2e/fixtures/fragments.ts', import.meta.url), { default_timeout: 10 });

describe('examples/gallery/fragments.ts', () => {
  it('counts in the fragment without running the app', async () => {
    const at = await section().run();
    const add = () => at.button.find((b) => b.label === 'Add 1 in the fragment')!;
    await add().click().run();
    await add().click().run();
    expect(at.text.values).toEqual(['App runs: 1', 'Fragment count: 2', 'Project: mini-st']);
    await at.button.find((b) => b.label === 'Rerun the whole app')!.click().run();
    expect(at.text.values).toContain('App runs: 2');
  });

  it('renames the project in a dialog', async () => {
    const at = await section().run();
    expect(at.dialog.length).toBe(0);
    await at.button.find((b) => b.label === 'Rename…')!.click().run();
    const dialog = at.dialog[0]!;
    expect(dialog.label).toBe('Rename the project');
    await dialog.text_input('project_name_input').input('Apollo').run();
    expect(at.dialog[0]!.caption.values).toEqual(['Preview: Apollo']);
    await at.dialog[0]!.button[0]!.click().run();
    expect(at.dialog.length).toBe(0);
    expect(at.text.values).toContain('Project: Apollo');
  });
});
