// Over 400 lines: a table of protobuf messages, a row per field.
/**
 * The protobuf messages behind kuma-cp's legacy resources, field by field in declaration order
 * (the order jsonpb reads them in, which decides which error a body with several gets), from
 * `api/mesh/v1alpha1/*.proto` and `api/system/v1alpha1/datasource.proto` at 2.6.15 and 2.14.3.
 * Fields that came or went between releases carry `since` / `removedIn`.
 */
import { type MessageDescriptor, proto } from './jsonpb';

const { field, repeated, map, message, enumeration } = proto;

export const SELECTOR = message('kuma.mesh.v1alpha1.Selector', [map('match', 'string')]);

export const DATA_SOURCE = message('kuma.system.v1alpha1.DataSource', [
  field('secret', 'string', { oneof: 'type' }),
  field('file', 'string', { oneof: 'type' }),
  field('inline', 'BytesValue', { oneof: 'type' }),
  field('inlineString', 'string', { oneof: 'type' }),
]);

// MeshGateway (gateway.proto)

const TLS_MODE = enumeration('kuma.mesh.v1alpha1.MeshGateway.TLS.Mode', {
  NONE: 0,
  TERMINATE: 1,
  PASSTHROUGH: 2,
});

const LISTENER_PROTOCOL = enumeration('kuma.mesh.v1alpha1.MeshGateway.Listener.Protocol', {
  NONE: 0,
  TCP: 1,
  TLS: 3,
  HTTP: 4,
  HTTPS: 5,
});

const GATEWAY_TLS_CONF = message('kuma.mesh.v1alpha1.MeshGateway.TLS.Conf', [
  field('mode', TLS_MODE),
  repeated('certificates', DATA_SOURCE),
  field('options', message('kuma.mesh.v1alpha1.MeshGateway.TLS.Options', [])),
]);

const GATEWAY_LISTENER = message('kuma.mesh.v1alpha1.MeshGateway.Listener', [
  field('hostname', 'string'),
  field('port', 'uint32'),
  field('protocol', LISTENER_PROTOCOL),
  field('tls', GATEWAY_TLS_CONF),
  map('tags', 'string'),
  field('crossMesh', 'bool'),
  field(
    'resources',
    message('kuma.mesh.v1alpha1.MeshGateway.Listener.Resources', [
      field('connection_limit', 'uint32'),
    ]),
  ),
]);

export const MESH_GATEWAY = message('kuma.mesh.v1alpha1.MeshGateway', [
  repeated('selectors', SELECTOR),
  map('tags', 'string'),
  field(
    'conf',
    message('kuma.mesh.v1alpha1.MeshGateway.Conf', [repeated('listeners', GATEWAY_LISTENER)]),
  ),
]);

// Mesh (mesh.proto, metrics.proto)

const CA_BACKEND = message('kuma.mesh.v1alpha1.CertificateAuthorityBackend', [
  field('name', 'string'),
  field('type', 'string'),
  field(
    'dpCert',
    message('kuma.mesh.v1alpha1.CertificateAuthorityBackend.DpCert', [
      field(
        'rotation',
        message('kuma.mesh.v1alpha1.CertificateAuthorityBackend.DpCert.Rotation', [
          field('expiration', 'string'),
        ]),
      ),
      field('requestTimeout', 'Duration'),
    ]),
  ),
  field('conf', 'Struct'),
  field(
    'mode',
    enumeration('kuma.mesh.v1alpha1.CertificateAuthorityBackend.Mode', {
      STRICT: 0,
      PERMISSIVE: 1,
    }),
  ),
  field(
    'rootChain',
    message('kuma.mesh.v1alpha1.CertificateAuthorityBackend.RootChain', [
      field('requestTimeout', 'Duration'),
    ]),
  ),
]);

const TRACING_BACKEND = message('kuma.mesh.v1alpha1.TracingBackend', [
  field('name', 'string'),
  field('sampling', 'DoubleValue'),
  field('type', 'string'),
  field('conf', 'Struct'),
]);

const LOGGING_BACKEND = message('kuma.mesh.v1alpha1.LoggingBackend', [
  field('name', 'string'),
  field('format', 'string'),
  field('type', 'string'),
  field('conf', 'Struct'),
]);

export const METRICS_BACKEND = message('kuma.mesh.v1alpha1.MetricsBackend', [
  field('name', 'string'),
  field('type', 'string'),
  field('conf', 'Struct'),
]);

const CONSTRAINT_RULES = message('kuma.mesh.v1alpha1.Mesh.DataplaneProxyConstraints.Rules', [
  map('tags', 'string'),
]);

