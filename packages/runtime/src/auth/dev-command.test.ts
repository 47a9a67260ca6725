import { describe, expect, it } from 'vitest';
import { runAuthCommand } from './dev-command.js';

describe('mini-st auth dev-provider', () => {
  it('runs a provider whose discovery answers, prints its [auth] table, and stops on request', async () => {
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const code = runAuthCommand(['dev-provider'], new Map([['port', '0']]), {
      stdout: (line) => {
        lines.push(line);
        if (line.includes('server_metadata_url')) {
          const url = JSON.parse(line.split(' = ')[1]!) as string;
          void fetch(url).then(async (response) => {
            lines.push(`discovered ${((await response.json()) as { issuer: string }).issuer}`);
            stop();
          });
        }
      },
      stopRequested: () => stopped,
    });
    expect(await code).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/listening at http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toContain('alice (Alice Liddell)');
    expect(text).toContain('[auth]');
    expect(text).toContain('client_id = "mini-st-demo"');
    expect(text).toMatch(/discovered http:\/\/127\.0\.0\.1:\d+/);
  });

  it('explains a wrong command or flag', async () => {
    const io = { stdout() {}, stopRequested: async () => {} };
    await expect(runAuthCommand(['provider'], new Map(), io)).rejects.toMatchObject({ code: 'MST_ERR_CLI_USAGE' });
    await expect(runAuthCommand(['dev-provider'], new Map([['port', 'abc']]), io)).rejects.toThrow('--port expects a port number');
    await expect(runAuthCommand(['dev-provider'], new Map([['host', 'x']]), io)).rejects.toThrow('Unknown option --host');
  });
});
