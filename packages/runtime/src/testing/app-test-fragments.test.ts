import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { AppTest } from './app-test.js';

describe('AppTest with fragments and dialogs', () => {
  it('reruns only the fragment when the test interacts with a widget inside it', async () => {
    let outside = 0;
    const at = AppTest.from_function(() => {
      outside += 1;
      st.text(`outside ${outside}`);
      st.fragment(() => {
        st.session_state.clicks ??= 0;
        if (st.button('+1')) st.session_state.clicks += 1;
        st.text(`clicks ${st.session_state.clicks}`);
      })();
      st.button('full');
    });
    await at.run();
    await at.button[0]!.click().run();
    await at.button[0]!.click().run();
    expect(at.text.values).toEqual(['outside 1', 'clicks 2']);
    expect(outside).toBe(1);
    // A widget outside the fragment reruns the whole script.
    await at.button[1]!.click().run();
    expect(at.text.values).toEqual(['outside 2', 'clicks 2']);
  });

  it('reads a dialog by its title, and its widgets rerun only it', async () => {
    let outside = 0;
    const at = AppTest.from_function(() => {
      outside += 1;
      const ask = st.dialog('Your name')(() => {
        const name = st.text_input('Name');
        st.text(`hello ${name}`);
      });
      if (st.button('Open') || st.session_state.keep) {
        st.session_state.keep = true;
        ask();
      }
    });
    await at.run();
    expect(at.dialog.length).toBe(0);
    await at.button[0]!.click().run();
    expect(at.dialog[0]!.label).toBe('Your name');
    await at.dialog[0]!.text_input[0]!.input('Ada').run();
    expect(at.dialog[0]!.text[0]!.value).toBe('hello Ada');
    expect(outside).toBe(2);
  });
});
