import { parseTrustProxy, trustProxyProblem } from './trust-proxy';

describe('ADMIN_TRUST_PROXY', () => {
  it.each([
    ['off', false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.7,fd00::/8 , loopback', ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback']],
  ])('given %j, then it is accepted as %j', (value, setting) => {
    expect(trustProxyProblem(value)).toBeNull();
    expect(parseTrustProxy(value)).toEqual(setting);
  });

  it.each(['true', 'all', '*', '11', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/8/2', 'proxy.example.com', '10.0.0.0/8,', 'X-Forwarded-For'])(
    'given %j, then it is refused',
    (value) => {
      expect(trustProxyProblem(value)).not.toBeNull();
    },
  );
});
