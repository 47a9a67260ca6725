#!/usr/bin/env node
// The `mini-st` command. Source maps first, so stack traces point at src/ rather than dist/.
process.setSourceMapsEnabled(true);
const { main } = await import('../dist/cli.js');
process.exit(await main(process.argv.slice(2)));
