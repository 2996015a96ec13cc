#!/usr/bin/env node
'use strict';
/**
 * Writes src/core/rulebook/builtin-validated.json: for each built-in rulebook, the hash of its file and
 * the changes validation (zod) makes to it, so the CLI and workers use built-ins without loading zod.
 * Run after changing rulebooks/*.json or the schema (needs lib/: npx tsc -p tsconfig.cli.json);
 * test/core/rulebook-builtin-validated.test.ts fails while the file is out of date.
 */
const fs = require('node:fs');
const path = require('node:path');
const lib = path.join(__dirname, '..', 'lib', 'src', 'core', 'rulebook');
const { builtinValidatedData } = require(path.join(lib, 'builtin-validated'));
const out = path.join(__dirname, '..', 'src', 'core', 'rulebook', 'builtin-validated.json');
fs.writeFileSync(out, JSON.stringify(builtinValidatedData(), null, 1) + '\n');
console.log(`written ${path.relative(process.cwd(), out)}`);
