import { describe, expect, it } from 'vitest';
import { rewritePageSources } from './page-paths.js';

describe('rewritePageSources', () => {
  it('turns a page file path into a tagged import, relative to the main script, on the same line', () => {
    const out = rewritePageSources('const a = st.Page("pages/a.ts", { icon: "x" });\nst.Page(\'./b.tsx\')', '/app');
    expect(out).toBe(
      'const a = st.Page(Object.assign(() => import("/app/pages/a.ts"), { [Symbol.for("mini-st.page-source")]: "pages/a.ts" }), { icon: "x" });\n' +
        'st.Page(Object.assign(() => import("/app/b.tsx"), { [Symbol.for("mini-st.page-source")]: "./b.tsx" }))',
    );
  });

  it('tags a lazy import with its path and leaves other calls alone', () => {
    expect(rewritePageSources('st.Page(() => import("./pages/s.ts"))', '/app')).toBe(
      'st.Page(Object.assign(() => import("./pages/s.ts"), { [Symbol.for("mini-st.page-source")]: "./pages/s.ts" }))',
    );
    for (const code of ['st.Page(home)', 'st.Page("Home title")', 'StreamlitPage("a.ts")', 'st.Page("https://x.io/a.js")']) {
      expect(rewritePageSources(code, '/app')).toBe(code);
    }
  });
});
