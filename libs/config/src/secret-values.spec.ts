import { redactDatabaseUrl, shownValue } from './secret-values';

describe('secret values in messages', () => {
  it('given a database URL with a password, when shown, then the password is replaced and the rest kept', () => {
    expect(redactDatabaseUrl('postgres://clearance:s3cr%40t@db.internal:5432/clearance')).toBe(
      'postgres://clearance:***@db.internal:5432/clearance',
    );
    expect(redactDatabaseUrl('postgres://postgres@127.0.0.1:5432/clearance')).toBe('postgres://postgres@127.0.0.1:5432/clearance');
    expect(redactDatabaseUrl('not a url with hunter2 inside')).not.toContain('hunter2');
  });

  it('given the admin key, when shown, then only its length is', () => {
    expect(shownValue('ADMIN_API_KEY', 'hunter2hunter2hunter2')).toBe('(hidden, 21 characters)');
    expect(shownValue('DATABASE_URL', 'postgres://u:hunter2@h/d')).not.toContain('hunter2');
    expect(shownValue('ADMIN_PORT', 'eighty')).toBe('"eighty"');
  });
});
