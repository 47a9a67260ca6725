import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { AppTest } from '../testing/index.js';
import { iconAndName } from './page.js';

function home() {
  st.title('Home');
}
function settings() {
  st.title('Settings');
  st.text_input('Name');
}

function twoPages(options: { position?: 'sidebar' | 'hidden' | 'top' } = {}) {
  return async () => {
    const pg = st.navigation([st.Page(home, { icon: '🏠' }), st.Page(settings)], options);
    await pg.run();
  };
}

describe('st.Page', () => {
  it('infers title, icon and URL path from file names as Streamlit does', () => {
    expect(iconAndName('1_📈_Plotting_Demo')).toEqual({ icon: '📈', name: 'Plotting_Demo' });
    expect(iconAndName('settings')).toEqual({ icon: '', name: 'settings' });
    expect(iconAndName('02 -  My  page')).toEqual({ icon: '', name: 'My_page' });
    expect(iconAndName('🇫🇷_France')).toEqual({ icon: '🇫🇷', name: 'France' });
  });

  it('takes the title from the function name, and refuses nameless functions and bad paths', async () => {
    const seen: unknown[] = [];
    const at = AppTest.from_function(() => {
      const p = st.Page(function sales_report() {});
      seen.push(p.title, p.url_path, p.icon);
      for (const make of [
        () => st.Page(() => {}),
        () => st.Page(home, { url_path: 'a/b' }),
        () => st.Page(home, { url_path: '' }),
        () => st.Page('pages/a.ts'),
      ]) {
        try {
          make();
        } catch (error) {
          seen.push((error as { code: string }).code);
        }
      }
    });
    await at.run();
    expect(at.exception).toHaveLength(0);
    expect(seen).toEqual(['sales report', 'sales_report', '', 'MST_ERR_PAGE_TITLE', 'MST_ERR_PAGE_URL_PATH', 'MST_ERR_PAGE_URL_PATH', 'MST_ERR_PAGE_SOURCE']);
  });
});

describe('st.navigation', () => {
  it('shows the default page at the app address and tells the page the menu', async () => {
    const at = await AppTest.from_function(twoPages()).run();
    expect(at.title[0]?.value).toBe('Home');
    expect(at.navigation).toEqual({
      pages: [
        { urlPath: '', title: 'home', icon: '🏠', section: '' },
        { urlPath: 'settings', title: 'settings', section: '' },
      ],
      current: '',
      position: 'sidebar',
      replace: true,
    });
  });

  it('shows the page the address names, and the default page with a notice for an unknown one', async () => {
    const at = AppTest.from_function(twoPages());
    await at.switch_page('settings').run();
    expect(at.title[0]?.value).toBe('Settings');
    expect(at.navigation?.current).toBe('settings');
    await at.switch_page('nope').run();
    expect(at.title[0]?.value).toBe('Home');
    expect(at.navigation?.notFound?.code).toBe('MST_ERR_PAGE_NOT_FOUND');
    expect(at.navigation?.current).toBe('');
    // The default page also answers to its own name, without a notice.
    await at.switch_page('home').run();
    expect(at.title[0]?.value).toBe('Home');
    expect(at.navigation?.notFound).toBeUndefined();
  });

  it('lists sections and honours default: true', async () => {
    const at = await AppTest.from_function(async () => {
      await st.navigation({ Main: [st.Page(home)], Admin: [st.Page(settings, { default: true })] }, { position: 'top' }).run();
    }).run();
    expect(at.title[0]?.value).toBe('Settings');
    expect(at.navigation?.pages.map((p) => [p.section, p.urlPath])).toEqual([
      ['Main', 'home'],
      ['Admin', ''],
    ]);
    expect(at.navigation?.position).toBe('top');
  });

  it('refuses no pages, two defaults and clashing URL paths, with their codes', async () => {
    const codes: string[] = [];
    const at = AppTest.from_function(() => {
      for (const pages of [
        () => [],
        () => [st.Page(home, { default: true }), st.Page(settings, { default: true })],
        () => [st.Page(home), st.Page(settings, { url_path: 'x' }), st.Page(() => {}, { title: 'Other', url_path: 'x' })],
      ]) {
        try {
          st.navigation(pages());
        } catch (error) {
          codes.push((error as { code: string }).code);
        }
      }
    });
    await at.run();
    expect(codes).toEqual(['MST_ERR_NAVIGATION_EMPTY', 'MST_ERR_NAVIGATION_MULTIPLE_DEFAULTS', 'MST_ERR_NAVIGATION_DUPLICATE_URL_PATH']);
  });

  it('drops the widget state of a page that was left, keeps session_state', async () => {
    const at = AppTest.from_function(async () => {
      st.session_state.visits = ((st.session_state.visits as number | undefined) ?? 0) + 1;
      await st.navigation([st.Page(home), st.Page(settings)]).run();
    });
    await at.switch_page('settings').run();
    at.text_input[0]!.input('Ada');
    await at.run();
    expect(at.text_input[0]?.value).toBe('Ada');
    await at.switch_page('').run();
    await at.switch_page('settings').run();
    expect(at.text_input[0]?.value).toBe('');
    expect(at.session_state.visits).toBe(4);
  });

  it('scopes a page body\'s widgets to the page: the same call on two pages is two widgets', async () => {
    const form = () => st.text_input('Name');
    const at = AppTest.from_function(async () => {
      await st.navigation([st.Page(function one() { form(); }), st.Page(function two() { form(); })]).run();
    });
    await at.run();
    const first = at.text_input[0]!.id;
    await at.switch_page('two').run();
    expect(at.text_input[0]!.id).not.toBe(first);
  });

  it('reports a failing page once: drawn when not awaited, left to the script\'s catch when awaited', async () => {
    const unawaited = await AppTest.from_function(() => {
      st.navigation([st.Page(async function failing() {
        await Promise.resolve();
        throw new Error('page failed');
      })]).run();
    }).run();
    expect(unawaited.exception.map((e) => e.message)).toEqual(['page failed']);
    const caught = await AppTest.from_function(async () => {
      try {
        await st.navigation([st.Page(async function failing() {
          await Promise.resolve();
          throw new Error('page failed');
        })]).run();
      } catch (error) {
        st.write(`caught: ${(error as Error).message}`);
      }
    }).run();
    expect(caught.exception).toHaveLength(0);
    expect(caught.markdown.map((m) => m.value)).toEqual(['caught: page failed']);
  });

  it('waits for an async page the script did not await', async () => {
    const at = await AppTest.from_function(() => {
      st.navigation([
        st.Page(async function slow() {
          await new Promise((resolve) => setImmediate(resolve));
          st.write('late');
        }),
      ]).run();
    }).run();
    expect(at.markdown.map((m) => m.value)).toEqual(['late']);
  });
});

