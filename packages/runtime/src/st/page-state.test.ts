import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';

describe('st.query_params', () => {
  it('reads the page query, and each write sends the new query string', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      const q = st.query_params;
      seen.push(q.tab, q.missing, 'tab' in q, q.get_all('tag'), q.to_dict(), Object.keys(q));
      q.tab = 'settings';
      q.count = String(3);
      delete q.tag;
      q.update({ tag: ['x', 'y'] });
    });
    h.runner.post({ type: 'query_params', query: '?tab=home&tag=a&tag=b' });
    await h.rerun();
    expect(seen).toEqual(['home', undefined, true, ['a', 'b'], { tab: 'home', tag: 'b' }, ['tab', 'tag']]);
    const queries = h.messages.flatMap((m) => (m.type === 'query_params' ? [m.query] : []));
    expect(queries).toEqual(['?tab=settings&tag=a&tag=b', '?tab=settings&tag=a&tag=b&count=3', '?tab=settings&count=3', '?tab=settings&count=3&tag=x&tag=y']);
  });

  it('sends nothing when a write changes nothing, and keeps its values across runs', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.query_params.page);
      st.query_params.page = 'a';
    });
    await h.rerun();
    await h.rerun();
    expect(seen).toEqual([undefined, 'a']);
    expect(h.messages.filter((m) => m.type === 'query_params')).toHaveLength(1);
  });

  it('clears and replaces all at once, and refuses to overwrite its methods', async () => {
    const h = runnerHarness(() => {
      st.query_params.from_dict({ a: 1, b: ['2', 3] });
      st.query_params.clear();
      (st.query_params as Record<string, unknown>).clear = 'x';
    });
    const run = await h.rerun();
    expect(h.messages.flatMap((m) => (m.type === 'query_params' ? [m.query] : []))).toEqual(['?a=1&b=2&b=3', '']);
    expect(run.elements[0]).toMatchObject({ code: 'MST_ERR_READ_ONLY' });
  });
});

describe('st.set_page_config', () => {
  it('sends the page config with Streamlit names mapped, and refuses bad values', async () => {
    const h = runnerHarness(() => {
      st.set_page_config({ page_title: 'Sales', page_icon: '📈', layout: 'wide', initial_sidebar_state: 'collapsed' });
      st.set_page_config({ layout: 'full' as never });
    });
    const run = await h.rerun();
    expect(h.messages.filter((m) => m.type === 'page_message').map((m) => m.type === 'page_message' && m.message)).toEqual([
      { type: 'page_config', title: 'Sales', icon: '📈', layout: 'wide', initialSidebarState: 'collapsed' },
    ]);
    expect(run.elements[0]).toMatchObject({ code: 'MST_ERR_INVALID_ARGUMENT', message: expect.stringContaining('layout') });
  });
});
