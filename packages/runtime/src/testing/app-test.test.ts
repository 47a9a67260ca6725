import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { AppTest } from './app-test.js';

describe('AppTest', () => {
  it('runs a function app and reads its elements', async () => {
    const at = await AppTest.from_function(() => {
      st.title('Hello');
      st.markdown('**bold**');
      st.caption('small');
      st.sidebar.text('side');
    }).run();
    expect(at.title[0]!.value).toBe('Hello');
    expect(at.markdown.values).toEqual(['**bold**']);
    expect(at.caption[0]!.value).toBe('small');
    expect(at.sidebar.text[0]!.value).toBe('side');
    expect(at.main.text.length).toBe(0);
  });

  it('types into inputs, moves sliders, clicks buttons, and reruns', async () => {
    const at = AppTest.from_function(() => {
      const name = st.text_input('Name', { key: 'name' });
      const n = st.slider('n', { max_value: 10 });
      const fruit = st.selectbox('Fruit', ['apple', 'pear'], { format_func: (f) => f.toUpperCase() });
      const tags = st.multiselect('Tags', ['a', 'b', 'c']);
      const sure = st.checkbox('Sure');
      if (st.button('Go')) st.success(`go ${name} ${n} ${fruit} ${tags.join('')} ${sure}`);
    });
    await at.run();
    expect(at.success.length).toBe(0);
    at.text_input('name').input('Ada');
    at.slider[0]!.set_value(7);
    at.selectbox[0]!.select('pear');
    at.multiselect[0]!.select('c').select('a');
    at.checkbox[0]!.check();
    await at.button[0]!.click().run();
    expect(at.success[0]!.value).toBe('go Ada 7 pear ca true');
    expect(at.button[0]!.value).toBe(true);
    await at.run();
    expect(at.success.length).toBe(0);
    expect(at.button[0]!.value).toBe(false);
    expect(at.text_input('name').value).toBe('Ada');
  });

  it('captures script errors instead of throwing them', async () => {
    const at = await AppTest.from_function(() => {
      st.text('before');
      throw new Error('kaboom');
    }).run();
    expect(at.exception[0]!.message).toBe('kaboom');
    expect(at.text[0]!.value).toBe('before');
  });

  it('fails a run that takes longer than the timeout', async () => {
    const at = AppTest.from_function(async () => {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        st.text('tick');
      }
    }, { default_timeout: 0.1 });
    await expect(at.run()).rejects.toThrow('AppTest script run timed out after 0.1s');
  });

  it('reads and sets session_state between runs', async () => {
    const at = AppTest.from_function(() => {
      st.session_state.count ??= 0;
      st.session_state.count += 1;
      st.text(`count=${st.session_state.count}`);
    });
    await at.run();
    expect(at.session_state.count).toBe(1);
    at.session_state.count = 10;
    await at.run();
    expect(at.text[0]!.value).toBe('count=11');
  });

  it('submits forms with their batched values', async () => {
    const at = AppTest.from_function(() => {
      const form = st.form('f');
      const email = form.text_input('Email');
      if (form.form_submit_button('Send')) st.write(`sent ${email}`);
    });
    await at.run();
    at.text_input[0]!.input('a@b.c');
    await at.form[0]!.button[0]!.click().run();
    expect(at.markdown[0]!.value).toBe('sent a@b.c');
  });

  it('reads columns, tabs and expanders', async () => {
    const at = await AppTest.from_function(() => {
      const [a, b] = st.columns(2);
      a.text('left');
      b.text('right');
      const [one] = st.tabs(['One']);
      one.expander('More').text('deep');
    }).run();
    expect(at.columns.map((c) => c.text[0]!.value)).toEqual(['left', 'right']);
    expect(at.tabs[0]!.label).toBe('One');
    expect(at.expander[0]!.text[0]!.value).toBe('deep');
  });

  it('runs as a logged-in user and records login and logout', async () => {
    const at = AppTest.from_function(() => {
      if (!st.experimental_user.is_logged_in) {
        st.button('Log in', { on_click: st.login });
      } else {
        st.header(`Welcome, ${st.user.name}!`);
        st.text(String(st.user.tokens.id));
        st.button('Log out', { on_click: st.logout });
      }
    });
    await at.run();
    await at.button[0]!.click().run();
    expect(at.login_requests).toEqual([{ provider: undefined }]);
    await at.login({ name: 'Ada', email: 'ada@example.com' }, { tokens: { id: 'id-token' } }).run();
    expect(at.header[0]!.value).toBe('Welcome, Ada!');
    expect(at.text[0]!.value).toBe('id-token');
    await at.button[0]!.click().run();
    expect(at.logout_requests).toBe(1);
    await at.run();
    expect(at.button[0]!.label).toBe('Log in');
  });

  it('compiles apps from source, with secrets', async () => {
    const at = AppTest.from_string('import { st } from "mini-st";\nst.text(`key=${st.secrets.api.key}`);\n');
    at.secrets = { api: { key: 'k-123' } };
    await at.run();
    expect(at.text[0]!.value).toBe('key=k-123');
  });
});
