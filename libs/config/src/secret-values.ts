/** Variables whose values are secrets, or hold one: never written to a log or an error message as they are. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['ADMIN_API_KEY', 'KAFKA_SASL_PASSWORD', 'KAFKA_SSL_KEY_PASSPHRASE']);

/** A PostgreSQL URL with its password replaced by `***` (as it may be shown in a message). */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    // Not a URL: it may still hold a password, so none of it is shown.
    return '(not a URL)';
  }
}

/** A variable's value as a configuration error may show it: secrets hidden, passwords redacted. */
export function shownValue(name: string, value: unknown): string {
  if (SECRET_VARIABLES.has(name)) return typeof value === 'string' ? `(hidden, ${value.length} characters)` : '(hidden)';
  if (name === 'DATABASE_URL' && typeof value === 'string') return JSON.stringify(redactDatabaseUrl(value));
  return JSON.stringify(value);
}
