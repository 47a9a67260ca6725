import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../index.js';
import { MiniStError } from '../errors.js';
import { runnerHarness } from '../testing-support/runner-harness.js';
import { compileScript } from './compile.js';
import { ScriptRunner } from './script-runner.js';
import { ScriptSource } from './script-source.js';
import type { RunnerToSession } from './messages.js';

// Inside the package, so `import … from "smol-toml"` resolves through its node_modules.
const here = path.dirname(fileURLToPath(import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(here, '..', '..', '.test-tmp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, source: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, source);
  return file;
}

async function runFile(file: string) {
  const messages: RunnerToSession[] = [];
  const runner = new ScriptRunner(new ScriptSource(file, () => {}), (m) => messages.push(m));
  runner.post({ type: 'rerun', widgets: {}, triggers: [] });
  await runner.idle();
  return { runner, messages };
}

describe('compileScript', () => {
  it('runs TypeScript with top-level await, local imports and packages', async () => {
    await write('helper.ts', 'export const greet = (name: string): string => `Hello, ${name}`;\n');
    const file = await write(
      'app.ts',
      [
        'import { st } from "mini-st";',
        'import { parse } from "smol-toml";',
        'import { greet } from "./helper";',
        'const value: number = await Promise.resolve(41);',
        'st.text(greet("TS") + " " + (value + 1) + " " + parse("a = 1").a);',
      ].join('\n'),
    );
    const { messages } = await runFile(file);
    const texts = messages.flatMap((m) => (m.type === 'delta' && m.delta.element?.type === 'text' ? [m.delta.element.body] : []));
    expect(texts).toEqual(['Hello, TS 42 1']);
    expect(messages.at(-1)).toMatchObject({ type: 'run_finished', status: 'ok' });
  });

  it('reports the files the script was built from', async () => {
    const file = path.join(dir, 'app.ts');
    const compiled = await compileScript(file);
    expect(compiled.files).toEqual(expect.arrayContaining([file, path.join(dir, 'helper.ts')]));
  });

  it('loads packages once: module state survives reruns, the script body does not', async () => {
    const file = await write(
      'counter.ts',
      ['import { st } from "mini-st";', 'let local = 0;', 'local += 1;', 'const g = globalThis as any;', 'g.__runs = (g.__runs ?? 0) + 1;', 'st.text(`${local} ${g.__runs}`);'].join('\n'),
    );
    const messages: RunnerToSession[] = [];
    const runner = new ScriptRunner(new ScriptSource(file, () => {}), (m) => messages.push(m));
    for (let i = 0; i < 3; i++) {
      runner.post({ type: 'rerun', widgets: {}, triggers: [] });
      await runner.idle();
    }
    const texts = messages.flatMap((m) => (m.type === 'delta' && m.delta.element?.type === 'text' ? [m.delta.element.body] : []));
    expect(texts.map((t) => t.split(' ')[0])).toEqual(['1', '1', '1']);
    expect(new Set(texts.map((t) => t.split(' ')[1])).size).toBe(3);
  });

  it('names file, line and column of a syntax error, in the page too', async () => {
    const file = await write('broken.ts', 'import { st } from "mini-st";\nst.text("ok");\nconst x = ;\n');
    await expect(compileScript(file)).rejects.toMatchObject({ code: 'MST_ERR_COMPILE', message: expect.stringContaining(`${file}:3:11`) });
    const { messages } = await runFile(file);
    const exception = messages.find((m) => m.type === 'delta' && m.delta.element?.type === 'exception');
    expect(exception).toMatchObject({ delta: { element: { code: 'MST_ERR_COMPILE' } } });
    expect(messages.at(-1)).toMatchObject({ type: 'run_finished', status: 'compile_error' });
  });

  it('maps the stack of an error to the lines of app.ts', async () => {
    const file = await write(
      'throws.ts',
      ['import { st } from "mini-st";', 'import { greet } from "./helper";', 'st.text(greet("x"));', '', 'throw new Error("line five");'].join('\n'),
    );
    const { messages } = await runFile(file);
    const delta = messages.find((m) => m.type === 'delta' && m.delta.element?.type === 'exception');
    const element = delta?.type === 'delta' ? delta.delta.element : undefined;
    expect(element?.type === 'exception' && element.stack[0]).toContain(`${file}:5:`);
  });

  it('is a MiniStError with a stable code for a missing import', async () => {
    const file = await write('missing.ts', 'import { x } from "./nope";\nconsole.log(x);\n');
    const error = await compileScript(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniStError);
    expect((error as MiniStError).message).toContain('missing.ts:1:');
  });
});

describe('runner harness sanity', () => {
  it('keeps the harness honest: a script with no st calls finishes ok with empty roots', async () => {
    const h = runnerHarness(() => undefined);
    const run = await h.rerun();
    expect(run).toMatchObject({ status: 'ok', counts: { '0': 0, '1': 0 } });
  });
});