export const MESH = message('kuma.mesh.v1alpha1.Mesh', [
  field(
    'mtls',
    message('kuma.mesh.v1alpha1.Mesh.Mtls', [
      field('enabledBackend', 'string'),
      repeated('backends', CA_BACKEND),
      field('skipValidation', 'bool'),
    ]),
  ),
  field(
    'tracing',
    message('kuma.mesh.v1alpha1.Tracing', [
      field('defaultBackend', 'string'),
      repeated('backends', TRACING_BACKEND),
    ]),
  ),
  field(
    'logging',
    message('kuma.mesh.v1alpha1.Logging', [
      field('defaultBackend', 'string'),
      repeated('backends', LOGGING_BACKEND),
    ]),
  ),
  field(
    'metrics',
    message('kuma.mesh.v1alpha1.Metrics', [
      field('enabledBackend', 'string'),
      repeated('backends', METRICS_BACKEND),
    ]),
  ),
  field(
    'networking',
    message('kuma.mesh.v1alpha1.Networking', [
      field(
        'outbound',
        message('kuma.mesh.v1alpha1.Networking.Outbound', [field('passthrough', 'BoolValue')]),
      ),
    ]),
  ),
  field(
    'routing',
    message('kuma.mesh.v1alpha1.Routing', [
      field('localityAwareLoadBalancing', 'bool'),
      field('zoneEgress', 'bool'),
      field('defaultForbidMeshExternalServiceAccess', 'bool', { since: [2, 9] }),
    ]),
  ),
  field(
    'constraints',
    message('kuma.mesh.v1alpha1.Mesh.Constraints', [
      field(
        'dataplaneProxy',
        message('kuma.mesh.v1alpha1.Mesh.DataplaneProxyConstraints', [
          repeated('requirements', CONSTRAINT_RULES),
          repeated('restrictions', CONSTRAINT_RULES),
        ]),
      ),
    ]),
  ),
  repeated('skipCreatingInitialPolicies', 'string'),
  field(
    'meshServices',
    message('kuma.mesh.v1alpha1.Mesh.MeshServices', [
      field(
        'mode',
        enumeration('kuma.mesh.v1alpha1.Mesh.MeshServices.Mode', {
          Disabled: 0,
          Everywhere: 1,
          ReachableBackends: 2,
          Exclusive: 3,
        }),
      ),
    ]),
    { since: [2, 9] },
  ),
]);

/** Backend `conf` structs, read by the Mesh validator with the same jsonpb rules. */
export const BACKEND_CONFIGS = {
  datadog: message('kuma.mesh.v1alpha1.DatadogTracingBackendConfig', [
    field('address', 'string'),
    field('port', 'uint32'),
    field('splitService', 'bool'),
  ]),
  zipkin: message('kuma.mesh.v1alpha1.ZipkinTracingBackendConfig', [
    field('url', 'string'),
    field('traceId128bit', 'bool'),
    field('apiVersion', 'string'),
    field('sharedSpanContext', 'BoolValue'),
  ]),
  fileLogging: message('kuma.mesh.v1alpha1.FileLoggingBackendConfig', [field('path', 'string')]),
  tcpLogging: message('kuma.mesh.v1alpha1.TcpLoggingBackendConfig', [field('address', 'string')]),
  prometheus: message('kuma.mesh.v1alpha1.PrometheusMetricsBackendConfig', [
    field('port', 'uint32'),
    field('path', 'string'),
    map('tags', 'string'),
    field('skipMTLS', 'BoolValue'),
    repeated(
      'aggregate',
      message('kuma.mesh.v1alpha1.PrometheusAggregateMetricsConfig', [
        field('name', 'string'),
        field('port', 'uint32'),
        field('path', 'string'),
        field('enabled', 'BoolValue'),
        field('address', 'string'),
      ]),
    ),
    field(
      'envoy',
      message('kuma.mesh.v1alpha1.PrometheusEnvoyConfig', [
        field('filterRegex', 'string'),
        field('usedOnly', 'BoolValue'),
      ]),
    ),
    field(
      'tls',
      message('kuma.mesh.v1alpha1.PrometheusTlsConfig', [
        field(
          'mode',
          enumeration('kuma.mesh.v1alpha1.PrometheusTlsConfig.Mode', {
            activeMTLSBackend: 0,
            providedTLS: 1,
            disabled: 2,
          }),
        ),
      ]),
    ),
  ]),
} satisfies Record<string, MessageDescriptor>;

// Dataplane (dataplane.proto, envoy_admin.proto)

