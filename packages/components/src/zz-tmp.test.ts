import { it } from 'vitest';
import { renderMarkdown } from '/work/main/packages/components/src/markdown.ts';
it('x', () => {
  for (const u of ['javascript:alert(1)', '&#106;avascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,hi'])
    console.log(JSON.stringify(renderMarkdown(`[x](${u}) ![y](${u}) <${u}>`, false)));
  console.log(renderMarkdown('<div onclick=x>hi</div>\n\ntext <b>b</b>', false));
});
