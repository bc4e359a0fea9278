import { addressProblem, endpointUrlProblem, type EndpointPolicy } from './endpoint-address';

describe('webhook endpoint addresses (SSRF guard)', () => {
  const strict: EndpointPolicy = { allowHttpLocalhost: false, allowPrivateAddresses: false };
  const demo: EndpointPolicy = { allowHttpLocalhost: true, allowPrivateAddresses: false };
  const open: EndpointPolicy = { allowHttpLocalhost: false, allowPrivateAddresses: true };

  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    'fe80::1',
    'fd00::1',
    '::',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
  ])('refuses the non-public address %s unless configured', (address) => {
    expect(addressProblem(address, strict)).toMatch(/not a public address/);
    expect(addressProblem(address, demo)).toMatch(/not a public address/);
    expect(addressProblem(address, open)).toBeNull();
  });

  it.each(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1'])(
    'allows the loopback address %s only for tests and demos',
    (address) => {
      expect(addressProblem(address, strict)).toMatch(/loopback/);
      expect(addressProblem(address, demo)).toBeNull();
    },
  );

  it.each(['93.184.216.34', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(addressProblem(address, strict)).toBeNull();
  });

  it('takes https URLs; http only to loopback when allowed; no credentials', () => {
    expect(endpointUrlProblem('https://hooks.example.com/customs', strict)).toBeNull();
    expect(endpointUrlProblem('http://hooks.example.com/customs', strict)).toBe('url must be https');
    expect(endpointUrlProblem('http://hooks.example.com/customs', demo)).toMatch(/http only to a loopback address/);
    expect(endpointUrlProblem('http://127.0.0.1:8080/hook', demo)).toBeNull();
    expect(endpointUrlProblem('http://[::1]:8080/hook', demo)).toBeNull();
    expect(endpointUrlProblem('http://localhost:8080/hook', demo)).toBeNull();
    expect(endpointUrlProblem('http://127.0.0.1:8080/hook', strict)).toBe('url must be https');
    expect(endpointUrlProblem('https://localhost/hook', strict)).toMatch(/loopback/);
    expect(endpointUrlProblem('https://169.254.169.254/latest/meta-data', strict)).toMatch(/not a public address/);
    expect(endpointUrlProblem('https://user:pw@hooks.example.com/', strict)).toBe('url must not contain credentials');
    expect(endpointUrlProblem('ftp://hooks.example.com/', strict)).toBe('url must be https');
    expect(endpointUrlProblem('hooks.example.com/customs', strict)).toBe('url must be an absolute URL');
  });
});
