#!/usr/bin/env node
// The `cite-ask` command: runs the TypeScript CLI through tsx, which the package already depends on.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/ask-cli.ts');
