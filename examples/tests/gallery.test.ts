/**
 * The gallery's widgets, tested headless with AppTest.
 */
import { AppTest } from 'mini-st/testing';
import { describe, expect, it } from 'vitest';

const gallery = () => AppTest.from_file(new URL('../gallery.ts', import.meta.url), { default_timeout: 10 });

describe('examples/gallery.ts', () => {
  it('draws every section', async () => {
    const at = await gallery().run();
    expect(at.title[0]?.value).toBe('mini-st gallery');
    expect(at.main.header.values).toEqual(['Text', 'Widgets', 'Layout', 'Form', 'Streaming']);
    expect(at.exception[0]?.message).toContain('An example exception');
    expect(at.sidebar.header[0]?.value).toBe('Sidebar');
    expect(at.tabs.map((tab) => tab.label)).toEqual(['First tab', 'Second tab']);
  });

  it('greets by the typed name and keeps widget values across runs', async () => {
    const at = await gallery().run();
    await at.text_input('name').input('Ada').run();
    expect(at.markdown.values).toContain('Hello, Ada!');
    await at.slider[0]!.set_value(42).run();
    expect(at.text.values).toContain('count=2 age=42 range=200..800');
    expect(at.text_input('name').value).toBe('Ada');
  });

  it('counts clicks through the button callback, and the success lasts one run', async () => {
    const at = await gallery().run();
    await at.button.find((b) => b.label === 'Click me')!.click().run();
    expect(at.text.values).toContain('clicks=1');
    expect(at.success.values).toContain('Clicked! (this message lasts one run)');
    await at.run();
    expect(at.success.values).not.toContain('Clicked! (this message lasts one run)');
  });

  it('submits the form once and clears it', async () => {
    const at = await gallery().run();
    const form = at.form[0]!;
    form.text_input[0]!.input('ada@example.com');
    form.selectbox[0]!.select('pro');
    await form.button[0]!.click().run();
    expect(at.success.values).toContain('Signed up ada@example.com on the pro plan.');
    expect(at.form[0]!.text_input[0]!.value).toBe('');
  });

  it('changes choices in radio, selectbox, multiselect and checkboxes', async () => {
    const at = await gallery().run();
    at.radio.find((r) => r.label === 'Flavour')!.set_value('chocolate');
    at.selectbox.find((s) => s.label === 'Fruit')!.select('cherry');
    at.multiselect[0]!.select('nuts');
    at.checkbox[0]!.check();
    await at.toggle[0]!.check().run();
    expect(at.text.values).toContain('flavour=chocolate fruit=cherry toppings=cream,nuts');
    expect(at.text.values).toContain('agree=true night=true');
  });
});
