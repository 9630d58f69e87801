// The bundle sections, as the bundle schema lists them (the engine's tests
// keep the schema and the engine's section list equal), so the browser tests
// follow the catalog instead of pinning its size.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const schema = JSON.parse(readFileSync(resolve(ROOT, 'docs/bundle-v1.schema.json'), 'utf8'));
const META = ['format', 'version', 'generatedAt', 'generator', 'account'];

/** Every section key a bundle may hold. */
export const SECTION_KEYS = Object.keys(schema.properties).filter((k) => !META.includes(k));
