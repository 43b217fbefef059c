import { describe, expect, it } from 'vitest';
import {
  MSG_MESH_CHARS,
  MSG_NAME_RFC1123,
  validateMeshReference,
  validateResourceName,
} from './resource-name';

describe('validateResourceName', () => {
  it.each(['edge-gateway', 'a', '0', 'foo.example.com', 'a'.repeat(253)])('accepts %j', (name) => {
    expect(validateResourceName(name)).toEqual([]);
  });

  it.each([
    ['', 'cannot be empty'],
    ['a'.repeat(254), 'value length must less or equal 253'],
    ['Edge', MSG_NAME_RFC1123],
    ['edge_gateway', MSG_NAME_RFC1123],
    ['-edge', MSG_NAME_RFC1123],
    ['edge-', MSG_NAME_RFC1123],
    ['edge..gw', MSG_NAME_RFC1123],
    ['edge/gw', MSG_NAME_RFC1123],
  ])('rejects %j with %j', (name, message) => {
    expect(validateResourceName(name)).toEqual([{ field: 'name', message }]);
  });

  it('uses the exact RFC 1123 wording', () => {
    expect(MSG_NAME_RFC1123).toBe(
      "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    );
  });
});

describe('validateMeshReference', () => {
  it.each(['default', 'team_a', 'team-a.1'])('accepts %j', (mesh) => {
    expect(validateMeshReference(mesh)).toEqual([]);
  });

  it.each([
    ['', 'cannot be empty'],
    ['Default', MSG_MESH_CHARS],
    ['team a', MSG_MESH_CHARS],
  ])('rejects %j with %j', (mesh, message) => {
    expect(validateMeshReference(mesh)).toEqual([{ field: 'mesh', message }]);
  });
});
