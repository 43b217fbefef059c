/**
 * What kuma-cp 2.6.15 and 2.14.3 stored and served for these Mesh bodies (golang/protobuf's
 * jsonpb), checked through the descriptors the demo uses.
 */
import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../../version';
import { decodeJsonpb, encodeJsonpb } from './jsonpb';
import { MESH } from './legacy-messages';

const version = parseKumaVersion('2.14.3');
const roundTrip = (text: string) => encodeJsonpb(decodeJsonpb(text, MESH, version), MESH, version);

const zipkin = (backend: string, conf = '') =>
  `{"tracing":{"backends":[{"name":"z","type":"zipkin",${backend}"conf":{${conf}"url":"http://zipkin:9411/x"}}]}}`;

describe('jsonpb', () => {
  it('takes the quoted non-finite names for a double, and writes them back', () => {
    expect(roundTrip(zipkin('"sampling":"NaN",'))).toEqual({
      tracing: {
        backends: [
          { name: 'z', sampling: 'NaN', type: 'zipkin', conf: { url: 'http://zipkin:9411/x' } },
        ],
      },
    });
    expect(() => roundTrip(zipkin('"sampling":"nan",'))).toThrow();
  });

  it('keeps a string "0": only 64-bit integers are zero as "0"', () => {
    expect(roundTrip('{"tracing":{"defaultBackend":"0"}}')).toEqual({
      tracing: { defaultBackend: '0' },
    });
  });

  it('keeps a `__proto__` key of a Struct as a key, and sorts the keys', () => {
    const mesh = roundTrip(zipkin('', '"__proto__":{"x":1},"b":{"z":1,"a":2},'));
    const { backends } = mesh.tracing as { backends: { conf: object }[] };
    const conf = backends[0]!.conf;
    expect(Object.keys(conf)).toEqual(['__proto__', 'b', 'url']);
    expect(Object.getPrototypeOf(conf)).toBe(Object.prototype);
    expect(JSON.stringify(conf)).toBe(
      '{"__proto__":{"x":1},"b":{"a":2,"z":1},"url":"http://zipkin:9411/x"}',
    );
  });
});
