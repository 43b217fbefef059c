import { z } from 'zod/mini';

/**
 * Structural schemas of Kuma's resources, built twice from one description:
 * - `strict`: what the control plane accepts on PUT (protojson rejects unknown fields and wrong
 *   types before any validation rule runs); the demo control plane uses it;
 * - `loose`: what a dashboard accepts on GET from any version (unknown fields pass, optional
 *   ones may be absent); the SPA parses responses with it.
 */
export type SchemaMode = 'strict' | 'loose';

export function kumaSchemas(mode: SchemaMode) {
  const object = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
    mode === 'strict' ? z.strictObject(shape) : z.looseObject(shape);
  const stringMap = z.record(z.string(), z.string());
  const counter = z.union([z.string(), z.number()]);
  const port = z.int();

  const meta = {
    type: z.string(),
    mesh: z.optional(z.string()),
    name: z.string(),
    creationTime: z.optional(z.string()),
    modificationTime: z.optional(z.string()),
    labels: z.optional(stringMap),
    kri: z.optional(z.string()),
  };

  const backendRefTarget = object({
    kind: z.string(),
    name: z.optional(z.string()),
    namespace: z.optional(z.string()),
    port: z.optional(port),
    sectionName: z.optional(z.string()),
    labels: z.optional(stringMap),
  });

  const dataSource = object({
    secret: z.optional(z.string()),
    inline: z.optional(z.string()),
    inlineString: z.optional(z.string()),
    file: z.optional(z.string()),
  });

  const mesh = object({
    ...meta,
    mtls: z.optional(
      object({
        enabledBackend: z.optional(z.string()),
        backends: z.optional(
          z.array(
            object({
              name: z.string(),
              type: z.string(),
              dpCert: z.optional(z.unknown()),
              conf: z.optional(z.unknown()),
              mode: z.optional(z.string()),
              rootChain: z.optional(z.unknown()),
            }),
          ),
        ),
        skipValidation: z.optional(z.boolean()),
      }),
    ),
    meshServices: z.optional(object({ mode: z.optional(z.string()) })),
    networking: z.optional(z.unknown()),
    routing: z.optional(z.unknown()),
    constraints: z.optional(z.unknown()),
    logging: z.optional(z.unknown()),
    metrics: z.optional(z.unknown()),
    tracing: z.optional(z.unknown()),
    skipCreatingInitialPolicies: z.optional(z.array(z.string())),
  });

  const inbound = object({
    port: z.optional(port),
    servicePort: z.optional(port),
    serviceAddress: z.optional(z.string()),
    address: z.optional(z.string()),
    name: z.optional(z.string()),
    tags: z.optional(stringMap),
    health: z.optional(object({ ready: z.optional(z.boolean()) })),
    state: z.optional(z.string()),
    serviceProbe: z.optional(z.unknown()),
  });

  const outbound = object({
    port: z.optional(port),
    address: z.optional(z.string()),
    tags: z.optional(stringMap),
    backendRef: z.optional(backendRefTarget),
  });

  const networking = object({
    address: z.optional(z.string()),
    advertisedAddress: z.optional(z.string()),
    gateway: z.optional(object({ type: z.optional(z.string()), tags: z.optional(stringMap) })),
    inbound: z.optional(z.array(inbound)),
    outbound: z.optional(z.array(outbound)),
    listeners: z.optional(z.array(z.unknown())),
    admin: z.optional(object({ port: z.optional(port) })),
    transparentProxying: z.optional(z.record(z.string(), z.unknown())),
  });

  const dataplane = object({
    ...meta,
    networking: z.optional(networking),
    probes: z.optional(z.unknown()),
    metrics: z.optional(z.unknown()),
  });

  const listener = object({
    port: z.optional(port),
    protocol: z.optional(z.string()),
    hostname: z.optional(z.string()),
    tls: z.optional(
      object({
        mode: z.optional(z.string()),
        certificates: z.optional(z.array(dataSource)),
        options: z.optional(object({})),
      }),
    ),
    tags: z.optional(stringMap),
    crossMesh: z.optional(z.boolean()),
    resources: z.optional(object({ connectionLimit: z.optional(port) })),
  });

  const meshGateway = object({
    ...meta,
    selectors: z.optional(z.array(object({ match: z.optional(stringMap) }))),
    tags: z.optional(stringMap),
    conf: z.optional(object({ listeners: z.optional(z.array(listener)) })),
  });

  const targetRef = object({
    kind: z.string(),
    name: z.optional(z.string()),
    namespace: z.optional(z.string()),
    mesh: z.optional(z.string()),
    tags: z.optional(stringMap),
    labels: z.optional(stringMap),
    sectionName: z.optional(z.string()),
    proxyTypes: z.optional(z.array(z.string())),
  });

  const backendRef = object({
    kind: z.string(),
    name: z.optional(z.string()),
    namespace: z.optional(z.string()),
    port: z.optional(port),
    sectionName: z.optional(z.string()),
    labels: z.optional(stringMap),
    tags: z.optional(stringMap),
    weight: z.optional(z.int()),
  });

  const headerModifier = object({
    set: z.optional(z.array(object({ name: z.string(), value: z.string() }))),
    add: z.optional(z.array(object({ name: z.string(), value: z.string() }))),
    remove: z.optional(z.array(z.string())),
  });

  const pathModifier = object({
    type: z.string(),
    replaceFullPath: z.optional(z.string()),
    replacePrefixMatch: z.optional(z.string()),
  });

  const httpFilter = object({
    type: z.string(),
    requestHeaderModifier: z.optional(headerModifier),
    responseHeaderModifier: z.optional(headerModifier),
    requestRedirect: z.optional(
      object({
        scheme: z.optional(z.string()),
        hostname: z.optional(z.string()),
        path: z.optional(pathModifier),
        port: z.optional(port),
        statusCode: z.optional(z.int()),
      }),
    ),
    urlRewrite: z.optional(
      object({
        hostname: z.optional(z.string()),
        path: z.optional(pathModifier),
        hostToBackendHostname: z.optional(z.boolean()),
      }),
    ),
    requestMirror: z.optional(
      object({
        backendRef: backendRef,
        percentage: z.optional(z.union([z.string(), z.number()])),
      }),
    ),
  });

  const httpMatch = object({
    path: z.optional(object({ type: z.string(), value: z.string() })),
    method: z.optional(z.string()),
    headers: z.optional(
      z.array(
        object({ type: z.optional(z.string()), name: z.string(), value: z.optional(z.string()) }),
      ),
    ),
    queryParams: z.optional(
      z.array(object({ type: z.string(), name: z.string(), value: z.string() })),
    ),
  });

  const policy = <Spec extends z.ZodMiniType>(spec: Spec) =>
    object({ ...meta, spec: z.optional(spec), status: z.optional(z.unknown()) });

  const httpRule = object({
    matches: z.optional(z.array(httpMatch)),
    default: object({
      filters: z.optional(z.array(httpFilter)),
      backendRefs: z.optional(z.array(backendRef)),
    }),
  });

  const meshHttpRoute = policy(
    object({
      targetRef: z.optional(targetRef),
      to: z.optional(
        z.array(
          object({
            targetRef,
            hostnames: z.optional(z.array(z.string())),
            rules: z.optional(z.array(httpRule)),
          }),
        ),
      ),
    }),
  );

  const tcpRule = object({ default: object({ backendRefs: z.optional(z.array(backendRef)) }) });

  const meshTcpRoute = policy(
    object({
      targetRef: z.optional(targetRef),
      to: z.optional(z.array(object({ targetRef, rules: z.optional(z.array(tcpRule)) }))),
    }),
  );

  const meshTrafficPermission = policy(
    object({
      targetRef: z.optional(targetRef),
      from: z.optional(
        z.array(
          object({ targetRef, default: z.optional(object({ action: z.optional(z.string()) })) }),
        ),
      ),
      rules: z.optional(z.array(z.unknown())),
    }),
  );

  const meshService = policy(
    object({
      selector: z.optional(
        object({
          dataplaneTags: z.optional(stringMap),
          dataplaneRef: z.optional(object({ name: z.string() })),
        }),
      ),
      ports: z.optional(
        z.array(
          object({
            port,
            targetPort: z.optional(z.union([z.int(), z.string()])),
            appProtocol: z.optional(z.string()),
            name: z.optional(z.string()),
          }),
        ),
      ),
      state: z.optional(z.string()),
      identities: z.optional(z.array(object({ type: z.string(), value: z.string() }))),
    }),
  );

  const subscription = object({
    id: z.string(),
    controlPlaneInstanceId: z.string(),
    connectTime: z.optional(z.string()),
    disconnectTime: z.optional(z.string()),
    status: z.optional(z.record(z.string(), z.unknown())),
    version: z.optional(z.record(z.string(), z.unknown())),
    generation: z.optional(z.number()),
  });

  const dataplaneInsight = object({
    subscriptions: z.optional(z.array(subscription)),
    mTLS: z.optional(z.record(z.string(), z.unknown())),
    metadata: z.optional(z.record(z.string(), z.unknown())),
  });

  const dataplaneOverview = object({
    ...meta,
    mesh: z.string(),
    dataplane: object({ networking }),
    dataplaneInsight: z.optional(dataplaneInsight),
  });

  return {
    counter,
    mesh,
    dataplane,
    meshGateway,
    meshHttpRoute,
    meshTcpRoute,
    meshTrafficPermission,
    meshService,
    dataplaneOverview,
    dataplaneInsight,
  };
}

/** Protojson-style message for the first structural problem, as kuma-cp words it. */
export function describeSchemaIssue(error: { issues: readonly z.core.$ZodIssue[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid object';
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const field = issue.keys[0] ?? '';
    return `unknown field "${path ? `${path}.` : ''}${field}"`;
  }
  if (issue.code === 'invalid_type') {
    return `invalid value for ${issue.expected} field ${path || '(root)'}`;
  }
  return `${path || '(root)'}: ${issue.message}`;
}
