#!/usr/bin/env node
// Regenerates rulebooks/rulebook.schema.json from the zod schema (run after changing schema.ts;
// a test fails when the committed file is stale).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { rulebookJsonSchema } = require('../lib/src/core/rulebook/json-schema.js');
const file = join(__dirname, '..', 'rulebooks', 'rulebook.schema.json');
writeFileSync(file, JSON.stringify(rulebookJsonSchema(), null, 2) + '\n');
console.log(`wrote ${file}`);
