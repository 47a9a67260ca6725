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
    expect(at.main.header.values).toEqual(['Text', 'Widgets', 'Layout', 'Form', 'Streaming', 'Progress and status', 'Metrics', 'State and control', 'Chat', 'More inputs', 'Data', 'Charts', 'Media and files', 'Fragments and dialogs']);
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

  it('runs with progress: the bar fills, the status completes, a toast says so', async () => {
    const at = await gallery().run();
    expect(at.progress.values).toEqual([0.3]);
    expect(at.status.map((s) => [s.label, s.state])).toEqual([
      ['A finished task', 'complete'],
      ['A failed task', 'error'],
    ]);
    at.button.find((b) => b.label === 'Run with progress')!.click();
    await at.run({ timeout: 10 });
    expect(at.progress.values).toEqual([1]);
    expect(at.status[0]!.label).toBe('All 5 steps finished');
    expect(at.status[0]!.state).toBe('complete');
    expect(at.status[0]!.markdown.values).toEqual([1, 2, 3, 4, 5].map((n) => `Finished step ${n}.`));
    expect(at.toast).toEqual([{ value: 'The work is finished!', icon: '🎉' }]);
    expect(at.page_config).toMatchObject({ title: 'mini-st gallery', icon: '🎈' });
  });

  it('shows metrics, and keeps a section in the query parameters', async () => {
    const at = await gallery().run();
    expect(at.metric.values).toEqual(['70 °F', '9 mph', '86%']);
    at.query_params.section = 'beta';
    await at.run();
    expect(at.text.values).toContain('section=beta');
    await at.button.find((b) => b.label === 'Go to alpha')!.click().run();
    expect(at.text.values).toContain('section=alpha');
    expect(at.query_params.section).toBe('alpha');
  });

  it('answers a chat message with a streamed reply and keeps the conversation', async () => {
    const at = await gallery().run();
    expect(at.chat_message.map((m) => m.name)).toEqual(['assistant']);
    await at.chat_input[0]!.set_value('Hi there').run();
    expect(at.chat_message.map((m) => m.name)).toEqual(['assistant', 'user', 'assistant']);
    expect(at.chat_message[2]!.markdown.values).toEqual(['You said: "Hi there". That is 8 characters.']);
    await at.run();
    expect(at.chat_message.map((m) => m.name)).toEqual(['assistant', 'user', 'assistant']);
    expect(at.chat_input[0]!.value).toBeNull();
  });

  it('changes the newer inputs: dates, time, color, select sliders, pills and the segmented control', async () => {
    const at = await gallery().run();
    expect(at.text.values).toContain('day=2024-05-17 time=09:30 trip=2024-06-01..2024-06-14 color=#ff4b4b');
    expect(at.text.values).toContain('size=M stock=S..L moods=curious view=Week');
    at.date_input.find((d) => d.label === 'Day')!.set_value(new Date(2024, 11, 24));
    at.date_input.find((d) => d.label === 'Trip')!.set_value([new Date(2024, 6, 1)]);
    at.time_input[0]!.set_value('18:15');
    at.color_picker[0]!.set_value('#00ff00');
    at.select_slider.find((s) => s.label === 'Size')!.set_value('XL');
    at.select_slider.find((s) => s.label === 'Sizes in stock')!.set_value(['XS', 'M']);
    at.pills[0]!.set_value(['calm', 'tired']);
    await at.segmented_control[0]!.set_value(null).run();
    expect(at.text.values).toContain('day=2024-12-24 time=18:15 trip=2024-07-01..… color=#00ff00');
    expect(at.text.values).toContain('size=XL stock=XS..M moods=calm,tired view=none');
  });
});