const INBOUND = message('kuma.mesh.v1alpha1.Dataplane.Networking.Inbound', [
  field('port', 'uint32'),
  field('servicePort', 'uint32'),
  field('serviceAddress', 'string'),
  field('address', 'string'),
  map('tags', 'string'),
  field(
    'health',
    message('kuma.mesh.v1alpha1.Dataplane.Networking.Inbound.Health', [field('ready', 'bool')]),
  ),
  field(
    'serviceProbe',
    message('kuma.mesh.v1alpha1.Dataplane.Networking.Inbound.ServiceProbe', [
      field('interval', 'Duration'),
      field('timeout', 'Duration'),
      field('unhealthy_threshold', 'UInt32Value'),
      field('healthy_threshold', 'UInt32Value'),
      field('tcp', message('kuma.mesh.v1alpha1.Dataplane.Networking.Inbound.ServiceProbe.Tcp', [])),
    ]),
  ),
  field(
    'state',
    enumeration('kuma.mesh.v1alpha1.Dataplane.Networking.Inbound.State', {
      Ready: 0,
      NotReady: 1,
      Ignored: 2,
    }),
  ),
  field('name', 'string', { since: [2, 8] }),
  field('protocol', 'string', { since: [2, 14] }),
]);

const OUTBOUND = message('kuma.mesh.v1alpha1.Dataplane.Networking.Outbound', [
  field('address', 'string'),
  field('port', 'uint32'),
  map('tags', 'string'),
  field(
    'backendRef',
    message('kuma.mesh.v1alpha1.Dataplane.Networking.Outbound.BackendRef', [
      field('kind', 'string'),
      field('name', 'string'),
      field('port', 'uint32'),
      map('labels', 'string'),
    ]),
    { since: [2, 7] },
  ),
]);

const GATEWAY = message('kuma.mesh.v1alpha1.Dataplane.Networking.Gateway', [
  map('tags', 'string'),
  field(
    'type',
    enumeration('kuma.mesh.v1alpha1.Dataplane.Networking.Gateway.GatewayType', {
      DELEGATED: 0,
      BUILTIN: 1,
    }),
  ),
]);

const TRANSPARENT_PROXYING = message(
  'kuma.mesh.v1alpha1.Dataplane.Networking.TransparentProxying',
  [
    field('redirect_port_inbound', 'uint32'),
    field('redirect_port_outbound', 'uint32'),
    repeated('direct_access_services', 'string'),
    field('redirect_port_inbound_v6', 'uint32', { removedIn: [2, 9] }),
    repeated('reachable_services', 'string'),
    field(
      'ip_family_mode',
      enumeration('kuma.mesh.v1alpha1.Dataplane.Networking.TransparentProxying.IpFamilyMode', {
        UnSpecified: 0,
        DualStack: 1,
        IPv4: 2,
        IPv6: 3,
      }),
      { since: [2, 9] },
    ),
    field(
      'reachable_backends',
      message('kuma.mesh.v1alpha1.Dataplane.Networking.TransparentProxying.ReachableBackends', [
        repeated(
          'refs',
          message(
            'kuma.mesh.v1alpha1.Dataplane.Networking.TransparentProxying.ReachableBackendRef',
            [
              field('kind', 'string'),
              field('name', 'string'),
              field('namespace', 'string'),
              field('port', 'UInt32Value'),
              map('labels', 'string'),
            ],
          ),
        ),
      ]),
      { since: [2, 9] },
    ),
  ],
);

const ZONE_PROXY_LISTENER = message('kuma.mesh.v1alpha1.Dataplane.Networking.Listener', [
  field(
    'type',
    enumeration('kuma.mesh.v1alpha1.Dataplane.Networking.Listener.Type', {
      Unspecified: 0,
      ZoneIngress: 1,
      ZoneEgress: 2,
    }),
  ),
  field('address', 'string'),
  field('port', 'uint32'),
  field('name', 'string'),
  field(
    'state',
    enumeration('kuma.mesh.v1alpha1.Dataplane.Networking.Listener.State', {
      Ready: 0,
      NotReady: 1,
    }),
  ),
]);

export const DATAPLANE = message('kuma.mesh.v1alpha1.Dataplane', [
  field(
    'networking',
    message('kuma.mesh.v1alpha1.Dataplane.Networking', [
      field('address', 'string'),
      field('advertisedAddress', 'string'),
      field('gateway', GATEWAY),
      repeated('inbound', INBOUND),
      repeated('outbound', OUTBOUND),
      field('transparent_proxying', TRANSPARENT_PROXYING),
      field('admin', message('kuma.mesh.v1alpha1.EnvoyAdmin', [field('port', 'uint32')])),
      repeated('listeners', ZONE_PROXY_LISTENER, { since: [2, 14] }),
    ]),
  ),
  field('metrics', METRICS_BACKEND),
  field(
    'probes',
    message('kuma.mesh.v1alpha1.Dataplane.Probes', [
      field('port', 'uint32'),
      repeated(
        'endpoints',
        message('kuma.mesh.v1alpha1.Dataplane.Probes.Endpoint', [
          field('inbound_port', 'uint32'),
          field('inbound_path', 'string'),
          field('path', 'string'),
        ]),
      ),
    ]),
  ),
]);
