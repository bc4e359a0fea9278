import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signingSecrets, signWebhook } from './signing';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({ specversion: '1.0', id: 'SHP-1:v1', data: { status: 'PRE_CLEARED' } });
  const now = new Date();

  it('a signature the reference implementation verifies', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook([secret], 'SHP-1:v1', now, body);
    expect(() => new Webhook(secret).verify(body, { ...headers })).not.toThrow();
  });

  it('during a rotation either secret verifies; a changed body or another secret does not', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signWebhook([current, previous], 'SHP-1:v2', now, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(current).verify(body.replace('PRE_CLEARED', 'RELEASED'), { ...headers })).toThrow();
  });

  it('secrets are whsec_ and 24 random bytes, base64', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(generateWebhookSecret()).not.toEqual(secret);
  });

  it('the previous secret signs only until its overlap ends', () => {
    const endpoint = { secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretUntil: new Date(now.getTime() + 1000) };
    expect(signingSecrets(endpoint, now)).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(endpoint, new Date(now.getTime() + 1000))).toEqual(['whsec_new']);
    expect(signingSecrets({ secret: 'whsec_new', previousSecret: null, previousSecretUntil: null }, now)).toEqual(['whsec_new']);
  });
});
