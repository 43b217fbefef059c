import { describe, expect, it } from 'vitest';
import {
  MSG_DNS1123_SUBDOMAIN,
  validateGatewayHostname,
  validatePreciseHostname,
} from './hostname';
import { formatViolations, prefixViolations } from './index';
import { addressesOverlap, isDNSName, isIP, isIPSloppy } from './ip';
import { validatePort } from './port';
import { validateSelectorTags, validateTagValues } from './tags';
import { goQuote, PathBuilder, rootedAt, ViolationList } from './violations';

describe('PathBuilder', () => {
  it('prints Universal paths the way Kuma does', () => {
    const path = rootedAt('conf').field('listeners').index(1).field('tls').field('certificates');
    expect(String(path)).toBe('conf.listeners[1].tls.certificates');
    expect(
      String(rootedAt('networking').field('gateway').field('tags').key('kuma.io/protocol')),
    ).toBe('networking.gateway.tags["kuma.io/protocol"]');
    expect(String(PathBuilder.root().field('name'))).toBe('name');
  });

  it.each([
    ['kuma.io/service', '"kuma.io/service"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['tab\there', '"tab\\there"'],
    ['\u0001', '"\\x01"'],
    ['zürich', '"zürich"'],
    // What `strconv.IsPrint` refuses: C1 controls, other spaces, format characters.
    ['a\u0085b', '"a\\u0085b"'],
    ['c\u00a0', '"c\\u00a0"'],
    ['d\u00ad', '"d\\u00ad"'],
    ['e\u2028', '"e\\u2028"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['\u007f', '"\\x7f"'],
    ['\ud800', '"\ufffd"'],
  ])('goQuote(%j) is %s', (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });
});

describe('tag rules', () => {
  const run = (fn: typeof validateSelectorTags, tags: unknown) => {
    const out = new ViolationList();
    fn(out, rootedAt('tags'), tags, { requireService: true, reservedKeys: ['kuma.io/zone'] });
    return out.items;
  };

  it('checks keys in sorted order, each key: name, reserved, value; the service tag last', () => {
    expect(run(validateSelectorTags, { z: '', 'kuma.io/zone': 'x', '': 'a b' })).toEqual([
      { field: 'tags', message: 'tag name must be non-empty' },
      {
        field: 'tags[""]',
        message:
          'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
      },
      { field: 'tags["kuma.io/zone"]', message: 'tag name must not be "kuma.io/zone"' },
      { field: 'tags["z"]', message: 'tag value must be non-empty' },
      { field: 'tags', message: 'mandatory tag "kuma.io/service" is missing' },
    ]);
  });

  it.each([
    ['x/y', true, false],
    ['*', true, false],
    ['a.b-c_d:e', true, true],
    ['a b', false, false],
  ])('value %j: selector ok=%s, tag ok=%s', (value, selectorOk, tagOk) => {
    const tags = { 'kuma.io/service': value };
    expect(run(validateSelectorTags, tags).length === 0).toBe(selectorOk);
    expect(run(validateTagValues, tags).length === 0).toBe(tagOk);
  });

  it('reads non-string values as empty', () => {
    expect(run(validateTagValues, { 'kuma.io/service': 7 })).toEqual([
      { field: 'tags["kuma.io/service"]', message: 'tag value must be non-empty' },
    ]);
  });

  it('forbids the service tag when asked to', () => {
    const out = new ViolationList();
    validateTagValues(out, rootedAt('tags'), { 'kuma.io/service': 'x' }, { forbidService: true });
    expect(out.items).toEqual([
      { field: 'tags', message: '"kuma.io/service" must not be defined' },
    ]);
  });
});

describe('hostname rules', () => {
  const gatewayHost = (hostname: string) => {
    const out = new ViolationList();
    validateGatewayHostname(out, rootedAt('hostname'), hostname);
    return out.items.map((v) => v.message);
  };
  const preciseHost = (hostname: string) => {
    const out = new ViolationList();
    validatePreciseHostname(out, rootedAt('hostname'), hostname);
    return out.items.map((v) => v.message);
  };

  it.each([
    ['*', []],
    ['*.example.com', []],
    ['example.com', []],
    ['xn--bcher-kva.example', []],
    ['*.*.example.com', ['invalid wildcard domain']],
    ['Example.com', ['invalid hostname']],
    ['exa mple.com', ['invalid hostname']],
    [`${'a'.repeat(250)}.Com`, ['must be at most 253 characters', 'invalid hostname']],
  ] as const)('listener hostname %j', (hostname, messages) => {
    expect(gatewayHost(hostname)).toEqual(messages);
  });

  it.each([
    ['example.com', []],
    ['10.0.0.1', ['cannot be an IP address']],
    ['010.0.0.1', ['cannot be an IP address']],
    ['::1', ['cannot be an IP address']],
    ['*.example.com', [MSG_DNS1123_SUBDOMAIN]],
    [
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`,
      ['must be no more than 253 characters'],
    ],
  ] as const)('redirect hostname %j', (hostname, messages) => {
    expect(preciseHost(hostname)).toEqual(messages);
  });

  it('spells the k8s RFC 1123 message exactly', () => {
    expect(MSG_DNS1123_SUBDOMAIN).toBe(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });
});

describe('IP and DNS names', () => {
  it.each([
    ['10.0.0.1', true, true],
    ['255.255.255.255', true, true],
    ['256.0.0.1', false, false],
    ['010.0.0.1', false, true],
    ['::', true, true],
    ['::1', true, true],
    ['fe80::1%eth0', false, false],
    ['0:0:0:0:0:FFFF:C0A8:0001', true, true],
    ['::ffff:192.168.0.1', true, true],
    ['1:2:3:4:5:6:7:8', true, true],
    ['1:2:3:4:5:6:7:8::', false, false],
    ['1::2::3', false, false],
    ['example.com', false, false],
  ] as const)('%j: isIP=%s isIPSloppy=%s', (value, ip, sloppy) => {
    expect(isIP(value)).toBe(ip);
    expect(isIPSloppy(value)).toBe(sloppy);
  });

  it.each([
    ['example.com', true],
    ['my_host', true],
    ['example.com.', true],
    ['localhost', true],
    ['..>_<..', false],
    ['-bad.com', false],
    ['10.0.0.1', false],
    ['', false],
  ] as const)('isDNSName(%j) is %s', (value, expected) => {
    expect(isDNSName(value)).toBe(expected);
  });

  it.each([
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '0.0.0.0', true],
    ['127.0.0.1', '::', true],
    ['127.0.0.1', '::ffff:127.0.0.1', true],
    ['127.0.0.1', '192.168.0.1', false],
    ['127.0.0.1', 'example.com', false],
  ] as const)('addressesOverlap(%j, %j) is %s', (a, b, expected) => {
    expect(addressesOverlap(a, b)).toBe(expected);
  });
});

describe('validatePort', () => {
  it.each([
    [1, true],
    [65535, true],
    ['8080', true],
    [0, false],
    [65536, false],
    [-1, false],
    [80.5, false],
    [undefined, false],
    ['http', false],
  ] as const)('port %j valid=%s', (port, ok) => {
    const out = new ViolationList();
    validatePort(out, rootedAt('port'), port);
    expect(out.items).toEqual(
      ok ? [] : [{ field: 'port', message: 'port must be in the range [1, 65535]' }],
    );
  });
});

describe('violation helpers', () => {
  const violations = [
    {
      field: 'conf.listeners[0].tls.certificates',
      message: 'cannot be empty in TLS termination mode',
    },
    { field: '', message: 'denied' },
  ];

  it('prefixes fields for Kubernetes webhook messages', () => {
    expect(prefixViolations(violations, 'spec')).toEqual([
      {
        field: 'spec.conf.listeners[0].tls.certificates',
        message: 'cannot be empty in TLS termination mode',
      },
      { field: 'spec', message: 'denied' },
    ]);
  });

  it("joins them like Kuma's ValidationError.Error()", () => {
    expect(formatViolations(violations.slice(0, 1))).toBe(
      'conf.listeners[0].tls.certificates: cannot be empty in TLS termination mode',
    );
  });
});
