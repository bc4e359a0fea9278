import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigValidationError, loadAppConfig } from './app-config';
import { DOCUMENTED_EXAMPLE_API_KEYS, exampleApiKeyProblem } from './example-api-keys';

const ROOT = join(__dirname, '../../..');

/** Every literal the repository's docs and examples show as an ADMIN_API_KEY or as a Bearer key. */
function keysShownInTheRepository(): string[] {
  const files = ['README.md', '.env.example', 'docker-compose.yml', ...readdirSync(join(ROOT, 'docs')).map((f) => join('docs', f))];
  const shown = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    // A literal value, not a shell or compose expansion (`$(openssl ...)`, `${ADMIN_API_KEY:-}`).
    for (const m of text.matchAll(/(?<!\$\{)ADMIN_API_KEY[ \t]*[=:][ \t]*['"]?(?!\$)([A-Za-z0-9._~+/=-]{2,})/g)) shown.add(m[1]);
    for (const m of text.matchAll(/Bearer ([A-Za-z0-9._~+/=-]{16,})/g)) shown.add(m[1]);
  }
  return [...shown];
}

function refusal(key: string): string | null {
  try {
    loadAppConfig({ ADMIN_API_KEY: key });
    return null;
  } catch (error) {
    return (error as ConfigValidationError).problems.join('\n');
  }
}

describe('ADMIN_API_KEY: example values are refused at start-up', () => {
  it('given any key the documentation or examples show, when loaded, then it is refused without being repeated', () => {
    const shown = [...keysShownInTheRepository(), ...DOCUMENTED_EXAMPLE_API_KEYS];
    expect(shown.length).toBeGreaterThanOrEqual(DOCUMENTED_EXAMPLE_API_KEYS.length);
    for (const key of shown) {
      const problem = refusal(key);
      expect({ key, refused: problem !== null }).toEqual({ key, refused: true });
      expect(problem).toContain('ADMIN_API_KEY');
      expect(problem).not.toContain(key);
    }
  });

  it.each([
    ['all the same character', 'aaaaaaaaaaaaaaaaaaaa'],
    ['a short repeated pattern', 'abababababababababab'],
    ['a change-me placeholder', 'change_me_in_production_2026'],
    ['a change-me placeholder in capitals', 'CHANGEME-PLEASE-NOW-1'],
    ['a placeholder word', 'your-api-key-goes-here-1234'],
    ['an example marker', 'this-is-an-example-0042'],
    ['a run of digits and letters', '0123456789abcdef'],
    ['a backwards run', 'zyxwvutsrqponmlk'],
  ])('given %s, then it is refused', (_, key) => {
    expect(exampleApiKeyProblem(key)).not.toBeNull();
  });

  it.each([
    ['a generated key', 'pck_9fQ2vX0kLr8TzA1bWm3YcE5hUj7Ns4Dq'],
    ['hex from openssl rand', '3f9c2a7d8e1b4c6f0a5d9e2b7c1f4a8d'],
    ['the integration suite key', 'it-admin-0d4c9a1e7b3f5a2c8e6d1b9f4a7c3e5b'],
  ])('given %s, then it is accepted', (_, key) => {
    expect(exampleApiKeyProblem(key)).toBeNull();
    expect(loadAppConfig({ ADMIN_API_KEY: key }).admin.bootstrapApiKey).toBe(key);
  });
});
