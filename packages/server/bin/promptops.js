#!/usr/bin/env node
// Entry point of the `promptops` command. The server package runs from its TypeScript sources through
// tsx, so `npm ci` needs no compile step for it; inside the monorepo the root tsconfig maps the
// workspace libraries to their sources too.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const rootTsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
register({ tsconfig: existsSync(rootTsconfig) ? rootTsconfig : false });
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