describe('st.switch_page and st.page_link', () => {
  it('switches page from the script, by object or URL path, and clears query params', async () => {
    const at = AppTest.from_function(async () => {
      const pages = [st.Page(home), st.Page(settings)];
      const pg = st.navigation(pages);
      if (st.query_params.go) st.switch_page(st.query_params.go === 'obj' ? pages[1]! : 'settings');
      await pg.run();
    });
    at.query_params.go = 'obj';
    await at.run();
    expect(at.title[0]?.value).toBe('Settings');
    expect(at.navigation?.replace).toBe(false);
    expect(at.query_params.go).toBeUndefined();
    await at.switch_page('').run();
    at.query_params.go = 'path';
    await at.run();
    expect(at.title[0]?.value).toBe('Settings');
  });

  it('refuses a page that is not in st.navigation', async () => {
    const at = await AppTest.from_function(() => {
      st.navigation([st.Page(home)]);
      st.switch_page('elsewhere');
    }).run();
    expect(at.exception[0]?.proto).toMatchObject({ code: 'MST_ERR_SWITCH_PAGE_UNKNOWN' });
    expect(at.exception[0]?.message).toContain('"home"');
  });

  it('draws links to pages and to other sites, marking the current page', async () => {
    const at = AppTest.from_function(async () => {
      const pages = [st.Page(home), st.Page(settings, { icon: '⚙️' })];
      await st.navigation(pages, { position: 'hidden' }).run();
      st.sidebar.page_link(pages[0]!);
      st.page_link('settings', { label: 'Go' });
      st.page_link('https://streamlit.io', { label: 'Streamlit' });
      try {
        st.page_link('https://streamlit.io');
      } catch (error) {
        st.write((error as { code: string }).code);
      }
      try {
        st.page_link('javascript:alert(1)', { label: 'x' });
      } catch (error) {
        st.write((error as { code: string }).code);
      }
    });
    await at.run();
    expect(at.page_link.map((l) => [l.value, l.proto])).toEqual([
      ['Go', expect.objectContaining({ urlPath: 'settings', url: null, icon: '⚙️', current: false })],
      ['Streamlit', expect.objectContaining({ urlPath: null, url: 'https://streamlit.io', current: false })],
      ['home', expect.objectContaining({ urlPath: '', current: true })],
    ]);
    expect(at.markdown.map((m) => m.value)).toEqual(['MST_ERR_PAGE_LINK_LABEL', 'MST_ERR_INVALID_ARGUMENT']);
  });
});

describe('module pages', () => {
  it('runs a module page\'s top level and default export on every run; st.Page("file") is bundled', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mini-st-nav-'));
    await mkdir(path.join(dir, 'pages'));
    await writeFile(
      path.join(dir, 'pages', '2_📈_Charts.ts'),
      'import { st } from "mini-st";\nst.write("charts top");\nexport default async function () { await Promise.resolve(); st.write("charts body"); }\n',
    );
    await writeFile(path.join(dir, 'pages', 'about.ts'), 'import { st } from "mini-st";\nawait Promise.resolve();\nst.write("about top");\n');
    await writeFile(
      path.join(dir, 'app.ts'),
      [
        'import { st } from "mini-st";',
        'const pg = st.navigation([st.Page(() => import("./pages/about.ts")), st.Page("pages/2_📈_Charts.ts")]);',
        'await pg.run();',
      ].join('\n'),
    );
    const at = AppTest.from_file(path.join(dir, 'app.ts'));
    await at.run();
    expect(at.exception).toHaveLength(0);
    expect(at.markdown.map((m) => m.value)).toEqual(['about top']);
    expect(at.navigation?.pages).toEqual([
      { urlPath: '', title: 'about', section: '' },
      { urlPath: 'Charts', title: 'Charts', icon: '📈', section: '' },
    ]);
    await at.switch_page('pages/2_📈_Charts.ts').run();
    expect(at.markdown.map((m) => m.value)).toEqual(['charts top', 'charts body']);
    await at.run();
    expect(at.markdown.map((m) => m.value)).toEqual(['charts top', 'charts body']);
  });
});
