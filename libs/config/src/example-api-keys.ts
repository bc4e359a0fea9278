/**
 * ADMIN_API_KEY values that must never guard a real system: those printed in this repository's
 * documentation and examples (someone copies them), and obvious placeholders. Pure, no I/O.
 */

/** Every value the repository has shown as an example ADMIN_API_KEY (README, docker-compose.yml). */
export const DOCUMENTED_EXAMPLE_API_KEYS: readonly string[] = ['change-me-to-a-long-secret', 'change-me-please-0123'];

/** Words of a placeholder, matched in the key reduced to lower-case letters and digits. */
const PLACEHOLDER_WORDS = ['changeme', 'replaceme', 'placeholder', 'example', 'yoursecret', 'yourkey', 'yourapikey', 'insertkey'];

/** Fewer distinct characters than this is a pattern, not a secret (`aaaa...`, `abab...`, `0000111100001111`). */
const MIN_DISTINCT_CHARACTERS = 6;

/** Letters and digits in alphabet order, forwards or backwards, are a run when at least this long. */
const MIN_RUN_LENGTH = 8;
const ALPHABET_RUN = '0123456789abcdefghijklmnopqrstuvwxyz';
const RUNS = [ALPHABET_RUN.repeat(2), [...ALPHABET_RUN].reverse().join('').repeat(2)];

/** Why `key` is not acceptable as ADMIN_API_KEY, or null when it is. The message never repeats the key. */
export function exampleApiKeyProblem(key: string): string | null {
  const reduced = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (DOCUMENTED_EXAMPLE_API_KEYS.some((example) => example.toLowerCase() === key.toLowerCase())) {
    return 'is an example value from the documentation';
  }
  if (PLACEHOLDER_WORDS.some((word) => reduced.includes(word))) return 'is a placeholder (e.g. change-me), not a secret';
  if (new Set(key).size < MIN_DISTINCT_CHARACTERS) return `has fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters`;
  if (reduced.length >= MIN_RUN_LENGTH && RUNS.some((run) => run.includes(reduced))) {
    return 'is a run of consecutive letters or digits';
  }
  return null;
}
